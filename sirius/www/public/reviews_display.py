"""What a published review shows, on the public formation page and in the CFA space.

Privacy by threshold (DESIGN.md, rule 4): no text of a formation with fewer than
`SIRIUS_PUBLICATION_THRESHOLD` submitted responses is shown, to the public or to the CFA.
"""

from django.conf import settings
from django.db.models import Count, Q
from django.db.models.fields.json import KeyTextTransform

from sirius.moderation.enums import ModerationStatus
from sirius.responses.models import Response

# The question of the default questionnaire that dates the experience (Code de la consommation,
# D111-17): the year the apprentice started the formation.
TRAINING_START_QUESTION = "annee_debut"

REPLY_STATUS_LABELS = {
    ModerationStatus.PENDING: "En cours de relecture",
    ModerationStatus.PUBLISHED: "Publiée",
    ModerationStatus.PUBLISHED_MASKED: "Publiée",
}


def publication_threshold():
    return settings.SIRIUS_PUBLICATION_THRESHOLD


def with_submitted_count(formations):
    return formations.annotate(
        submitted_count=Count("responses", filter=Q(responses__submitted_at__isnull=False))
    )


def formations_publishable(formations):
    """The formations with enough submitted responses for their reviews to be shown."""
    return with_submitted_count(formations).filter(submitted_count__gte=publication_threshold())


def formation_submitted_count(formation):
    return Response.objects.filter(formation=formation).submitted().count()


def with_training_start(verbatims):
    """Annotate `training_start`: the raw answer to « annee_debut » (« 2025 », « avant_2023 »)."""
    return verbatims.annotate(
        training_start=KeyTextTransform(TRAINING_START_QUESTION, "response__answers")
    )


def training_period_label(training_start):
    """« Formation commencée en 2025 », or "" when the questionnaire did not ask."""
    value = str(training_start or "")
    if value.isdigit():
        return f"Formation commencée en {value}"
    if value.startswith("avant_") and value.removeprefix("avant_").isdigit():
        return f"Formation commencée avant {value.removeprefix('avant_')}"
    return ""


def reply_status_label(reply):
    """How the CFA sees its reply: in review, published, or not published and why."""
    if reply.status == ModerationStatus.REJECTED:
        return f"Non publiée : {reply.get_rejection_reason_display().lower()}"
    return REPLY_STATUS_LABELS.get(reply.status, "Non publiée")
