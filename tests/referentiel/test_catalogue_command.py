"""`manage.py import_catalogue PATH`: output, and exit status 1 on invalid input."""

import os
import subprocess
import sys
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from sirius.referentiel.models import Formation

from .catalogue_rows import catalogue_row, write_csv

ROOT = Path(__file__).resolve().parents[2]


class TerminalOutput(StringIO):
    def isatty(self):
        return True


def run_command(path):
    stdout, stderr = StringIO(), StringIO()
    call_command("import_catalogue", str(path), stdout=stdout, stderr=stderr)
    return stdout.getvalue(), stderr.getvalue()


@pytest.mark.django_db
class TestImportCatalogueCommand:
    def test_prints_the_summary(self, tmp_path):
        path = write_csv(tmp_path / "catalogue.csv", [catalogue_row(1), catalogue_row(2)])

        stdout, stderr = run_command(path)

        assert stdout.strip() == (
            "Formations : 2 créées, 0 mises à jour, 0 inchangées. "
            "Établissements : 2 créés, 0 mis à jour."
        )
        assert stderr == ""  # no progress bar outside a terminal

    def test_draws_a_progress_bar_in_a_terminal(self, tmp_path):
        path = write_csv(tmp_path / "catalogue.csv", [catalogue_row(1), catalogue_row(2)])
        terminal = TerminalOutput()

        call_command("import_catalogue", str(path), stdout=StringIO(), stderr=terminal)

        assert "\rVérification" in terminal.getvalue()
        assert "100 % (2/2)" in terminal.getvalue()
        assert terminal.getvalue().endswith("\n")

    def test_a_second_run_reports_nothing_changed(self, tmp_path):
        path = write_csv(tmp_path / "catalogue.csv", [catalogue_row(1), catalogue_row(2)])
        run_command(path)

        stdout, _ = run_command(path)

        assert "0 créées, 0 mises à jour, 2 inchangées" in stdout
        assert "0 créés, 0 mis à jour" in stdout

    def test_invalid_rows_fail_with_status_1_and_a_report(self, tmp_path):
        rows = [catalogue_row(1), catalogue_row(2, cfd="3203", etablissement_formateur_uai="X")]
        path = write_csv(tmp_path / "catalogue.csv", rows)
        stderr = StringIO()

        with pytest.raises(CommandError) as caught:
            call_command("import_catalogue", str(path), stdout=StringIO(), stderr=stderr)

        assert caught.value.returncode == 1
        assert str(caught.value) == "Import annulé (2 erreurs)."
        report = stderr.getvalue()
        assert "rien n'a été enregistré : 2 erreurs." in report
        assert "Ligne 3, champ « cfd », valeur « 3203 »" in report
        assert "Ligne 3, champ « etablissement_formateur_uai », valeur « X »" in report
        assert Formation.objects.count() == 0


def test_the_process_exits_with_status_1_without_a_traceback(tmp_path):
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "config.settings.test"}
    missing = tmp_path / "absent.csv"

    result = subprocess.run(
        [sys.executable, "manage.py", "import_catalogue", "--skip-checks", str(missing)],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )

    assert result.returncode == 1
    assert f"Fichier introuvable : {missing}" in result.stderr
    assert "Traceback" not in result.stderr
