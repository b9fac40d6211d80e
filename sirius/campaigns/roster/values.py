"""One roster cell → its stored value, or InvalidValue with the French reason."""

import functools
import re
from datetime import date

from django.core.exceptions import ValidationError
from django.core.validators import validate_email

from sirius.emails.models import normalize_address
from sirius.referentiel.catalogue.values import InvalidValue

__all__ = ["InvalidValue", "contract_date", "email", "first_name", "phone"]

PHONE_SEPARATORS = re.compile(r"[\s.\-]")
FRENCH_NATIONAL = re.compile(r"^0[1-9][0-9]{8}$")
FRENCH_INTERNATIONAL = re.compile(r"^(?:\+|00)33(?:\(0\))?([1-9][0-9]{8})$")
EXCEL_STRIPPED_ZERO = re.compile(r"^[1-9][0-9]{8}$")  # 06… typed in a number cell loses its 0
DAY_FIRST = re.compile(r"^([0-9]{1,2})[/.\-]([0-9]{1,2})[/.\-]([0-9]{4})$")
ISO = re.compile(r"^([0-9]{4})-([0-9]{1,2})-([0-9]{1,2})(?:[T ][0-9:.]+)?$")
FIRST_NAME_MAX_LENGTH = 100
# The common case, checked first because Django's validator is slow on 100,000 rows: a dot-atom
# local part and a domain of ASCII labels. Anything else goes through Django's validator.
ATOM = r"[a-z0-9!#$%&'*+/=?^_`{|}~-]+"
PLAIN_ADDRESS = re.compile(
    rf"^{ATOM}(?:\.{ATOM})*@(?:[a-z0-9](?:[a-z0-9-]{{0,61}}[a-z0-9])?\.)+[a-z]{{2,63}}$"
)


def email(value):
    """A valid address, stripped and lower-cased (as the outbox compares them); "" if empty."""
    address = normalize_address(value)
    if not address:
        return ""
    if len(address) <= 254 and PLAIN_ADDRESS.match(address):
        return address
    try:
        validate_email(address)
    except ValidationError:
        raise InvalidValue("Adresse e-mail invalide.") from None
    return address


def phone(value):
    """A French number in E.164 (+33…); "" if empty."""
    digits = PHONE_SEPARATORS.sub("", value or "")
    if not digits:
        return ""
    if FRENCH_NATIONAL.match(digits):
        return "+33" + digits[1:]
    if EXCEL_STRIPPED_ZERO.match(digits):
        return "+33" + digits
    international = FRENCH_INTERNATIONAL.match(digits)
    if international:
        return "+33" + international.group(1)
    raise InvalidValue(
        "Numéro de téléphone invalide : 10 chiffres commençant par 0 (06 12 34 56 78) "
        "ou +33 suivi de 9 chiffres sont attendus."
    )


def first_name(value):
    name = " ".join((value or "").split())
    if len(name) > FIRST_NAME_MAX_LENGTH:
        raise InvalidValue(f"Prénom trop long (plus de {FIRST_NAME_MAX_LENGTH} caractères).")
    return name


def contract_date(value):
    """A date written jj/mm/aaaa or aaaa-mm-jj (an Excel date cell is read as the latter)."""
    text = (value or "").strip()
    if not text:
        return None
    return parsed_date(text)


@functools.lru_cache(maxsize=4096)  # a roster repeats the same few hundred dates
def parsed_date(text):
    match = DAY_FIRST.match(text)
    if match:
        day, month, year = (int(part) for part in match.groups())
    else:
        match = ISO.match(text)
        if not match:
            raise InvalidValue("Date illisible : jj/mm/aaaa ou aaaa-mm-jj est attendu.")
        year, month, day = (int(part) for part in match.groups())
    try:
        parsed = date(year, month, day)
    except ValueError:
        raise InvalidValue("Date impossible (jour ou mois hors limites).") from None
    if not 1950 <= parsed.year <= 2100:
        raise InvalidValue("Date invraisemblable : l'année doit être entre 1950 et 2100.")
    return parsed
