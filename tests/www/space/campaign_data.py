"""A campaign with a known set of invitations and responses, for follow-up tests."""

from django.utils import timezone

from sirius.campaigns.enums import InvitationState
from sirius.responses.enums import Channel
from sirius.responses.models import Response
from tests.factories import CampaignFactory, invitation_create_for_test


def _response(campaign, invitation=None, submitted=True):
    now = timezone.now()
    return Response.objects.create(
        campaign=campaign,
        formation=campaign.formation,
        questionnaire_version=campaign.questionnaire_version,
        channel=Channel.INVITATION if invitation else Channel.OPEN_LINK,
        invitation=invitation,
        started_at=now,
        last_saved_at=now,
        submitted_at=now if submitted else None,
    )


def follow_up_campaign(formation):
    """8 invited: 6 sent (1 bounced, 1 unsubscribed), 4 opened, 3 answered and 1 in progress by
    invitation; 1 completed and 1 in progress through the open link."""
    campaign = CampaignFactory(formation=formation)
    now = timezone.now()
    invitations = [invitation_create_for_test(campaign)[0] for _ in range(8)]
    for invitation in invitations[:6]:
        invitation.sent_at = now
        invitation.state = InvitationState.SENT
    invitations[4].state = InvitationState.BOUNCED
    invitations[5].state = InvitationState.UNSUBSCRIBED
    for invitation in invitations[:4]:
        invitation.opened_at = now
    for invitation in invitations[:3]:
        invitation.state = InvitationState.ANSWERED
        invitation.answered_at = now
    for invitation in invitations:
        invitation.save()
    for invitation in invitations[:3]:
        _response(campaign, invitation)
    _response(campaign, invitations[3], submitted=False)
    _response(campaign)
    _response(campaign, submitted=False)
    return campaign
