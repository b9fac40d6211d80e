"""The catalogue import refuses invalid input with a French report, and writes nothing."""

import pytest

from sirius.audit.models import Event
from sirius.referentiel.catalogue.services import (
    CatalogueImportError,
    catalogue_import_file,
    catalogue_import_rows,
)
from sirius.referentiel.models import Establishment, Formation

from .catalogue_rows import catalogue_row, numbered, write_csv, write_json

pytestmark = pytest.mark.django_db


def import_errors(rows):
    with pytest.raises(CatalogueImportError) as caught:
        catalogue_import_rows(numbered(rows))
    return caught.value.errors


def file_error_message(path):
    with pytest.raises(CatalogueImportError) as caught:
        catalogue_import_file(path)
    [error] = caught.value.errors
    return str(error)


class TestRowErrors:
    @pytest.mark.parametrize(
        ("field", "value", "reason"),
        [
            ("etablissement_formateur_siret", "12345678901234", "clé de contrôle incorrecte"),
            ("etablissement_gestionnaire_siret", "1234", "14 chiffres"),
            ("etablissement_formateur_uai", "0010001A", "lettre de contrôle"),
            ("cfd", "3203", "CFD"),
            ("rncp_code", "RS5432", "RNCP"),
            ("niveau", "9 (Doctorat)", "Niveau inconnu"),
            ("lieu_formation_geo_coordonnees", "48.85", "Coordonnées illisibles"),
            ("lieu_formation_geo_coordonnees", "148.85,2.3", "hors limites"),
            ("code_postal", "750111", "Code postal invalide"),
            ("duree", "deux ans", "Durée illisible"),
        ],
    )
    def test_an_invalid_value_is_reported_with_line_field_and_value(self, field, value, reason):
        [error] = import_errors([catalogue_row(1), catalogue_row(2, **{field: value})])

        assert (error.line, error.field, error.value) == (3, field, value)
        assert reason in error.reason
        assert str(error).startswith(f"Ligne 3, champ « {field} », valeur « {value} » : ")

    @pytest.mark.parametrize(
        "missing",
        [
            {"cle_ministere_educatif": ""},
            {"etablissement_formateur_siret": ""},
            {"etablissement_gestionnaire_siret": " "},
            {"intitule_long": "", "intitule_court": ""},
            {"cfd": "", "rncp_code": ""},
        ],
    )
    def test_a_missing_required_field_is_reported(self, missing):
        [error] = import_errors([catalogue_row(**missing)])

        assert error.line == 2
        assert error.field == next(iter(missing))
        assert error.reason.startswith("Champ obligatoire manquant")

    def test_a_duplicate_key_names_both_lines(self):
        rows = [catalogue_row(1), catalogue_row(2), catalogue_row(1)]

        [error] = import_errors(rows)

        assert (error.line, error.field) == (4, "cle_ministere_educatif")
        assert "Clé en double" in error.reason
        assert "ligne 2" in error.reason
        assert "ligne 4" in error.reason

    def test_every_bad_row_is_reported(self):
        rows = [catalogue_row(1, cfd="X"), catalogue_row(2), catalogue_row(3, niveau="12")]

        errors = import_errors(rows)

        assert [(error.line, error.field) for error in errors] == [(2, "cfd"), (4, "niveau")]

    def test_the_exception_reads_as_a_french_report(self):
        with pytest.raises(CatalogueImportError) as caught:
            catalogue_import_rows(numbered([catalogue_row(cfd="X")]))

        assert str(caught.value).startswith(
            "Import du catalogue refusé, rien n'a été enregistré : 1 erreur."
        )
        assert "- Ligne 2, champ « cfd », valeur « X »" in str(caught.value)

    def test_a_json_array_reports_element_numbers(self, tmp_path):
        path = write_json(
            tmp_path / "catalogue.json", [catalogue_row(1), catalogue_row(2, cfd="X")]
        )

        with pytest.raises(CatalogueImportError) as caught:
            catalogue_import_file(path)

        assert str(caught.value.errors[0]).startswith("Élément 2, champ « cfd »")

    def test_line_numbers_count_the_lines_of_quoted_values(self, tmp_path):
        rows = [catalogue_row(1, intitule_long="BTS\nsur deux lignes"), catalogue_row(2, cfd="X")]
        path = write_csv(tmp_path / "catalogue.csv", rows)

        with pytest.raises(CatalogueImportError) as caught:
            catalogue_import_file(path)

        assert [(error.line, error.field) for error in caught.value.errors] == [(4, "cfd")]

    def test_no_rows_is_an_error(self):
        assert "Aucune formation" in str(import_errors([])[0])


