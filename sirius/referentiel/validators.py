"""Validators for the French administrative identifiers used by the catalogue.

Each `validate_*` raises `ValidationError` with a French message; each `normalize_*` returns the
canonical spelling that is stored (no spaces, upper case).
"""

import re

from django.core.exceptions import ValidationError

LA_POSTE_SIREN = "356000000"
LA_POSTE_HEAD_OFFICE_SIRET = "35600000000048"  # Luhn-valid, unlike La Poste's other SIRETs
UAI_CHECK_LETTERS = "ABCDEFGHJKLMNPRSTUVWXYZ"  # 23 letters: no I, O nor Q
CFD_PATTERN = re.compile(r"^[0-9A-Z]{8}$")
RNCP_PATTERN = re.compile(r"^RNCP[0-9]{1,6}$")


def normalize_siret(value):
    return re.sub(r"\s", "", value or "")


def normalize_uai(value):
    return re.sub(r"\s", "", value or "").upper()


def normalize_cfd(value):
    return re.sub(r"\s", "", value or "").upper()


def normalize_rncp(value):
    value = re.sub(r"\s", "", value or "").upper()
    return f"RNCP{value}" if value.isdigit() else value


def luhn_is_valid(digits):
    total = 0
    for position, char in enumerate(reversed(digits)):
        digit = int(char)
        if position % 2 == 1:
            digit *= 2
            if digit > 9:
                digit -= 9
        total += digit
    return total % 10 == 0


def siret_is_valid(siret):
    if len(siret) != 14 or not siret.isdigit():
        return False
    if siret.startswith(LA_POSTE_SIREN) and siret != LA_POSTE_HEAD_OFFICE_SIRET:
        # La Poste's thousands of establishments share one SIREN: their SIRETs are not Luhn-valid,
        # the sum of their digits is a multiple of 5 instead.
        return sum(int(char) for char in siret) % 5 == 0
    return luhn_is_valid(siret)


def validate_siret(value):
    siret = normalize_siret(value)
    if len(siret) != 14 or not siret.isdigit():
        raise ValidationError("Le SIRET doit comporter 14 chiffres.", code="siret_format")
    if not siret_is_valid(siret):
        raise ValidationError(
            "Le SIRET n'est pas valide (clé de contrôle incorrecte).", code="siret_checksum"
        )


def uai_check_letter(digits):
    return UAI_CHECK_LETTERS[int(digits) % 23]


def validate_uai(value):
    uai = normalize_uai(value)
    if len(uai) != 8 or not uai[:7].isdigit() or not uai[7].isalpha():
        raise ValidationError(
            "L'UAI doit comporter 7 chiffres suivis d'une lettre (ex. 0751234J).", code="uai_format"
        )
    if uai[7] != uai_check_letter(uai[:7]):
        raise ValidationError(
            "L'UAI n'est pas valide (la lettre de contrôle ne correspond pas aux chiffres).",
            code="uai_checksum",
        )


def validate_cfd(value):
    if not CFD_PATTERN.match(normalize_cfd(value)):
        raise ValidationError(
            "Le code formation diplôme (CFD) doit comporter 8 caractères (chiffres ou lettres).",
            code="cfd_format",
        )


def validate_rncp(value):
    if not RNCP_PATTERN.match(normalize_rncp(value)):
        raise ValidationError(
            "Le code RNCP doit s'écrire « RNCP » suivi de chiffres (ex. RNCP34825).",
            code="rncp_format",
        )


def complete_siret(first_13_digits):
    """A valid SIRET from its first 13 digits (demo data, tests, benchmarks)."""
    for last in "0123456789":
        if luhn_is_valid(first_13_digits + last):
            return first_13_digits + last
    raise AssertionError("unreachable: one Luhn digit always exists")


def complete_uai(first_7_digits):
    """A valid UAI from its 7 digits."""
    return first_7_digits + uai_check_letter(first_7_digits)
