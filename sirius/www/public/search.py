"""Search of the public catalogue: accent- and case-insensitive, every word must match."""

import re

from django.db.models import Q

from sirius.referentiel.geo import normalize_departement
from sirius.referentiel.models import Formation
from sirius.referentiel.search import search_words

_CODE_POSTAL = re.compile(r"^\d{5}$")
_DEPARTEMENT = re.compile(r"^(\d{2,3}|2[ab])$")
_UAI = re.compile(r"^\d{7}[a-z]$")


def _all_words_in(field, words):
    condition = Q()
    for word in words:
        condition &= Q(**{f"{field}__contains": word})
    return condition


def _lieu_q(lieu):
    compact = lieu.replace(" ", "")
    if _CODE_POSTAL.match(compact):
        return Q(code_postal=compact)
    if _DEPARTEMENT.match(compact.lower()):
        return Q(departement=normalize_departement(compact))
    words = search_words(lieu)
    if not words:
        return Q()
    return Q(localite__in=matching_communes(words))


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


def search_formations(*, q="", lieu="", centre="", niveau=None):
    """Formations matching every given criterion, ordered by intitulé, with their formateur."""
    formations = Formation.objects.select_related("formateur")
    if words := search_words(q):
        formations = formations.filter(_all_words_in("search_text", words))
    if lieu.strip():
        formations = formations.filter(_lieu_q(lieu.strip()))
    if centre.strip():
        formations = formations.filter(_centre_q(centre.strip()))
    if niveau:
        formations = formations.filter(niveau=niveau)
    return formations.order_by("intitule", "cle_ministere_educatif")
