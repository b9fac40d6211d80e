"""GET /etablissements/{siret}: an establishment and every formation it teaches or manages."""

from django.db.models import Q
from ninja import Router

from sirius.referentiel.models import Establishment, Formation
from sirius.stats.enums import Scope
from sirius.stats.read import area_summary, formation_summaries

from ..errors import NotFound
from .formations import ERRORS
from .output import establishment_ref_out, public_url, summary_out
from .schemas import ErrorOut, EstablishmentOut

router = Router(tags=["Établissements"])


def _role(formation, establishment):
    roles = []
    if formation.formateur_id == establishment.pk:
        roles.append("formateur")
    if formation.gestionnaire_id == establishment.pk:
        roles.append("gestionnaire")
    return " et ".join(roles)


@router.get(
    "/{siret}",
    response={200: EstablishmentOut, 404: ErrorOut, **ERRORS},
    summary="Un établissement et ses formations",
    operation_id="establishment_detail",
)
def establishment_detail(request, siret: str):
    """Un établissement (CFA, organisme de formation) par son SIRET, la synthèse de toutes ses
    formations et chacune de ses formations (formateur ou gestionnaire) avec sa synthèse."""
    establishment = Establishment.objects.filter(siret=siret).first() if siret.isdigit() else None
    if establishment is None:
        raise NotFound(f"Établissement inconnu : {siret}")
    formations = list(
        Formation.objects.filter(
            Q(formateur=establishment) | Q(gestionnaire=establishment)
        ).order_by("intitule", "cle_ministere_educatif")
    )
    summaries = formation_summaries(formations)
    return {
        **establishment_ref_out(establishment),
        "page": public_url("public:establishment", establishment.siret),
        "synthese": summary_out(area_summary(Scope.ESTABLISHMENT, establishment.siret)),
        "formations": [
            {
                "cle_ministere_educatif": formation.cle_ministere_educatif,
                "intitule": formation.intitule,
                "diplome": formation.diplome,
                "niveau": formation.niveau,
                "code_postal": formation.code_postal,
                "commune": formation.localite,
                "role": _role(formation, establishment),
                "synthese": summary_out(summaries[formation.pk]),
            }
            for formation in formations
        ],
    }
