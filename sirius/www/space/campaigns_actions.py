"""Changing a campaign in the CFA space: move its dates, close it early, duplicate it.

Each view loads the campaign through `visible_to` (404 outside scope) and then requires the right
to manage campaigns (403 for observers and moderators). The services validate and record.
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_http_methods

from sirius.accounts.perms import can_manage_campaigns
from sirius.campaigns.models import Campaign
from sirius.campaigns.services import (
    CampaignError,
    campaign_close,
    campaign_duplicate,
    campaign_duplicate_initial,
    campaign_update_dates,
)

from .campaigns import (
    add_service_error,
    breadcrumb,
    campaign_get,
    campaign_link,
    campaign_url,
    forbidden,
)
from .campaigns_forms import CampaignDatesForm, CampaignSettingsForm


def _managed_campaign(request, public_id):
    """(campaign, None) or (None, a 403 response); a 404 outside the user's scope."""
    campaign = campaign_get(request, public_id, Campaign.objects.select_related("formation"))
    if not can_manage_campaigns(request.user):
        return None, forbidden(request)
    return campaign, None


@require_http_methods(["GET", "POST"])
@login_required
def campaign_edit(request, public_id):
    campaign, refusal = _managed_campaign(request, public_id)
    if refusal:
        return refusal
    if campaign.has_closed(timezone.localdate()):
        messages.error(request, "Cette campagne est fermée : ses dates ne peuvent plus changer.")
        return redirect(campaign_url(campaign))
    form = CampaignDatesForm(request.POST or None, campaign=campaign)
    if request.method == "POST" and form.is_valid():
        try:
            campaign_update_dates(
                campaign=campaign,
                opens_on=form.cleaned_data["opens_on"],
                closes_on=form.cleaned_data["closes_on"],
                acting_user=request.user,
            )
        except (ValidationError, CampaignError) as error:
            add_service_error(form, error)
        else:
            messages.success(request, "Les dates de la campagne sont modifiées.")
            return redirect(campaign_url(campaign))
    title = "Modifier les dates"
    return render(
        request,
        "space/campaigns/edit.html",
        {
            "title": title,
            "campaign": campaign,
            "form": form,
            "breadcrumb_data": breadcrumb(title, campaign_link(campaign)),
        },
    )


@require_http_methods(["GET", "POST"])
@login_required
def campaign_close_confirm(request, public_id):
    campaign, refusal = _managed_campaign(request, public_id)
    if refusal:
        return refusal
    if request.method == "POST":
        try:
            campaign_close(campaign=campaign, acting_user=request.user)
        except CampaignError as error:
            messages.error(request, str(error))
        else:
            messages.success(request, "La campagne est fermée : elle ne reçoit plus de réponses.")
        return redirect(campaign_url(campaign))
    if campaign.has_closed(timezone.localdate()):
        messages.error(request, "Cette campagne est déjà fermée.")
        return redirect(campaign_url(campaign))
    title = "Fermer la campagne"
    return render(
        request,
        "space/campaigns/close.html",
        {
            "title": title,
            "campaign": campaign,
            "breadcrumb_data": breadcrumb(title, campaign_link(campaign)),
        },
    )


@require_http_methods(["GET", "POST"])
@login_required
def campaign_duplicate_form(request, public_id):
    campaign, refusal = _managed_campaign(request, public_id)
    if refusal:
        return refusal
    form = CampaignSettingsForm(request.POST or None, initial=campaign_duplicate_initial(campaign))
    if request.method == "POST" and form.is_valid():
        try:
            duplicate = campaign_duplicate(
                campaign=campaign, acting_user=request.user, **form.settings()
            )
        except (ValidationError, CampaignError) as error:
            add_service_error(form, error)
        else:
            messages.success(request, "La nouvelle campagne est créée.")
            return redirect(campaign_url(duplicate))
    title = "Dupliquer la campagne"
    return render(
        request,
        "space/campaigns/duplicate.html",
        {
            "title": title,
            "campaign": campaign,
            "form": form,
            "breadcrumb_data": breadcrumb(title, campaign_link(campaign)),
        },
    )
