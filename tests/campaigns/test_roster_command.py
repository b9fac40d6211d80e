import io
from datetime import date

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from sirius.audit.models import Event
from sirius.campaigns.models import Contact
from tests.campaigns.roster_helpers import csv_bytes, xlsx_bytes
from tests.factories import FormationFactory


def run(*args):
    stdout, stderr = io.StringIO(), io.StringIO()
    try:
        call_command("import_contacts", *args, stdout=stdout, stderr=stderr)
    except CommandError as error:
        return error.returncode, stdout.getvalue(), stderr.getvalue() + str(error)
    return 0, stdout.getvalue(), stderr.getvalue()


@pytest.mark.django_db
class TestImportContactsCommand:
    @pytest.fixture
    def formation(self):
        return FormationFactory()

    def test_imports_then_is_idempotent_then_updates(self, tmp_path, formation):
        key = formation.cle_ministere_educatif
        path = tmp_path / "contacts.csv"
        path.write_bytes(
            csv_bytes(
                [
                    ["a@x.fr", "06 12 34 56 78", "Léa", key, "01/09/2025", "31/08/2027"],
                    ["", "0712345678", "", key, "01/09/2025", ""],
                ]
            )
        )

        assert run(str(path)) == (0, "Contacts : 2 créés, 0 mis à jour, 0 inchangés.\n", "")
        assert run(str(path)) == (0, "Contacts : 0 créés, 0 mis à jour, 2 inchangés.\n", "")
        path.write_bytes(
            csv_bytes(
                [
                    ["a@x.fr", "06 12 34 56 78", "Léane", key, "01/09/2025", "31/08/2027"],
                    ["", "0712345678", "", key, "01/09/2025", ""],
                ]
            )
        )
        assert run(str(path)) == (0, "Contacts : 0 créés, 1 mis à jour, 1 inchangés.\n", "")

        assert Contact.objects.count() == 2
        assert Contact.objects.get(email="a@x.fr").first_name == "Léane"
        assert Event.objects.filter(verb="contacts.imported").count() == 3

    def test_refuses_the_whole_file_with_a_line_numbered_report(self, tmp_path, formation):
        key = formation.cle_ministere_educatif
        path = tmp_path / "contacts.csv"
        path.write_bytes(
            csv_bytes(
                [
                    ["a@x.fr", "", "", key, "01/09/2025", ""],
                    ["b@x", "", "", key, "", ""],
                    ["c@x.fr", "", "", "INCONNUE", "", ""],
                    ["d@x.fr", "", "", key, "01/09/2026", "01/09/2025"],
                ]
            )
        )

        status, stdout, stderr = run(str(path))

        assert status == 1
        assert stdout == ""
        assert stderr.splitlines() == [
            "Import des contacts refusé, rien n'a été enregistré : 3 erreurs.",
            "- Ligne 3, champ « email », valeur « b@x » : Adresse e-mail invalide.",
            "- Ligne 4, champ « formation », valeur « INCONNUE » : Formation inconnue : ni clé "
            "ministère éducatif ni code CFD du catalogue.",
            "- Ligne 5, champ « fin du contrat », valeur « 01/09/2025 » : La fin du contrat "
            "précède son début (01/09/2026) : dates dans le mauvais ordre.",
            "Import annulé (3 erreurs).",
        ]
        assert not Contact.objects.exists()

    def test_formation_option_for_a_file_without_formation_column(self, tmp_path, formation):
        path = tmp_path / "contacts.xlsx"
        path.write_bytes(
            xlsx_bytes([["a@x.fr", date(2025, 9, 1)]], header=["Courriel", "Début du contrat"])
        )

        assert run(str(path), "--formation", formation.cle_ministere_educatif)[0] == 0

        contact = Contact.objects.get()
        assert (contact.formation, contact.contract_start) == (formation, date(2025, 9, 1))

    def test_formation_option_unknown(self, tmp_path):
        path = tmp_path / "contacts.csv"
        path.write_bytes(csv_bytes([["a@x.fr"]], header=["email"]))

        status, _stdout, stderr = run(str(path), "--formation", "NOPE")

        assert status == 1
        assert "Formation inconnue : NOPE" in stderr

    def test_missing_file(self, tmp_path):
        status, _stdout, stderr = run(str(tmp_path / "absent.csv"))

        assert status == 1
        assert "Fichier introuvable" in stderr

    def test_progress_bar_only_in_a_terminal(self, tmp_path, formation):
        path = tmp_path / "contacts.csv"
        path.write_bytes(csv_bytes([["a@x.fr", "", "", formation.cle_ministere_educatif, "", ""]]))

        class Terminal(io.StringIO):
            def isatty(self):
                return True

        stderr = Terminal()
        call_command("import_contacts", str(path), stdout=io.StringIO(), stderr=stderr)

        assert "Vérification" in stderr.getvalue()
        assert "Enregistrement" in stderr.getvalue()
        assert "100 %" in stderr.getvalue()
