"""Rebuild every aggregate from the responses and published verbatims, from scratch.

Adds up with the same functions as the incremental upkeep (`contributions`), so the result is
the same to the unit; the tests hold it. The whole rebuild is one transaction: readers see the
old aggregates until it commits, and incremental updates wait for it. Memory grows with the
number of aggregate rows (about twelve per formation with responses), not with the number of
responses, which are streamed.
"""

from collections import defaultdict

from django.db import connection, transaction
from django.utils import timezone

from sirius.moderation.enums import PUBLIC_STATUSES
from sirius.moderation.models import VerbatimTheme
from sirius.questionnaires.models import QuestionnaireVersion
from sirius.referentiel.models import Formation
from sirius.responses.models import Response, Verbatim

from .contributions import answers_apply, score_answer, targets, themes_apply
from .models import Aggregate

BATCH = 2000


def _new_row():
    return {
        "responses": 0,
        "score_sum": 0,
        "score_count": 0,
        "published_verbatims": 0,
        "answers": {},
        "themes": {},
    }


def _targets_by_formation():
    cache = {}

    def get(formation_id):
        if formation_id not in cache:
            formation = Formation.objects.select_related("formateur", "gestionnaire").get(
                pk=formation_id
            )
            cache[formation_id] = targets(formation)
        return cache[formation_id]

    return get


def aggregates_compute():
    """{(scope, key, niveau): row fields} for every submitted response and published verbatim."""
    rows = defaultdict(_new_row)
    targets_of = _targets_by_formation()
    definitions = {}
    responses = (
        Response.objects.submitted()
        .filter(stats_counted_at__isnull=False)
        .order_by("pk")
        .values_list("pk", "formation_id", "questionnaire_version_id", "answers")
    )
    for _pk, formation_id, version_id, answers in responses.iterator(chunk_size=BATCH):
        if version_id not in definitions:
            definitions[version_id] = QuestionnaireVersion.objects.get_cached(version_id).parsed
        score = score_answer(answers)
        for target in targets_of(formation_id):
            row = rows[target]
            row["responses"] += 1
            if score is not None:
                row["score_sum"] += score
                row["score_count"] += 1
            answers_apply(row["answers"], definitions[version_id], answers, +1)
    themes_by_verbatim = defaultdict(list)
    published = Verbatim.objects.filter(status__in=PUBLIC_STATUSES)
    for verbatim_id, theme, tone in (
        VerbatimTheme.objects.filter(verbatim__in=published)
        .order_by("verbatim_id", "theme")
        .values_list("verbatim_id", "theme", "tone")
        .iterator(chunk_size=BATCH)
    ):
        themes_by_verbatim[verbatim_id].append((theme, tone))
    for verbatim_id, formation_id in (
        published.order_by("pk").values_list("pk", "response__formation_id").iterator(BATCH)
    ):
        for target in targets_of(formation_id):
            row = rows[target]
            row["published_verbatims"] += 1
            themes_apply(row["themes"], themes_by_verbatim.get(verbatim_id, []), +1)
    return rows


@transaction.atomic
def aggregates_recompute(*, now=None):
    """Replace every aggregate by a fresh count; return the number of rows written."""
    now = now or timezone.now()
    # Responses submitted from now on are left to their own counting task. Marking them first,
    # then locking, never deadlocks with a task that holds a response and waits for the table.
    Response.objects.filter(submitted_at__isnull=False, stats_counted_at__isnull=True).update(
        stats_counted_at=now
    )
    if connection.vendor == "postgresql":
        # Incremental updates wait until the rebuild commits, then apply on top of it. (SQLite
        # lets one writer at a time anyway.)
        with connection.cursor() as cursor:
            cursor.execute(f"LOCK TABLE {Aggregate._meta.db_table} IN EXCLUSIVE MODE")
    rows = aggregates_compute()
    Aggregate.objects.all().delete()
    Aggregate.objects.bulk_create(
        (
            Aggregate(scope=scope, key=key, niveau=niveau, **fields)
            for (scope, key, niveau), fields in rows.items()
        ),
        batch_size=BATCH,
    )
    return len(rows)
