"""The file formats the import reads: CSV dialects and encodings, JSON, the website's export."""

from pathlib import Path

import pytest

from sirius.referentiel.catalogue.services import catalogue_import_file
from sirius.referentiel.enums import Region
from sirius.referentiel.models import Establishment, Formation

from .catalogue_rows import catalogue_row, write_csv, write_json, write_json_lines

pytestmark = pytest.mark.django_db

EXPORT_FILE = Path(__file__).parent / "data" / "export-catalogue.csv"


@pytest.mark.parametrize(
    ("separator", "encoding"),
    [(";", "utf-8"), (",", "utf-8"), (";", "utf-8-sig"), (",", "utf-8-sig"), (";", "cp1252")],
)
def test_reads_csv_with_either_separator_and_encoding(tmp_path, separator, encoding):
    rows = [catalogue_row(1), catalogue_row(2, intitule_long="CAP PÂTISSIER, ÉLÈVE")]
    path = write_csv(tmp_path / "catalogue.csv", rows, separator=separator, encoding=encoding)

    summary = catalogue_import_file(path)

    assert summary.formations_created == 2
    intitules = set(Formation.objects.values_list("intitule", flat=True))
    assert intitules == {"BTS MANAGEMENT COMMERCIAL OPÉRATIONNEL", "CAP PÂTISSIER, ÉLÈVE"}
    assert "cle_ministere_educatif" in Formation.objects.first().catalogue_record


def test_reads_a_json_array(tmp_path):
    path = write_json(tmp_path / "catalogue.json", [catalogue_row(1), catalogue_row(2)])

    assert catalogue_import_file(path).formations_created == 2


def test_reads_json_lines_with_numbers_and_nulls(tmp_path):
    rows = [catalogue_row(1, niveau=5, duree=2, cfd=None), catalogue_row(2, rncp_code=None)]
    path = write_json_lines(tmp_path / "catalogue.jsonl", rows)

    assert catalogue_import_file(path).formations_created == 2
    first = Formation.objects.get(cle_ministere_educatif=rows[0]["cle_ministere_educatif"])
    assert (first.niveau, first.duree, first.cfd) == (5, 2, "")
    assert first.catalogue_record["niveau"] == 5


def test_detects_json_without_a_json_suffix(tmp_path):
    path = write_json(tmp_path / "catalogue.txt", [catalogue_row()])

    assert catalogue_import_file(path).formations_created == 1


class TestWebsiteExport:
    def test_maps_french_headers_and_export_values(self):
        summary = catalogue_import_file(EXPORT_FILE)

        assert summary.formations_created == 2
        assert summary.establishments_created == 3
        coiffure = Formation.objects.get(cle_ministere_educatif__startswith="088281P")
        assert coiffure.intitule == "BTS Métiers de la coiffure"  # from the Carif-Oref label
        assert (coiffure.cfd, coiffure.rncp, coiffure.niveau) == ("32033612", "RNCP35840", 5)
        assert (coiffure.localite, coiffure.code_postal) == ("Marseille 6e", "13006")
        assert (coiffure.departement, coiffure.region) == ("13", Region.PROVENCE_ALPES_COTE_D_AZUR)
        assert (coiffure.latitude, coiffure.longitude) == (43.2855, 5.3873)
        assert coiffure.catalogue_record["bcn_mefs_10"] == "3113361221,3113361222"
        assert coiffure.catalogue_record["nom_academie"] == "Aix-Marseille"
        formateur = coiffure.formateur
        assert formateur.enseigne == "CFA Artisanat Marseille"
        assert formateur.adresse == "2 avenue Jules Cantini"
        assert (formateur.code_postal, formateur.localite) == ("13006", "Marseille")
        assert (formateur.departement, formateur.region) == (
            "13",
            Region.PROVENCE_ALPES_COTE_D_AZUR,
        )
        assert coiffure.gestionnaire.raison_sociale == "CHAMBRE DE METIERS ET DE L'ARTISANAT"

        cuisine = Formation.objects.get(cle_ministere_educatif__startswith="099999P")
        assert (cuisine.intitule, cuisine.niveau, cuisine.rncp) == ("CUISINE", 3, "")
        assert (cuisine.departement, cuisine.region) == ("74", Region.AUVERGNE_RHONE_ALPES)
        assert cuisine.latitude is None
        assert Establishment.objects.get(siret=cuisine.formateur.siret).uai == ""

    def test_a_second_import_of_the_export_changes_nothing(self):
        catalogue_import_file(EXPORT_FILE)

        summary = catalogue_import_file(EXPORT_FILE)

        assert (summary.formations_created, summary.formations_updated) == (0, 0)
        assert (summary.establishments_created, summary.establishments_updated) == (0, 0)
