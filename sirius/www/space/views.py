"""The private space of CFA staff, observers, moderators and admins.

Every object is loaded through `visible_to(request.user)`: another establishment's formation is
a 404. No parameter lets the client choose a scope or an owner; filters only narrow it.
"""

from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.db.models import Count
from django.shortcuts import get_object_or_404, render
from django.urls import reverse

from sirius.accounts import perms
from sirius.accounts.enums import ObserverScope, Role
from sirius.referentiel.enums import region_label
from sirius.referentiel.models import Establishment, Formation

from .forms import FormationFilterForm

PAGE_SIZE = 20


def _counts_by_area(formations):
    """Formations per région and per département, in one query."""
    rows = formations.order_by().values("region", "departement").annotate(total=Count("pk"))
    regions, departements = {}, []
    for row in sorted(rows, key=lambda row: (row["region"], row["departement"])):
        region = region_label(row["region"], "—")
        regions[region] = regions.get(region, 0) + row["total"]
        departements.append(
            {"code": row["departement"] or "—", "region": region, "total": row["total"]}
        )
    return {"regions": sorted(regions.items()), "departements": departements}


def _scope_label(user):
    region = region_label(user.scope_code)
    if user.scope_kind == ObserverScope.REGION and region:
        return f"Région {region}"
    if user.scope_kind == ObserverScope.DEPARTEMENT:
        return f"Département {user.scope_code}"
    if user.scope_kind == ObserverScope.OPCO:
        return "OPCO : " + ", ".join(user.scope_rncp_codes)
    return "National"


@login_required
def dashboard(request):
    user = request.user
    formations = Formation.objects.visible_to(user)
    filtering = "q" in request.GET or "niveau" in request.GET
    form = FormationFilterForm(request.GET if filtering else None)
    filtered = form.filter(formations) if form.is_bound else formations
    page_obj = Paginator(filtered.select_related("formateur", "gestionnaire"), PAGE_SIZE).get_page(
        request.GET.get("page")
    )
    context = {
        "title": "Mon espace",
        "form": form,
        "page_obj": page_obj,
        "has_role": perms.can_use_space(user),
        "sees_everything": perms.can_see_everything(user),
        "can_access_django_admin": perms.can_access_django_admin(user),
        "can_moderate": perms.can_moderate(user),
        "establishments": [],
        "areas": None,
        "scope_label": "",
    }
    if user.role == Role.ESTABLISHMENT:
        context["establishments"] = list(user.establishments.order_by("siret"))
    if user.role == Role.OBSERVER:
        context["areas"] = _counts_by_area(formations)
        context["scope_label"] = _scope_label(user)
    return render(request, "space/dashboard.html", context)


@login_required
def formation_detail(request, cle):
    formation = get_object_or_404(
        Formation.objects.visible_to(request.user).select_related("formateur", "gestionnaire"),
        cle_ministere_educatif=cle,
    )
    return render(
        request,
        "space/formation_detail.html",
        {
            "title": formation.intitule,
            "formation": formation,
            "breadcrumb_data": {
                "links": [{"url": reverse("space:dashboard"), "title": "Mon espace"}],
                "current": formation.intitule,
            },
        },
    )


@login_required
def establishment_detail(request, siret):
    establishment = get_object_or_404(Establishment.objects.visible_to(request.user), siret=siret)
    formations = (
        Formation.objects.visible_to(request.user)
        .for_establishment(establishment)
        .select_related("formateur", "gestionnaire")
    )
    page_obj = Paginator(formations, PAGE_SIZE).get_page(request.GET.get("page"))
    return render(
        request,
        "space/establishment_detail.html",
        {
            "title": establishment.name,
            "establishment": establishment,
            "page_obj": page_obj,
            "breadcrumb_data": {
                "links": [{"url": reverse("space:dashboard"), "title": "Mon espace"}],
                "current": establishment.name,
            },
        },
    )
