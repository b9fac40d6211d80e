from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.views.decorators.http import require_GET

from sirius.referentiel.models import Establishment, Formation

from .formation_page import formation_page_context
from .forms import FormationSearchForm
from .search import search_formations

RESULTS_PER_PAGE = 20

# What only the service owner can state on the legal pages, shown in a « À compléter » callout.
ACCESSIBILITY_TO_COMPLETE = [
    "Nom de l’entité qui publie Sirius",
    "Adresse électronique ou formulaire de contact pour signaler un défaut d’accessibilité",
    "Date de l’audit de conformité RGAA, nom de l’auditeur et taux de conformité",
    "Date d’établissement de la déclaration et du schéma pluriannuel de mise en accessibilité",
]
LEGAL_NOTICE_TO_COMPLETE = [
    "Nom, statut et adresse de l’éditeur du service",
    "Nom et fonction du directeur ou de la directrice de la publication",
    "Nom, adresse et téléphone de l’hébergeur",
    "Adresse de contact pour signaler un problème",
]
PERSONAL_DATA_TO_COMPLETE = [
    "Nom et adresse du responsable du traitement",
    "Adresse électronique du délégué à la protection des données (DPO)",
    "Texte qui fonde la mission d’intérêt public (à confirmer par le DPO)",
    "Liste des sous-traitants (hébergeur, service d’envoi des courriels) et lieu d’hébergement",
    "Durée de conservation des comptes inactifs et des journaux de connexion",
]


def paginate(request, queryset, per_page=RESULTS_PER_PAGE):
    """The requested page; a missing, invalid or too large number gives the first or last page."""
    paginator = Paginator(queryset, per_page)
    page = paginator.get_page(request.GET.get("page"))
    page.pages_list = list(paginator.get_elided_page_range(page.number, on_each_side=1, on_ends=1))
    return page


@require_GET
def home(request):
    return render(request, "public/home.html", {"title": "Accueil", "form": FormationSearchForm()})


@require_GET
def search(request):
    form = FormationSearchForm(request.GET)
    if form.is_valid():
        formations = search_formations(
            q=form.cleaned_data["q"],
            lieu=form.cleaned_data["lieu"],
            centre=form.cleaned_data["centre"],
            niveau=form.cleaned_data["niveau"],
        )
        page = paginate(request, formations)
    else:
        page = None
    return render(
        request,
        "public/search.html",
        {
            "title": _search_title(page),
            "form": form,
            "page_obj": page,
            "breadcrumb_data": {"current": "Rechercher une formation"},
        },
    )


def _search_title(page):
    if page is None:
        return "Rechercher une formation"
    count = page.paginator.count
    suffix = f" — page {page.number}" if page.paginator.num_pages > 1 else ""
    if count == 0:
        return "Aucune formation trouvée — Rechercher une formation"
    plural = "s" if count > 1 else ""
    return f"{count} formation{plural} trouvée{plural}{suffix} — Rechercher une formation"


@require_GET
def formation_detail(request, cle_ministere_educatif):
    formation = get_object_or_404(
        Formation.objects.select_related("formateur", "gestionnaire"),
        cle_ministere_educatif=cle_ministere_educatif,
    )
    return render(
        request,
        "public/formation.html",
        {
            "title": f"{formation.intitule} — {formation.formateur.name}",
            "formation": formation,
            "breadcrumb_data": {
                "links": [{"url": reverse("public:search"), "title": "Rechercher une formation"}],
                "current": formation.intitule,
            },
            **formation_page_context(request, formation),
        },
    )


@require_GET
def establishment_detail(request, siret):
    establishment = get_object_or_404(Establishment, siret=siret)
    formations = (
        Formation.objects.for_establishment(establishment)
        .select_related("formateur")
        .order_by("intitule", "cle_ministere_educatif")
    )
    return render(
        request,
        "public/establishment.html",
        {
            "title": establishment.name,
            "establishment": establishment,
            "page_obj": paginate(request, formations),
            "breadcrumb_data": {"current": establishment.name},
        },
    )
