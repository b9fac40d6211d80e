"""Analyse a stored text and apply the publication policy.

Policy: an alert is never published (status « alerte », referents emailed); anything else the
analysis flags waits for a moderator; an unflagged text is published at once when
SIRIUS_MODERATION_AUTO_PUBLISH is on (the default), else it waits too. Every automatic change is
a decision without actor. Analysing twice is harmless: a text already analysed is left alone,
so a task retried after a crash neither re-decides nor re-sends.
"""

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from sirius.responses.models import Verbatim

from .analysis import AnalysisContext, analyse_text
from .decisions import text_moderate
from .enums import ModerationStatus
from .models import EstablishmentReply, VerbatimTheme


def analysis_context(formation):
    """Names of the formation's centres and its commune: not personal data in its reviews."""
    terms = {formation.localite}
    for establishment in (formation.formateur, formation.gestionnaire):
        terms.update((establishment.enseigne, establishment.raison_sociale, establishment.localite))
    return AnalysisContext(allowed_terms=tuple(sorted(term for term in terms if term)))


def _store(target, analysis, now):
    target.analysis = analysis.to_json()
    target.analysed_at = now
    target.flag_personal_data = bool(analysis.spans)
    target.flag_insult = analysis.insult
    target.flag_alert = analysis.alert
    target.pepite = analysis.pepite
    target.save(
        update_fields=[
            "analysis",
            "analysed_at",
            "flag_personal_data",
            "flag_insult",
            "flag_alert",
            "pepite",
        ]
    )


def _route(target, analysis, *, can_alert, now):
    if analysis.alert and can_alert:
        text_moderate(target=target, actor=None, to_status=ModerationStatus.ALERT, now=now)
    elif not analysis.flagged and settings.SIRIUS_MODERATION_AUTO_PUBLISH:
        text_moderate(target=target, actor=None, to_status=ModerationStatus.PUBLISHED, now=now)


def verbatim_analyse(verbatim, *, now=None):
    """Analyse one verbatim (outside any lock: spaCy takes milliseconds), then store and route."""
    if verbatim.analysed_at is not None:
        return False
    formation = verbatim.response.formation
    analysis = analyse_text(verbatim.text, analysis_context(formation))
    now = now or timezone.now()
    with transaction.atomic():
        locked = Verbatim.objects.select_for_update().get(pk=verbatim.pk)
        if locked.analysed_at is not None or locked.status != ModerationStatus.PENDING:
            return False
        _store(locked, analysis, now)
        VerbatimTheme.objects.bulk_create(
            VerbatimTheme(verbatim=locked, theme=found.theme, tone=found.tone)
            for found in analysis.themes
        )
        _route(locked, analysis, can_alert=True, now=now)
    return True


def reply_analyse(reply, *, now=None):
    """Analyse a CFA reply: same policy, except that danger words only hold it for a moderator."""
    if reply.analysed_at is not None:
        return False
    analysis = analyse_text(reply.text, analysis_context(reply.verbatim.response.formation))
    now = now or timezone.now()
    with transaction.atomic():
        locked = EstablishmentReply.objects.select_for_update().get(pk=reply.pk)
        if locked.analysed_at is not None or locked.status != ModerationStatus.PENDING:
            return False
        _store(locked, analysis, now)
        _route(locked, analysis, can_alert=False, now=now)
    return True
