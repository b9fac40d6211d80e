"""Parsing of single catalogue values. Each parser returns the stored value or raises
`InvalidValue` with the French reason shown to the operator."""

import re

from django.core.exceptions import ValidationError

from sirius.referentiel import validators
from sirius.referentiel.enums import Niveau, Region
from sirius.referentiel.geo import (
    departement_from_code_postal,
    normalize_departement,
    region_from_departement,
)
from sirius.referentiel.search import normalize_search_text

NIVEAU_PATTERN = re.compile(r"^\s*(?:niveau\s*)?([0-9]+)", re.IGNORECASE)
DUREE_PATTERN = re.compile(r"^\s*([0-9]{1,3})")
FIVE_CHARACTERS = re.compile(r"^[0-9][0-9AB][0-9]{3}$")
DEPARTEMENT_PATTERN = re.compile(r"^[0-9]{2,3}$|^2[AB]$")
REGION_BY_NAME = {
    **{normalize_search_text(region.label): region.value for region in Region},
    **{normalize_search_text(region.label).removeprefix("la "): region.value for region in Region},
    **{region.value: region.value for region in Region},
}


class InvalidValue(Exception):
    def __init__(self, reason):
        super().__init__(reason)
        self.reason = reason


def text(value):
    """A catalogue value as stripped text; JSON numbers become text, null becomes ""."""
    if isinstance(value, str):
        return value.strip()
    if value is None:
        return ""
    if isinstance(value, bool):
        return "oui" if value else "non"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, int | float):
        return str(value)
    raise InvalidValue("Valeur inattendue : un texte ou un nombre est attendu.")


def checked(validate, normalize, value):
    """The normalised identifier, or InvalidValue with the validator's message."""
    try:
        validate(value)
    except ValidationError as error:
        raise InvalidValue(" ".join(error.messages)) from None
    return normalize(value)


def siret(value):
    return checked(validators.validate_siret, validators.normalize_siret, value) if value else ""


def uai(value):
    return checked(validators.validate_uai, validators.normalize_uai, value) if value else ""


def cfd(value):
    return checked(validators.validate_cfd, validators.normalize_cfd, value) if value else ""


def rncp(value):
    return checked(validators.validate_rncp, validators.normalize_rncp, value) if value else ""


def niveau(value):
    """3 to 7, read from "5", "5 (BTS, DEUST...)" or "Niveau 5"; None when empty."""
    if not value:
        return None
    match = NIVEAU_PATTERN.match(value)
    if not match or int(match.group(1)) not in Niveau.values:
        raise InvalidValue(
            "Niveau inconnu : un niveau de 3 (CAP) à 7 (Master) est attendu, "
            "par exemple « 5 » ou « 5 (BTS, DEUST...) »."
        )
    return int(match.group(1))


def duree(value):
    """Years of training: the leading number of "2" or "2 ans"; None when empty."""
    if not value:
        return None
    match = DUREE_PATTERN.match(value)
    if not match:
        raise InvalidValue("Durée illisible : un nombre d'années est attendu (ex. 2).")
    return int(match.group(1))


def coordinates(value):
    """(latitude, longitude) from "lat,lon"; (None, None) when empty."""
    if not value:
        return None, None
    parts = value.split(",")
    try:
        latitude, longitude = (float(part) for part in parts)
    except ValueError:
        raise InvalidValue(
            "Coordonnées illisibles : « latitude,longitude » est attendu (ex. 48.8589,2.3790)."
        ) from None
    if not (-90 <= latitude <= 90 and -180 <= longitude <= 180):
        raise InvalidValue(
            "Coordonnées hors limites : la latitude va de -90 à 90, la longitude de -180 à 180."
        )
    return latitude, longitude


def code_postal(value):
    """Five characters; a 4-digit code that lost its leading zero in a spreadsheet is padded."""
    return five_characters(value, "Code postal invalide : 5 chiffres sont attendus (ex. 01000).")


def code_commune_insee(value):
    return five_characters(
        value, "Code commune INSEE invalide : 5 caractères sont attendus (ex. 75111, 2A004)."
    )


def five_characters(value, reason):
    value = value.replace(" ", "").upper()
    if value.isdigit() and len(value) == 4:
        value = "0" + value
    if value and not FIVE_CHARACTERS.match(value):
        raise InvalidValue(reason)
    return value


def departement(value, code_postal_value):
    """The département code, from the département value or else from the postcode."""
    if not value:
        return departement_from_code_postal(code_postal_value)
    code = normalize_departement(value)
    if not DEPARTEMENT_PATTERN.match(code):
        raise InvalidValue("Département inconnu : un code est attendu (ex. 75, 2A, 974).")
    return code


def region(value, departement_code):
    """The région code, from a région name or code, or else from the département."""
    found = REGION_BY_NAME.get(normalize_search_text(value)) if value else None
    return found or region_from_departement(departement_code)
