import re
from datetime import date, datetime, time, timedelta

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from sirius.accounts.perms import can_manage_campaigns
from sirius.audit.services import event_record
from sirius.questionnaires.models import QuestionnaireVersion
from sirius.referentiel.models import Formation

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
        raise CampaignError(
            "Choisissez au moins un mode : invitations personnelles ou lien ouvert."
        )
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


def _check_new_dates(*, opens_on, closes_on, today):
    """The date rules of a new campaign, as errors on the form's fields."""
    errors = {}
    if opens_on < today:
        errors["opens_on"] = "La date d'ouverture ne peut pas être passée."
    if closes_on < opens_on:
        errors["closes_on"] = "La date de fermeture doit être postérieure à la date d'ouverture."
    if errors:
        raise ValidationError(errors)


@transaction.atomic
def campaigns_create_for_formations(
    *,
    formations,
    name,
    opens_on,
    closes_on,
    invitations_enabled=True,
    open_link_enabled=False,
    questionnaire_version=None,
    acting_user=None,
    today=None,
):
    """One campaign per formation, with the same name, dates, modes and questionnaire version.

    With an `acting_user`, every formation must be in their scope: all or nothing.
    """
    today = today or timezone.localdate()
    formations = list(dict.fromkeys(formations))
    if not formations:
        raise ValidationError({"formations": "Choisissez au moins une formation."})
    if acting_user is not None:
        if not can_manage_campaigns(acting_user):
            raise CampaignError("Votre compte ne permet pas de créer de campagne.")
        visible = set(
            Formation.objects.visible_to(acting_user)
            .filter(pk__in=[formation.pk for formation in formations])
            .values_list("pk", flat=True)
        )
        if any(formation.pk not in visible for formation in formations):
            raise ValidationError(
                {"formations": "Vous ne pouvez pas créer de campagne pour cette formation."}
            )
    _check_new_dates(opens_on=opens_on, closes_on=closes_on, today=today)
    campaigns = [
        campaign_create(
            formation=formation,
            name=name,
            opens_on=opens_on,
            closes_on=closes_on,
            invitations_enabled=invitations_enabled,
            open_link_enabled=open_link_enabled,
            questionnaire_version=questionnaire_version,
            acting_user=acting_user,
        )
        for formation in formations
    ]
    _after_campaigns_created(campaigns, acting_user)
    return campaigns


def _after_campaigns_created(campaigns, acting_user=None):
    """The one place where work follows the creation of campaigns (new or duplicated): a campaign
    already open invites its formation's roster at once (the scheduler sends the emails)."""
    from .sending import invitations_create_for_campaign  # sending.py builds on this module

    for campaign in campaigns:
        invitations_create_for_campaign(campaign=campaign, acting_user=acting_user)


@transaction.atomic
def campaign_update_dates(*, campaign, opens_on, closes_on, acting_user=None, today=None):
    """Move the dates of a campaign that has not closed; the opening only before it opens."""
    today = today or timezone.localdate()
    campaign = Campaign.objects.select_for_update().get(pk=campaign.pk)
    if campaign.has_closed(today):
        raise CampaignError("Cette campagne est fermée : ses dates ne peuvent plus changer.")
    errors = {}
    if opens_on != campaign.opens_on:
        if campaign.opens_on <= today:
            errors["opens_on"] = (
                "La campagne est déjà ouverte : sa date d'ouverture ne peut plus changer."
            )
        elif opens_on < today:
            errors["opens_on"] = "La date d'ouverture ne peut pas être passée."
    if closes_on < opens_on:
        errors["closes_on"] = "La date de fermeture doit être postérieure à la date d'ouverture."
    elif closes_on < today:
        errors["closes_on"] = (
            "La date de fermeture ne peut pas être passée : "
            "pour arrêter la campagne maintenant, fermez-la."
        )
    if errors:
        raise ValidationError(errors)
    before = {
        "opens_on": campaign.opens_on.isoformat(),
        "closes_on": campaign.closes_on.isoformat(),
    }
    campaign.opens_on, campaign.closes_on = opens_on, closes_on
    campaign.save(update_fields=["opens_on", "closes_on"])
    event_record(
        verb="campaign.dates_updated",
        actor=acting_user,
        obj=campaign,
        data={
            "before": before,
            "after": {"opens_on": opens_on.isoformat(), "closes_on": closes_on.isoformat()},
        },
    )
    return campaign


@transaction.atomic
def campaign_close(*, campaign, acting_user=None, now=None):
    """Close a campaign before its closing date: its doors stop taking answers at once."""
    now = now or timezone.now()
    campaign = Campaign.objects.select_for_update().get(pk=campaign.pk)
    if campaign.has_closed(timezone.localdate(now)):
        raise CampaignError("Cette campagne est déjà fermée.")
    campaign.closed_at = now
    campaign.save(update_fields=["closed_at"])
    event_record(verb="campaign.closed", actor=acting_user, obj=campaign)
    return campaign


def shift_one_year(day: date) -> date:
    """The same day a year later; 29 February becomes 28 February."""
    try:
        return day.replace(year=day.year + 1)
    except ValueError:
        return day.replace(year=day.year + 1, day=28)


def _next_year_name(name):
    """« Campagne 2025-2026 » becomes « Campagne 2026-2027 »."""
    return re.sub(r"\b(19|20)(\d{2})\b", lambda m: str(int(m.group(0)) + 1), name)


def campaign_duplicate_initial(campaign):
    """What the duplicate form proposes: the next school year, same formation and modes."""
    version = QuestionnaireVersion.objects.latest_published()
    return {
        "name": _next_year_name(campaign.name),
        "opens_on": shift_one_year(campaign.opens_on),
        "closes_on": shift_one_year(campaign.closes_on),
        "questionnaire_version": version,
        "invitations_enabled": campaign.invitations_enabled,
        "open_link_enabled": campaign.open_link_enabled,
    }


@transaction.atomic
def campaign_duplicate(
    *,
    campaign,
    name=None,
    opens_on=None,
    closes_on=None,
    invitations_enabled=None,
    open_link_enabled=None,
    questionnaire_version=None,
    acting_user=None,
    today=None,
):
    """A new campaign for the same formation, by default a year later with the latest version."""
    initial = campaign_duplicate_initial(campaign)

    def chosen(value, key):
        return initial[key] if value is None else value

    [duplicate] = campaigns_create_for_formations(
        formations=[campaign.formation],
        name=chosen(name, "name"),
        opens_on=chosen(opens_on, "opens_on"),
        closes_on=chosen(closes_on, "closes_on"),
        invitations_enabled=chosen(invitations_enabled, "invitations_enabled"),
        open_link_enabled=chosen(open_link_enabled, "open_link_enabled"),
        questionnaire_version=chosen(questionnaire_version, "questionnaire_version"),
        acting_user=acting_user,
        today=today,
    )
    event_record(
        verb="campaign.duplicated",
        actor=acting_user,
        obj=duplicate,
        data={"from": str(campaign.public_id)},
    )
    return duplicate
