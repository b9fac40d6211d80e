"""Search of the public catalogue: accent- and case-insensitive, every word must match.

Filters narrow a queryset; orders sort it: by relevance, by ranking score (the Bayesian score of
`sirius.stats.ranking`, only for formations whose score is public) or, around a postcode, by
distance (a bounding box in SQL, then the exact great-circle distance in Python).
"""

import math
import re
from dataclasses import dataclass

from django.conf import settings
from django.db.models import Avg, Case, Exists, F, IntegerField, OuterRef, Q, Subquery, Value, When

from sirius.referentiel.geo import departement_from_name, normalize_departement
from sirius.referentiel.models import Formation
from sirius.referentiel.search import search_words
from sirius.stats.enums import Scope
from sirius.stats.models import Aggregate
from sirius.stats.ranking import ranking_expression

CODE_POSTAL = re.compile(r"^\d{5}$")
_DEPARTEMENT = re.compile(r"^(\d{2,3}|2[ab])$")
_UAI = re.compile(r"^\d{7}[a-z]$")
EARTH_RADIUS_KM = 6371.0
KM_PER_DEGREE_OF_LATITUDE = 111.2


def _all_words_in(field, words):
    condition = Q()
    for word in words:
        condition &= Q(**{f"{field}__contains": word})
    return condition


def _lieu_q(lieu):
    compact = lieu.replace(" ", "")
    if CODE_POSTAL.match(compact):
        return Q(code_postal=compact)
    if _DEPARTEMENT.match(compact.lower()):
        return Q(departement=normalize_departement(compact))
    words = search_words(lieu)
    if not words:
        return Q()
    communes = Q(localite__in=matching_communes(words))
    if departement := departement_from_name(lieu):
        # « Vienne » is a département and a commune of Isère: both are meant.
        return Q(departement=departement) | communes
    return communes


def matching_communes(words):
    """The communes (as stored) whose name matches the query words, accents and case aside.

    Communes are stored as written in the catalogue (« Saint-Étienne »), so we compare normalised
    forms in Python over the distinct communes: one small query, the same on every database.
    A commune whose whole name is the query wins (« Paris » is not « Cormeilles-en-Parisis »);
    otherwise each query word must start a word of the name (« st etienne » does not match,
    « saint eti » does).
    """
    communes = (
        Formation.objects.order_by()
        .exclude(localite="")
        .values_list("localite", flat=True)
        .distinct()
    )
    exact, prefixed = [], []
    for commune in communes:
        name_words = search_words(commune)
        if name_words == words:
            exact.append(commune)
        elif all(any(name_word.startswith(word) for name_word in name_words) for word in words):
            prefixed.append(commune)
    return exact or prefixed


def _centre_q(centre):
    compact = centre.replace(" ", "")
    if compact.isdigit() and len(compact) == 14:
        return Q(formateur__siret=compact) | Q(gestionnaire__siret=compact)
    if _UAI.match(compact.lower()):
        uai = compact.upper()
        return Q(formateur__uai=uai) | Q(gestionnaire__uai=uai)
    words = search_words(centre)
    return _all_words_in("formateur__search_text", words) | _all_words_in(
        "gestionnaire__search_text", words
    )


def _formation_aggregate():
    return Aggregate.objects.filter(
        scope=Scope.FORMATION, key=OuterRef("cle_ministere_educatif"), niveau=0
    )


def search_formations(*, q="", lieu="", centre="", niveau=None, with_reviews=False):
    """Formations matching every given criterion, with their formateur (not ordered).

    `with_reviews` keeps the formations whose summary is public: at least
    SIRIUS_PUBLICATION_THRESHOLD submitted responses.
    """
    formations = Formation.objects.select_related("formateur")
    if words := search_words(q):
        formations = formations.filter(_all_words_in("search_text", words))
    if lieu.strip():
        formations = formations.filter(_lieu_q(lieu.strip()))
    if centre.strip():
        formations = formations.filter(_centre_q(centre.strip()))
    if niveau:
        formations = formations.filter(niveau=niveau)
    if with_reviews:
        public = _formation_aggregate().filter(responses__gte=settings.SIRIUS_PUBLICATION_THRESHOLD)
        formations = formations.filter(Exists(public))
    return formations


def by_relevance(formations, q=""):
    """Formations whose intitulé starts with the searched words first, then by intitulé."""
    ordering = ["intitule", "cle_ministere_educatif"]
    if words := search_words(q):
        # The stored search text starts with the normalised intitulé.
        starts = Case(
            When(search_text__startswith=" ".join(words), then=Value(0)),
            default=Value(1),
            output_field=IntegerField(),
        )
        ordering.insert(0, starts)
    return formations.order_by(*ordering)


def by_ranking(formations, prior_mean):
    """Best ranking score first; formations without a public score last, by intitulé."""
    public_scores = _formation_aggregate().filter(
        score_count__gte=settings.SIRIUS_PUBLICATION_THRESHOLD
    )
    ranking = public_scores.annotate(value=ranking_expression(prior_mean)).values("value")[:1]
    return formations.annotate(ranking=Subquery(ranking)).order_by(
        F("ranking").desc(nulls_last=True), "intitule", "cle_ministere_educatif"
    )


def postcode_centre(code_postal):
    """(latitude, longitude): the centroid of the formations located at this postcode, or None."""
    centre = Formation.objects.filter(
        code_postal=code_postal, latitude__isnull=False, longitude__isnull=False
    ).aggregate(latitude=Avg("latitude"), longitude=Avg("longitude"))
    if centre["latitude"] is None:
        return None
    return centre["latitude"], centre["longitude"]


def distance_km(origin, latitude, longitude):
    """Great-circle (haversine) distance in kilometres between `origin` and a point."""
    lat1, lon1, lat2, lon2 = map(math.radians, (*origin, latitude, longitude))
    half_chord = (
        math.sin((lat2 - lat1) / 2) ** 2
        + math.cos(lat1) * math.cos(lat2) * math.sin((lon2 - lon1) / 2) ** 2
    )
    return 2 * EARTH_RADIUS_KM * math.asin(math.sqrt(half_chord))


@dataclass(frozen=True)
class Nearby:
    pk: int
    distance: float


def within_radius(formations, origin, radius_km):
    """[Nearby] of the formations within `radius_km` of `origin`, nearest first.

    The database keeps the bounding box of the circle (one query over indexed columns); the
    exact distance is computed here for the few rows left.
    """
    latitude, longitude = origin
    lat_delta = radius_km / KM_PER_DEGREE_OF_LATITUDE
    cos_lat = max(math.cos(math.radians(latitude)), 0.01)
    lon_delta = radius_km / (KM_PER_DEGREE_OF_LATITUDE * cos_lat)
    candidates = (
        formations.order_by()
        .filter(
            latitude__range=(latitude - lat_delta, latitude + lat_delta),
            longitude__range=(longitude - lon_delta, longitude + lon_delta),
        )
        .values_list("pk", "latitude", "longitude")
    )
    nearby = []
    for pk, point_latitude, point_longitude in candidates:
        distance = distance_km(origin, point_latitude, point_longitude)
        if distance <= radius_km:
            nearby.append(Nearby(pk, distance))
    return sorted(nearby, key=lambda place: (place.distance, place.pk))
