"""Results pages of the CFA space: the list of one's formations with their score, then one
formation's or one campaign's results (funnel, responses per month, per-question charts,
comparison with the région and the nation, published verbatims).

Formations and campaigns are loaded through `visible_to(request.user)`: another CFA's formation
or campaign is a 404. Below the publication threshold a page only says how many more responses
are needed (DESIGN.md, rule 4).
"""

from django import forms
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.views.decorators.http import require_GET

from sirius.campaigns.models import Campaign
from sirius.campaigns.stats import with_counts
from sirius.forms import SiriusForm
from sirius.moderation.enums import Theme, Tone
from sirius.referentiel.models import Formation
from sirius.responses.training_period import training_period_label, with_training_start
from sirius.stats.read import formation_summaries
from sirius.www.public.reviews_display import publication_threshold

from .results_data import (
    campaign_results,
    formation_results,
    results_verbatims,
    verbatim_counts,
    verbatims_filtered,
)

PAGE_SIZE = 20
INDEX_TITLE = "Résultats de vos formations"


class VerbatimFilterForm(SiriusForm):
    theme = forms.ChoiceField(
        label="Thème", choices=[("", "Tous les thèmes"), *Theme.choices], required=False
    )
    tonalite = forms.ChoiceField(
        label="Tonalité", choices=[("", "Toutes les tonalités"), *Tone.choices], required=False
    )

    def values(self):
        if not self.is_valid():
            return {"theme": "", "tone": ""}
        return {"theme": self.cleaned_data["theme"], "tone": self.cleaned_data["tonalite"]}


def breadcrumb(*links, current):
    return {
        "links": [
            {"url": reverse("space:dashboard"), "title": "Mon espace"},
            *({"url": url, "title": title} for url, title in links),
        ],
        "current": current,
    }


@require_GET
@login_required
def results_index(request):
    formations = (
        Formation.objects.visible_to(request.user)
        .select_related("formateur")
        .order_by("intitule", "pk")
    )
    page_obj = Paginator(formations, PAGE_SIZE).get_page(request.GET.get("page"))
    summaries = formation_summaries(list(page_obj))
    for formation in page_obj:
        formation.summary = summaries[formation.pk]
    return render(
        request,
        "space/results/index.html",
        {
            "title": INDEX_TITLE,
            "page_obj": page_obj,
            "threshold": publication_threshold(),
            "breadcrumb_data": breadcrumb(current=INDEX_TITLE),
        },
    )


def _verbatims_context(request, results):
    verbatims = results_verbatims(results)
    form = VerbatimFilterForm(request.GET if request.GET.keys() & {"theme", "tonalite"} else None)
    page = (
        with_training_start(verbatims_filtered(verbatims, **form.values()))
        .select_related("response")
        .prefetch_related("themes")
        .order_by("-published_at", "-pk")
    )
    page_obj = Paginator(page, PAGE_SIZE).get_page(request.GET.get("page"))
    for verbatim in page_obj:
        verbatim.training_period = training_period_label(verbatim.training_start)
    return {"form": form, "page_obj": page_obj, "counts": verbatim_counts(verbatims)}


def _render(request, results, context):
    context = {
        "title": results.title,
        "results": results,
        "summary": results.summary,
        "formation": results.formation,
        "campaign": results.campaign,
        **context,
    }
    if results.summary.is_public:
        context.update(_verbatims_context(request, results))
    return render(request, "space/results/detail.html", context)


@require_GET
@login_required
def formation_results_view(request, cle):
    formation = get_object_or_404(
        Formation.objects.visible_to(request.user).select_related("formateur"),
        cle_ministere_educatif=cle,
    )
    results = formation_results(formation)
    campaigns = with_counts(Campaign.objects.filter(formation=formation)).order_by(
        "-opens_on", "pk"
    )
    index = reverse("space:results")
    return _render(
        request,
        results,
        {
            "campaigns": campaigns,
            "xlsx_url": reverse("space:formation_results_xlsx", kwargs={"cle": cle}),
            "pdf_url": reverse("space:formation_results_pdf", kwargs={"cle": cle}),
            "breadcrumb_data": breadcrumb((index, INDEX_TITLE), current=formation.intitule),
        },
    )


def campaign_get(request, public_id):
    return get_object_or_404(
        Campaign.objects.visible_to(request.user).select_related(
            "formation__formateur", "questionnaire_version"
        ),
        public_id=public_id,
    )


@require_GET
@login_required
def campaign_results_view(request, public_id):
    campaign = campaign_get(request, public_id)
    results = campaign_results(campaign)
    formation = campaign.formation
    kwargs = {"public_id": public_id}
    return _render(
        request,
        results,
        {
            "campaigns": None,
            "xlsx_url": reverse("space:campaign_results_xlsx", kwargs=kwargs),
            "pdf_url": reverse("space:campaign_results_pdf", kwargs=kwargs),
            "breadcrumb_data": breadcrumb(
                (reverse("space:results"), INDEX_TITLE),
                (
                    reverse(
                        "space:formation_results",
                        kwargs={"cle": formation.cle_ministere_educatif},
                    ),
                    formation.intitule,
                ),
                current=campaign.name,
            ),
        },
    )
