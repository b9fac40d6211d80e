"""The catalogue's field names, and the French headers of the catalogue website's CSV export."""

from sirius.referentiel.search import normalize_search_text

ESTABLISHMENT_ROLES = ("formateur", "gestionnaire")

# Fields of one establishment, prefixed with `etablissement_<role>_` in a catalogue row.
ESTABLISHMENT_SUFFIXES = (
    "siret",
    "uai",
    "enseigne",
    "entreprise_raison_sociale",
    "adresse",
    "code_postal",
    "localite",
    "code_commune_insee",
    "num_departement",
    "region",
)

FORMATION_FIELDS = (
    "cle_ministere_educatif",
    "cfd",
    "rncp_code",
    "intitule_long",
    "intitule_court",
    "intitule_rco",
    "diplome",
    "niveau",
    "code_postal",
    "code_commune_insee",
    "localite",
    "num_departement",
    "region",
    "lieu_formation_adresse",
    "lieu_formation_geo_coordonnees",
    "duree",
    "onisep_url",
)

KNOWN_FIELDS = FORMATION_FIELDS + tuple(
    f"etablissement_{role}_{suffix}"
    for role in ESTABLISHMENT_ROLES
    for suffix in ESTABLISHMENT_SUFFIXES
)

# A row needs every one of these groups: at least one field of each group filled.
REQUIRED_GROUPS = (
    ("cle_ministere_educatif",),
    ("etablissement_formateur_siret",),
    ("etablissement_gestionnaire_siret",),
    ("intitule_long", "intitule_court", "intitule_rco"),
    ("cfd", "rncp_code"),
)

# Copied from the catalogue's export documentation (shared/data/catalogue-export-columns.csv).
EXPORT_HEADERS = {
    "Clé ministere educatif": "cle_ministere_educatif",
    "Identifiant Certifinfo": "id_certifinfo",
    "Responsable: région": "etablissement_gestionnaire_region",
    "Responsable: Siret": "etablissement_gestionnaire_siret",
    "Responsable: UAI": "etablissement_gestionnaire_uai",
    "Responsable: raison sociale": "etablissement_gestionnaire_entreprise_raison_sociale",
    "Responsable: enseigne": "etablissement_gestionnaire_enseigne",
    "Formateur: région": "etablissement_formateur_region",
    "Formateur: Siret": "etablissement_formateur_siret",
    "Formateur: UAI": "etablissement_formateur_uai",
    "Formateur: raison sociale": "etablissement_formateur_entreprise_raison_sociale",
    "Formateur: enseigne": "etablissement_formateur_enseigne",
    "Formateur: adresse": "etablissement_formateur_adresse",
    "Formateur: code postal": "etablissement_formateur_code_postal",
    "Formateur: ville": "etablissement_formateur_localite",
    "Formateur: code commune": "etablissement_formateur_code_commune_insee",
    "Lieu: académie": "nom_academie",
    "Lieu: région": "region",
    "Lieu: Siret": "etablissement_lieu_formation_siret",
    "Lieu: UAI": "uai_formation",
    "Lieu: adresse": "lieu_formation_adresse",
    "Lieu: code postal": "code_postal",
    "Lieu: ville": "localite",
    "Lieu: code commune": "code_commune_insee",
    "Lieu: géolocalisation": "lieu_formation_geo_coordonnees",
    "Formation: type certification BCN": "diplome",
    "Formation: libellé long BCN": "intitule_long",
    "Formation: libellé Carif-Oref": "intitule_rco",
    "Formation: code RNCP": "rncp_code",
    "Formation: code CFD": "cfd",
    "Formation: codes MEF": "bcn_mefs_10",
    "Formation: niveau BCN": "niveau",
    "Formation: durée collectée": "duree",
    "Formation: année d'entrée en apprentissage collectée": "annee",
    "Formation: URL Onisep": "onisep_url",
}

_FIELD_BY_HEADER_KEY = {
    **{normalize_search_text(header): field for header, field in EXPORT_HEADERS.items()},
    **{normalize_search_text(field): field for field in KNOWN_FIELDS},
}


def field_for_header(header):
    """The field name of a column: a catalogue field name as is, an export label mapped.

    Labels match whatever their case, accents and spacing; an unknown header is kept as written.
    """
    header = (header or "").strip()
    return _FIELD_BY_HEADER_KEY.get(normalize_search_text(header), header)


def missing_required_groups(fields):
    """The required groups none of whose fields is among `fields` (the columns of a file)."""
    present = set(fields)
    return [group for group in REQUIRED_GROUPS if not present.intersection(group)]
