"""Campaigns in the CFA space: list, detail and creation for one or many formations.

Campaigns are loaded through `Campaign.objects.visible_to(user)`: another establishment's
campaign is a 404. Observers and moderators read; establishment staff and admins also write
(a 403 page otherwise, since the campaign is visible to them).
"""

from functools import wraps

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_GET, require_http_methods

from sirius.accounts.perms import can_manage_campaigns
from sirius.campaigns.links import open_link
from sirius.campaigns.models import Campaign
from sirius.campaigns.services import CampaignError, campaigns_create_for_formations
from sirius.campaigns.stats import campaign_follow_up, publication_threshold, with_counts
from sirius.referentiel.models import Formation

from .campaigns_forms import CampaignCreateForm, CampaignFilterForm, campaign_status

PAGE_SIZE = 20
LIST_TITLE = "Campagnes"


def breadcrumb(current, *links):
    return {
        "links": [
            {"url": reverse("space:dashboard"), "title": "Mon espace"},
            {"url": reverse("space:campaign_list"), "title": LIST_TITLE},
            *links,
        ],
        "current": current,
    }


def campaign_link(campaign):
    return {"url": campaign_url(campaign), "title": campaign.name}


def campaign_url(campaign):
    return reverse("space:campaign_detail", kwargs={"public_id": campaign.public_id})


def campaign_get(request, public_id, queryset=None):
    """The campaign if the user may see it, else a 404 (never a 403 that confirms it exists)."""
    queryset = queryset if queryset is not None else Campaign.objects.all()
    return get_object_or_404(queryset.visible_to(request.user), public_id=public_id)


def forbidden(request, title="Action réservée"):
    return render(
        request,
        "space/campaigns/forbidden.html",
        {"title": title, "breadcrumb_data": breadcrumb(title)},
        status=403,
    )


def manager_required(view):
    """Observers and moderators read campaigns but may not create or change them: a 403."""

    @wraps(view)
    @login_required
    def wrapper(request, *args, **kwargs):
        if not can_manage_campaigns(request.user):
            return forbidden(request)
        return view(request, *args, **kwargs)

    return wrapper


def add_service_error(form, error):
    """A service's refusal, shown on the form (on its field when the service names one)."""
    if isinstance(error, ValidationError) and hasattr(error, "error_dict"):
        for field, errors in error.error_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, error.messages if isinstance(error, ValidationError) else str(error))


@require_GET
@login_required
def campaign_list(request):
    today = timezone.localdate()
    campaigns = Campaign.objects.visible_to(request.user)
    filtering = any(key in request.GET for key in ("q", "statut", "mode"))
    form = CampaignFilterForm(request.GET if filtering else None)
    if form.is_bound:
        campaigns = form.filter(campaigns, today)
    campaigns = with_counts(
        campaigns.select_related("formation__formateur", "questionnaire_version__questionnaire")
    ).order_by("-opens_on", "name", "pk")
    page_obj = Paginator(campaigns, PAGE_SIZE).get_page(request.GET.get("page"))
    for campaign in page_obj:
        campaign.status_key, campaign.status_label = campaign_status(campaign, today)
    return render(
        request,
        "space/campaigns/list.html",
        {
            "title": LIST_TITLE,
            "form": form,
            "page_obj": page_obj,
            "can_manage": can_manage_campaigns(request.user),
            "breadcrumb_data": {
                "links": [{"url": reverse("space:dashboard"), "title": "Mon espace"}],
                "current": LIST_TITLE,
            },
        },
    )


@require_GET
@login_required
def campaign_detail(request, public_id):
    campaign = campaign_get(
        request,
        public_id,
        Campaign.objects.select_related(
            "formation__formateur",
            "formation__gestionnaire",
            "questionnaire_version__questionnaire",
        ),
    )
    today = timezone.localdate()
    follow_up = campaign_follow_up(campaign)
    threshold = publication_threshold()
    status_key, status_label = campaign_status(campaign, today)
    return render(
        request,
        "space/campaigns/detail.html",
        {
            "title": campaign.name,
            "campaign": campaign,
            "status_key": status_key,
            "status_label": status_label,
            "has_closed": campaign.has_closed(today),
            "link": open_link(campaign) if campaign.open_link_enabled else "",
            "follow_up": follow_up,
            "threshold": threshold,
            "few_invited": campaign.invitations_enabled and follow_up.invited < threshold,
            "can_manage": can_manage_campaigns(request.user),
            "breadcrumb_data": breadcrumb(campaign.name),
        },
    )


@require_http_methods(["GET", "POST"])
@manager_required
def campaign_create(request):
    formations = Formation.objects.visible_to(request.user)
    title = "Nouvelle campagne"
    if request.method == "POST":
        form = CampaignCreateForm(request.POST, formations=formations)
        if "filtrer" in request.POST:
            form.keep_without_errors()
        elif form.is_valid():
            try:
                campaigns = campaigns_create_for_formations(
                    formations=form.cleaned_data["formations"],
                    acting_user=request.user,
                    **form.settings(),
                )
            except (ValidationError, CampaignError) as error:
                add_service_error(form, error)
            else:
                return _created(request, campaigns)
    else:
        initial = {"filtre": request.GET.get("filtre", "")[:200]}
        form = CampaignCreateForm(initial=initial, formations=formations)
    return render(
        request,
        "space/campaigns/create.html",
        {"title": title, "form": form, "breadcrumb_data": breadcrumb(title)},
    )


def _created(request, campaigns):
    if len(campaigns) == 1:
        messages.success(request, "La campagne est créée.")
        return redirect(campaign_url(campaigns[0]))
    messages.success(request, f"{len(campaigns)} campagnes sont créées.")
    return redirect("space:campaign_list")
