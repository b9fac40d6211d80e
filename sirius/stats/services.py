"""Incremental upkeep of the aggregates, inside the transaction of the change it follows.

- a submitted response is counted once (`response_count`, a task enqueued at submission; the
  response's `stats_counted_at` makes a retried task harmless);
- a withdrawn response is taken out before it is deleted (`response_uncount`);
- a verbatim entering or leaving publication moves its themes (`verbatim_publication_changed`).

Rows are locked in one global order (scope, key, niveau) so concurrent updates never deadlock.
A row whose counts all fall back to zero is deleted: `recompute_stats` would not create it.
"""

import logging

from django.db import IntegrityError, transaction
from django.db.models import Q
from django.utils import timezone

from sirius.questionnaires.models import QuestionnaireVersion

from .contributions import answers_apply, score_answer, targets, themes_apply
from .models import Aggregate

logger = logging.getLogger(__name__)


def _matching(keys):
    condition = Q()
    for scope, key, niveau in keys:
        condition |= Q(scope=scope, key=key, niveau=niveau)
    return Aggregate.objects.filter(condition)


def _locked_rows(formation):
    """The formation's aggregate rows, created when missing, locked in (scope, key, niveau)
    order (two queries and the inserts of rows seen for the first time)."""
    keys = targets(formation)
    existing = set(_matching(keys).values_list("scope", "key", "niveau"))
    for scope, key, niveau in keys:
        if (scope, key, niveau) in existing:
            continue
        try:
            with transaction.atomic():
                Aggregate.objects.create(scope=scope, key=key, niveau=niveau)
        except IntegrityError:  # created by a concurrent transaction meanwhile
            pass
    return list(_matching(keys).select_for_update().order_by("scope", "key", "niveau"))


COUNTERS = ("responses", "score_sum", "score_count", "published_verbatims")


def _save_or_delete(row):
    drifted = [name for name in COUNTERS if getattr(row, name) < 0]
    if drifted:
        # Only a bug or a hand-made change can get here: keep moderation and withdrawals
        # working, and say how to get exact numbers back.
        logger.error(
            "aggregate %s went below zero (%s): run `manage.py recompute_stats`",
            row,
            ", ".join(drifted),
        )
        for name in drifted:
            setattr(row, name, 0)
    if not row.responses and not row.published_verbatims and not row.answers and not row.themes:
        row.delete()
    else:
        row.save()


def _response_apply(response, sign):
    definition = QuestionnaireVersion.objects.get_cached(response.questionnaire_version_id).parsed
    score = score_answer(response.answers)
    for row in _locked_rows(response.formation):
        row.responses += sign
        if score is not None:
            row.score_sum += sign * score
            row.score_count += sign
        answers_apply(row.answers, definition, response.answers, sign)
        _save_or_delete(row)


@transaction.atomic
def response_count(*, response, now=None):
    """Count a submitted response in its aggregates once; return whether it was counted now."""
    from sirius.responses.models import Response

    locked = (
        Response.objects.select_for_update()
        .filter(pk=response.pk, submitted_at__isnull=False, stats_counted_at__isnull=True)
        .select_related("questionnaire_version", "formation__formateur", "formation__gestionnaire")
        .first()
    )
    if locked is None:  # withdrawn, not submitted, or already counted
        return False
    _response_apply(locked, +1)
    locked.stats_counted_at = now or timezone.now()
    locked.save(update_fields=["stats_counted_at"])
    return True


@transaction.atomic
def response_uncount(*, response):
    """Take a counted response out of its aggregates (the caller deletes it, in its transaction)."""
    if response.stats_counted_at is None:
        return False
    _response_apply(response, -1)
    return True


@transaction.atomic
def verbatim_publication_changed(*, verbatim, sign):
    """+1 when a verbatim becomes public, -1 when it stops being public (or is withdrawn)."""
    pairs = list(verbatim.themes.values_list("theme", "tone"))
    for row in _locked_rows(verbatim.response.formation):
        row.published_verbatims += sign
        themes_apply(row.themes, pairs, sign)
        _save_or_delete(row)
