"""GET /formations/{cle}/avis: the formation's published reviews, newest first.

Below the publication threshold the list is empty and `publie` is false (DESIGN rule 4); the
threshold is read from the formation's aggregate, like every other public surface.
"""

from django.db.models import Prefetch
from ninja import Query, Router

from sirius.moderation.models import EstablishmentReply, VerbatimTheme
from sirius.responses.enums import Channel
from sirius.responses.models import Verbatim
from sirius.responses.training_period import training_period_label, with_training_start
from sirius.stats.read import formation_summary

from .formations import ERRORS, formation_get
from .output import public_url
from .pagination import PageQuery, page_slice
from .schemas import ErrorOut, ReviewPageOut

router = Router(tags=["Avis"])


def published_reviews(formation):
    return (
        with_training_start(Verbatim.objects.published().filter(response__formation=formation))
        .select_related("response")
        .prefetch_related(
            Prefetch("themes", queryset=VerbatimTheme.objects.order_by("theme")),
            Prefetch(
                "replies",
                queryset=EstablishmentReply.objects.published().select_related("establishment"),
                to_attr="published_replies",
            ),
        )
        .order_by("-published_at", "-pk")
    )


def _reply_out(verbatim):
    if not verbatim.published_replies:
        return None
    reply = verbatim.published_replies[0]
    return {
        "etablissement": reply.establishment.name,
        "texte": reply.public_text,
        "date_publication": reply.published_at,
    }


def review_out(verbatim):
    channel = Channel(verbatim.response.channel)
    return {
        "reference": verbatim.public_id,
        "texte": verbatim.public_text,
        "avis_verifie": channel == Channel.INVITATION,
        "libelle_verification": channel.label,
        "date_publication": verbatim.published_at,
        "debut_formation": verbatim.training_start or None,
        "periode_formation": training_period_label(verbatim.training_start),
        "themes": [
            {
                "theme": theme.theme,
                "libelle": theme.get_theme_display(),
                "tonalite": theme.tone,
                "tonalite_libelle": theme.get_tone_display(),
            }
            for theme in verbatim.themes.all()
        ],
        "reponse_etablissement": _reply_out(verbatim),
        "signaler": public_url("public:review_report", verbatim.public_id),
    }


@router.get(
    "/{cle_ministere_educatif}/avis",
    response={200: ReviewPageOut, 404: ErrorOut, **ERRORS},
    summary="Les avis publiés d'une formation",
    operation_id="formation_reviews",
)
def formation_reviews(request, cle_ministere_educatif: str, page: Query[PageQuery]):
    """Avis publiés, du plus récent au plus ancien, chacun avec son label (« Avis vérifié » :
    invitation personnelle ; sinon « Recueilli par le centre de formation »), sa date de
    publication, l'année de début de formation et la réponse publiée du centre."""
    formation = formation_get(cle_ministere_educatif)
    if not formation_summary(formation).is_public:
        return {"publie": False, "count": 0, "next": None, "previous": None, "results": []}
    rows, fields = page_slice(request, published_reviews(formation), page)
    return {"publie": True, **fields, "results": [review_out(row) for row in rows]}