class TestAtomicity:
    def test_one_bad_row_at_the_end_writes_nothing(self, tmp_path):
        catalogue_import_rows(numbered([catalogue_row(1)]))
        counts = (Formation.objects.count(), Establishment.objects.count(), Event.objects.count())
        rows = [catalogue_row(number) for number in range(1, 50)]
        rows[0]["intitule_long"] = "INTITULÉ MODIFIÉ"
        rows.append(catalogue_row(99, etablissement_formateur_siret="12345678901234"))
        path = write_csv(tmp_path / "catalogue.csv", rows)

        with pytest.raises(CatalogueImportError):
            catalogue_import_file(path)

        assert (
            Formation.objects.count(),
            Establishment.objects.count(),
            Event.objects.count(),
        ) == (counts)
        assert Formation.objects.get().intitule == "BTS MANAGEMENT COMMERCIAL OPÉRATIONNEL"


class TestFileErrors:
    def test_missing_file(self, tmp_path):
        assert file_error_message(tmp_path / "absent.csv").startswith("Fichier introuvable")

    def test_empty_file(self, tmp_path):
        path = tmp_path / "vide.csv"
        path.write_text("\n  \n", encoding="utf-8")

        assert file_error_message(path) == "Le fichier est vide."

    def test_header_only(self, tmp_path):
        path = tmp_path / "entete.csv"
        path.write_text(";".join(catalogue_row()) + "\n", encoding="utf-8")

        assert file_error_message(path).startswith("Aucune formation à importer")

    def test_unreadable_encoding(self, tmp_path):
        path = tmp_path / "utf16.csv"
        path.write_text(";".join(catalogue_row()) + "\n", encoding="utf-16")

        assert file_error_message(path).startswith("Encodage illisible")

    def test_bytes_that_are_neither_utf8_nor_windows_1252(self, tmp_path):
        path = tmp_path / "binaire.csv"
        path.write_bytes(b"cle;cfd\n\x81\x8d\x90;x\n")

        assert file_error_message(path).startswith("Encodage illisible")

    def test_unknown_format(self, tmp_path):
        path = tmp_path / "catalogue.dat"
        path.write_text("ceci n'est pas un catalogue\n", encoding="utf-8")

        assert file_error_message(path).startswith("Format de fichier inconnu")

    def test_spreadsheet_file(self, tmp_path):
        path = tmp_path / "catalogue.xlsx"
        path.write_bytes(b"PK\x03\x04")

        assert "enregistrez le fichier au format CSV" in file_error_message(path)

    def test_json_syntax_error(self, tmp_path):
        path = tmp_path / "catalogue.json"
        path.write_text('[\n  {"cle_ministere_educatif": "A",}\n]', encoding="utf-8")

        assert file_error_message(path).startswith("JSON invalide ligne 2")

    def test_json_lines_syntax_error(self, tmp_path):
        path = tmp_path / "catalogue.jsonl"
        path.write_text('{"cfd": "32031213"}\n{"cfd": \n', encoding="utf-8")

        assert file_error_message(path).startswith("JSON invalide ligne 2")

    def test_a_json_item_that_is_not_an_object(self, tmp_path):
        path = write_json(tmp_path / "catalogue.json", [catalogue_row(1), "texte"])

        with pytest.raises(CatalogueImportError) as caught:
            catalogue_import_file(path)

        assert str(caught.value.errors[0]) == (
            "Élément 2 : Chaque formation doit être un objet JSON ({…})."
        )

    def test_missing_required_columns(self, tmp_path):
        row = catalogue_row()
        del row["etablissement_gestionnaire_siret"]
        path = write_csv(tmp_path / "catalogue.csv", [row])

        message = file_error_message(path)

        assert message.startswith("Colonnes obligatoires absentes de l'en-tête")
        assert "etablissement_gestionnaire_siret" in message

    def test_a_row_with_too_many_columns(self, tmp_path):
        path = write_csv(tmp_path / "catalogue.csv", [catalogue_row()])
        with open(path, "a", encoding="utf-8") as file:
            file.write(";".join(catalogue_row(2).values()) + ";en trop\n")

        message = file_error_message(path)

        assert message.startswith("Ligne 3 : La ligne compte")

    def test_a_runaway_quote(self, tmp_path):
        path = write_csv(tmp_path / "catalogue.csv", [catalogue_row()])
        with open(path, "a", encoding="utf-8") as file:
            file.write('"' + "x" * 200_000 + "\n")

        assert file_error_message(path).startswith("CSV illisible vers la ligne")
