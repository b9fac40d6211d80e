"""The roster's fields and the column headers accepted for each, French or English."""

from sirius.referentiel.search import normalize_search_text

from .errors import roster_file_error

EMAIL = "email"
PHONE = "phone"
FIRST_NAME = "first_name"
FORMATION = "formation"
CONTRACT_START = "contract_start"
CONTRACT_END = "contract_end"

FIELDS = (EMAIL, PHONE, FIRST_NAME, FORMATION, CONTRACT_START, CONTRACT_END)

# How each field is named in reports: the French header a CFA would write.
LABELS = {
    EMAIL: "email",
    PHONE: "téléphone",
    FIRST_NAME: "prénom",
    FORMATION: "formation",
    CONTRACT_START: "début du contrat",
    CONTRACT_END: "fin du contrat",
}

ALIASES = {
    EMAIL: (
        "email", "e-mail", "mail", "courriel", "adresse e-mail", "adresse email", "adresse mail",
        "adresse électronique", "adresse courriel", "email address", "e-mail address",
    ),
    PHONE: (
        "téléphone", "tel", "tél", "portable", "mobile", "téléphone portable",
        "numéro de téléphone", "numéro de portable", "phone", "phone number", "mobile phone",
    ),
    FIRST_NAME: ("prénom", "first_name", "first name", "firstname", "given name"),
    FORMATION: (
        "formation", "cle_ministere_educatif", "clé ministère éducatif", "cfd", "code cfd",
        "code formation", "code de la formation", "formation key",
    ),
    CONTRACT_START: (
        "debut_contrat", "début du contrat", "début de contrat", "date de début",
        "date de début du contrat", "date de début de contrat", "date_debut_contrat",
        "date début contrat", "contract_start", "contract start", "contract start date",
        "start date",
    ),
    CONTRACT_END: (
        "fin_contrat", "fin du contrat", "fin de contrat", "date de fin", "date de fin du contrat",
        "date de fin de contrat", "date_fin_contrat", "date fin contrat", "contract_end",
        "contract end", "contract end date", "end date",
    ),
}  # fmt: skip

_FIELD_BY_KEY = {
    normalize_search_text(alias): field for field, aliases in ALIASES.items() for alias in aliases
}


def field_for_header(header):
    """The roster field of a column header, whatever its case, accents and punctuation.

    An unknown header (« nom », « classe »…) gives "": the column is ignored.
    """
    return _FIELD_BY_KEY.get(normalize_search_text(header or ""), "")


def header_checker(*, formation_required):
    """The check of a file's header: an email or phone column, and a formation column unless
    one formation was chosen for the whole file."""

    def check(fields):
        duplicates = sorted({LABELS[name] for name in fields if name and fields.count(name) > 1})
        if duplicates:
            raise roster_file_error(f"Colonnes en double dans l'en-tête : {', '.join(duplicates)}.")
        missing = []
        if EMAIL not in fields and PHONE not in fields:
            missing.append("email ou téléphone")
        if formation_required and FORMATION not in fields:
            missing.append("formation (clé ministère éducatif ou CFD)")
        if missing:
            raise roster_file_error(
                f"Colonnes obligatoires absentes de l'en-tête : {' ; '.join(missing)}. "
                "Vérifiez que la première ligne contient les noms de colonnes "
                "(par exemple : email ; téléphone ; prénom ; formation ; début du contrat ; "
                "fin du contrat)."
            )

    return check
