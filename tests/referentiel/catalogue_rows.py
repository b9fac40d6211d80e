"""Catalogue rows and files for the import tests."""

import csv
import json

from sirius.referentiel.validators import complete_siret, complete_uai

FORMATEUR_SIRET = complete_siret("1300000000001")
GESTIONNAIRE_SIRET = complete_siret("1300000000002")
FORMATEUR_UAI = complete_uai("0751234")


def catalogue_row(number=1, **overrides):
    """A valid catalogue row with the API field names; `number` makes the key unique."""
    row = {
        "cle_ministere_educatif": f"{number:06d}P01213000000000000000000000000",
        "cfd": "32031213",
        "rncp_code": "34825",
        "intitule_long": "BTS MANAGEMENT COMMERCIAL OPÉRATIONNEL",
        "intitule_court": "Management commercial opérationnel",
        "diplome": "BTS",
        "niveau": "5",
        "code_postal": "75011",
        "code_commune_insee": "75111",
        "num_departement": "75",
        "region": "Île-de-France",
        "localite": "Paris",
        "lieu_formation_adresse": "12 rue de la Roquette",
        "lieu_formation_geo_coordonnees": "48.8589,2.3790",
        "etablissement_formateur_siret": FORMATEUR_SIRET,
        "etablissement_formateur_uai": FORMATEUR_UAI,
        "etablissement_formateur_enseigne": "CFA Commerce Paris",
        "etablissement_formateur_entreprise_raison_sociale": "ASSOCIATION CFA COMMERCE",
        "etablissement_gestionnaire_siret": GESTIONNAIRE_SIRET,
        "etablissement_gestionnaire_uai": "",
        "etablissement_gestionnaire_enseigne": "",
        "etablissement_gestionnaire_entreprise_raison_sociale": "CCI PARIS ILE-DE-FRANCE",
        "duree": "2",
        "onisep_url": "https://www.onisep.fr/formation/bts-mco",
    }
    row.update(overrides)
    return row


def numbered(rows, first_line=2):
    return list(enumerate(rows, start=first_line))


def write_csv(path, rows, *, separator=";", encoding="utf-8", fieldnames=None):
    fieldnames = fieldnames or list(rows[0])
    with open(path, "w", newline="", encoding=encoding) as file:
        writer = csv.DictWriter(file, fieldnames=fieldnames, delimiter=separator)
        writer.writeheader()
        writer.writerows(rows)
    return path


def write_json(path, rows):
    path.write_text(json.dumps(rows, ensure_ascii=False, indent=2), encoding="utf-8")
    return path


def write_json_lines(path, rows):
    text = "".join(json.dumps(row, ensure_ascii=False) + "\n" for row in rows)
    path.write_text(text, encoding="utf-8")
    return path
