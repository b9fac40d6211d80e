"""GET /formations (search; lookups by CFD, RNCP, UAI, SIRET, place) and /formations/{cle}."""

from django.db.models import Q
from ninja import Field, Query, Router, Schema

from sirius.referentiel.models import Formation
from sirius.stats.formation_read import FORMATION_UNSHOWN, formation_with_aggregate
from sirius.stats.read import formation_summaries, summary_of

from ..errors import NotFound
from .output import formation_out
from .pagination import PageQuery, page_slice
from .schemas import ErrorOut, FormationOut, FormationPageOut

router = Router(tags=["Formations"])

ERRORS = {400: ErrorOut, 401: ErrorOut, 429: ErrorOut}


class FormationFilters(Schema):
    cfd: str | None = Field(
        None, pattern=r"^[0-9A-Za-z]{8}$", description="Code formation diplôme."
    )
    rncp: str | None = Field(
        None, pattern=r"^(?i:RNCP)?[0-9]{1,8}$", description="« RNCP35001 » ou « 35001 »."
    )
    uai: str | None = Field(
        None,
        pattern=r"^[0-9]{7}[A-Za-z]$",
        description="UAI de l'établissement formateur ou gestionnaire.",
    )
    siret: str | None = Field(
        None, pattern=r"^[0-9]{14}$", description="SIRET du formateur ou du gestionnaire."
    )
    code_postal: str | None = Field(
        None, pattern=r"^[0-9]{5}$", description="Du lieu de formation."
    )
    departement: str | None = Field(
        None, pattern=r"^([0-9]{2,3}|2[ABab])$", description="« 75 », « 2A », « 974 »."
    )
    q: str | None = Field(
        None,
        min_length=1,
        max_length=200,
        pattern=r"^[^\x00]*$",
        description="Mots de l'intitulé, du diplôme, du centre ou de la commune (accents et "
        "majuscules indifférents).",
    )


def formations_filtered(filters):
    formations = Formation.objects.all()
    if filters.cfd:
        formations = formations.filter(cfd=filters.cfd.upper())
    if filters.rncp:
        digits = filters.rncp.upper().removeprefix("RNCP")
        formations = formations.filter(rncp="RNCP" + digits)
    if filters.uai:
        uai = filters.uai.upper()
        formations = formations.filter(Q(formateur__uai=uai) | Q(gestionnaire__uai=uai))
    if filters.siret:
        formations = formations.filter(
            Q(formateur__siret=filters.siret) | Q(gestionnaire__siret=filters.siret)
        )
    if filters.code_postal:
        formations = formations.filter(code_postal=filters.code_postal)
    if filters.departement:
        formations = formations.filter(departement=filters.departement.upper())
    if filters.q and filters.q.strip():
        formations = formations.matching(filters.q)
    return formations


@router.get(
    "",
    response={200: FormationPageOut, **ERRORS},
    summary="Rechercher des formations",
    operation_id="formations_list",
)
def formations_list(request, filters: Query[FormationFilters], page: Query[PageQuery]):
    """Formations du catalogue, par ordre alphabétique d'intitulé, avec la synthèse de leurs avis.
    Les filtres se combinent (ET)."""
    formations = formations_filtered(filters).order_by("intitule", "cle_ministere_educatif")
    rows, fields = page_slice(request, formations.select_related("formateur", "gestionnaire"), page)
    summaries = formation_summaries(rows)
    return {**fields, "results": [formation_out(row, summaries[row.pk]) for row in rows]}


def formation_get(cle):
    if "\x00" in cle:  # PostgreSQL cannot even compare such a string
        raise NotFound("Formation inconnue.")
    try:  # get(), not first(): the key is unique, and no ORDER BY to compile and run
        return (
            Formation.objects.select_related("formateur", "gestionnaire")
            .defer(*FORMATION_UNSHOWN)
            .get(cle_ministere_educatif=cle)
        )
    except Formation.DoesNotExist:
        raise NotFound(f"Formation inconnue : {cle}") from None


@router.get(
    "/{cle_ministere_educatif}",
    response={200: FormationOut, 404: ErrorOut, **ERRORS},
    summary="Une formation",
    operation_id="formation_detail",
)
def formation_detail(request, cle_ministere_educatif: str):
    """Une formation et la synthèse de ses avis. La clé contient souvent « # » : encodez-le
    `%23` dans l'URL."""
    if "\x00" in cle_ministere_educatif:  # PostgreSQL cannot even compare such a string
        raise NotFound("Formation inconnue.")
    found = formation_with_aggregate(cle_ministere_educatif)
    if found is None:
        raise NotFound(f"Formation inconnue : {cle_ministere_educatif}")
    formation, aggregate = found
    return formation_out(formation, summary_of(aggregate))
