"""What a published review shows, on the public formation page and in the CFA space.

Privacy by threshold (DESIGN.md, rule 4): no text of a formation with fewer than
`SIRIUS_PUBLICATION_THRESHOLD` submitted responses is shown, to the public or to the CFA.
"""

from django.conf import settings
from django.db.models import Count, Q

from sirius.moderation.enums import ModerationStatus

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


def reply_status_label(reply):
    """How the CFA sees its reply: in review, published, or not published and why."""
    if reply.status == ModerationStatus.REJECTED:
        return f"Non publiée : {reply.get_rejection_reason_display().lower()}"
    return REPLY_STATUS_LABELS.get(reply.status, "Non publiée")
