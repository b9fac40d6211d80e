"""The public page of an establishment: its own summary and all its formations with scores."""

from django.shortcuts import get_object_or_404, render
from django.views.decorators.http import require_GET

from sirius.referentiel.models import Establishment, Formation
from sirius.stats.enums import Scope
from sirius.stats.read import area_summary

from .listing import paginate, with_summaries


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
            "summary": area_summary(Scope.ESTABLISHMENT, establishment.siret),
            "page_obj": with_summaries(paginate(request, formations)),
            "breadcrumb_data": {"current": establishment.name},
        },
    )
