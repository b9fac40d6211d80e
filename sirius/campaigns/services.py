from datetime import datetime, time, timedelta

from django.db import transaction
from django.utils import timezone

from sirius.audit.services import event_record
from sirius.questionnaires.models import QuestionnaireVersion

from .models import Campaign, Invitation
from .tokens import token_derive, token_hash, token_salt_new

# The link keeps working after the campaign closes, so that the respondent can still withdraw.
INVITATION_LIFETIME_AFTER_CLOSE = timedelta(days=90)


class CampaignError(ValueError):
    pass


@transaction.atomic
def campaign_create(
    *,
    formation,
    name,
    opens_on,
    closes_on,
    invitations_enabled=True,
    open_link_enabled=False,
    questionnaire_version=None,
    acting_user=None,
):
    if not (invitations_enabled or open_link_enabled):
        raise CampaignError("Choisis au moins un mode : invitations personnelles ou lien ouvert.")
    if closes_on < opens_on:
        raise CampaignError("La date de fermeture doit suivre la date d'ouverture.")
    version = questionnaire_version or QuestionnaireVersion.objects.latest_published()
    if version is None or not version.is_published:
        raise CampaignError("Aucune version publiée du questionnaire n'est disponible.")
    campaign = Campaign.objects.create(
        formation=formation,
        name=name,
        opens_on=opens_on,
        closes_on=closes_on,
        invitations_enabled=invitations_enabled,
        open_link_enabled=open_link_enabled,
        questionnaire_version=version,
        created_by=acting_user if acting_user and acting_user.is_authenticated else None,
    )
    event_record(verb="campaign.created", actor=acting_user, obj=campaign)
    return campaign


def invitation_expiry(campaign):
    closing = datetime.combine(campaign.closes_on + timedelta(days=1), time.min)
    return timezone.make_aware(closing) + INVITATION_LIFETIME_AFTER_CLOSE


@transaction.atomic
def invitation_create(*, campaign, acting_user=None):
    """A new invitation and its raw token: the only time the token exists in clear."""
    if not campaign.invitations_enabled:
        raise CampaignError("Cette campagne n'accepte pas les invitations personnelles.")
    salt = token_salt_new()
    raw_token = token_derive(salt)
    invitation = Invitation.objects.create(
        campaign=campaign,
        token_salt=salt,
        token_hash=token_hash(raw_token),
        expires_at=invitation_expiry(campaign),
    )
    event_record(
        verb="invitation.created",
        actor=acting_user,
        obj=invitation,
        data={"campaign": str(campaign.public_id)},
    )
    return invitation, raw_token
