"""Follow-up counts of campaigns, for the CFA space.

Only counts: no per-person data ever leaves this module (privacy rule 4).
"""

from dataclasses import dataclass

from django.conf import settings
from django.db.models import Count, IntegerField, OuterRef, Q, Subquery
from django.db.models.functions import Coalesce

from sirius.responses.enums import Channel
from sirius.responses.models import Response

from .enums import InvitationState
from .models import Invitation


def publication_threshold():
    """Below this many submitted responses, results stay hidden (DESIGN.md, rule 4)."""
    return settings.SIRIUS_PUBLICATION_THRESHOLD


@dataclass(frozen=True)
class FollowUp:
    invited: int
    sent: int
    bounced: int
    unsubscribed: int
    link_opened: int
    started: int
    completed: int
    completed_by_invitation: int
    completed_by_open_link: int

    @property
    def response_rate(self):
        """Completed through a personal invitation / invited, in percent; None without invites."""
        if not self.invited:
            return None
        return round(100 * self.completed_by_invitation / self.invited)


def campaign_follow_up(campaign):
    """The follow-up of one campaign, in two queries."""
    invitations = Invitation.objects.filter(campaign=campaign).aggregate(
        invited=Count("pk"),
        sent=Count("pk", filter=Q(sent_at__isnull=False)),
        bounced=Count("pk", filter=Q(state=InvitationState.BOUNCED)),
        unsubscribed=Count("pk", filter=Q(state=InvitationState.UNSUBSCRIBED)),
        link_opened=Count("pk", filter=Q(opened_at__isnull=False)),
    )
    submitted = Q(submitted_at__isnull=False)
    responses = Response.objects.filter(campaign=campaign).aggregate(
        started=Count("pk", filter=Q(submitted_at__isnull=True)),
        completed=Count("pk", filter=submitted),
        completed_by_invitation=Count("pk", filter=submitted & Q(channel=Channel.INVITATION)),
        completed_by_open_link=Count("pk", filter=submitted & Q(channel=Channel.OPEN_LINK)),
    )
    return FollowUp(**invitations, **responses)


def _count(queryset):
    counted = queryset.order_by().values("campaign").annotate(total=Count("pk")).values("total")
    return Coalesce(Subquery(counted, output_field=IntegerField()), 0)


def with_counts(campaigns):
    """Campaigns annotated with `invited_count` and `completed_count`, without joins."""
    return campaigns.annotate(
        invited_count=_count(Invitation.objects.filter(campaign=OuterRef("pk"))),
        completed_count=_count(
            Response.objects.filter(campaign=OuterRef("pk"), submitted_at__isnull=False)
        ),
    )
