import io
import json
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from sirius.moderation import analysis
from sirius.moderation.analysis import TextAnalysis

SHIPPED = Path(__file__).resolve().parents[1] / "data" / "moderation_labelled.csv"
HEADER = "text,personal_data,insult,alert,themes\n"


def run(*args, stdin=None):
    stdout = io.StringIO()
    options = {"stdout": stdout}
    if stdin is not None:
        options["stdin"] = io.StringIO(stdin)
    call_command(*args, **options)
    return stdout.getvalue()


class TestAnalyzeTexts:
    def test_prints_one_json_object_per_non_empty_line(self):
        output = run(
            "analyze_texts",
            stdin=(
                "Écris-moi à lea.martin92@gmail.com pour des infos.\n"
                "\n"
                "   \n"
                "Je pleure tous les soirs en rentrant du travail.\n"
            ),
        )
        lines = output.splitlines()
        assert len(lines) == 2
        first, second = (json.loads(line) for line in lines)
        assert set(first) == {"personal_data", "insult", "alert", "themes", "masked"}
        assert first["personal_data"] == ["email"]
        assert "lea.martin92@gmail.com" not in first["masked"]
        assert "[e-mail]" in first["masked"]
        assert first["alert"] is False
        assert second["alert"] is True
        assert second["personal_data"] == []

    def test_writes_accents_as_they_are(self):
        output = run("analyze_texts", stdin="Très bonne formation, les formateurs sont géniaux.\n")
        assert "Très bonne formation" in output
        assert "\\u00e8" not in output

    def test_prints_the_same_summary_as_the_analysis(self):
        text = "ma tutrice c'est une grosse conne"
        output = run("analyze_texts", stdin=text + "\n")
        assert json.loads(output) == analysis.analyse_text(text).summary()

    def test_an_allowed_term_is_not_masked(self):
        text = "Le CFA Marcel Sembat de Sotteville est top."
        output = run("analyze_texts", "--context", "CFA Marcel Sembat", stdin=text + "\n")
        summary = json.loads(output)
        assert "name" not in summary["personal_data"]
        assert "Marcel Sembat" in summary["masked"]


class TestEvaluateModeration:
    def test_meets_the_issue_targets_on_the_shipped_dataset(self):
        """The gate: personal data and alerts, recall ≥ 0.95 and precision ≥ 0.8."""
        output = run(
            "evaluate_moderation", str(SHIPPED), "--min-recall", "0.95", "--min-precision", "0.8"
        )
        assert "320 textes analysés" in output
        assert "personal_data:phone" in output
        assert "theme:handicap" in output

    def test_a_bad_file_exits_2_with_its_line_and_column(self, tmp_path):
        path = tmp_path / "labelled.csv"
        path.write_text(HEADER + "bien,,0,0,\nnul,,0,peut-être,\n", encoding="utf-8")
        with pytest.raises(CommandError) as raised:
            run("evaluate_moderation", str(path))
        assert raised.value.returncode == 2
        assert str(raised.value) == (
            "Fichier étiqueté invalide : ligne 3, colonne « alert », valeur « peut-être » : "
            "attendu 0 ou 1"
        )

    @pytest.fixture
    def analyser_that_finds_nothing(self, monkeypatch):
        def analyse(text, context=None):
            return TextAnalysis(
                spans=[],
                masked=text,
                insult=False,
                vulgar=False,
                insult_terms=[],
                alert_kinds=[],
                alert_terms=[],
                themes=[],
                pepite=False,
            )

        monkeypatch.setattr(analysis, "analyse_text", analyse)

    @pytest.fixture
    def small_file(self, tmp_path):
        path = tmp_path / "labelled.csv"
        path.write_text(
            HEADER + "Appelle le 06 12 34 56 78,phone,0,0,\nBonne formation,,0,0,\n",
            encoding="utf-8",
        )
        return path

    @pytest.mark.usefixtures("analyser_that_finds_nothing")
    def test_a_missed_target_exits_1(self, small_file):
        with pytest.raises(CommandError) as raised:
            run("evaluate_moderation", str(small_file), "--min-recall", "0.95")
        assert raised.value.returncode == 1
        assert "personal_data : rappel 0.00 < 0.95" in str(raised.value)

    @pytest.mark.usefixtures("analyser_that_finds_nothing")
    def test_without_targets_it_only_prints_the_table(self, small_file):
        output = run("evaluate_moderation", str(small_file))
        row = next(line for line in output.splitlines() if line.startswith("personal_data "))
        assert row.split() == ["personal_data", "1", "—", "0.00", "—", "0", "0", "1"]

    @pytest.mark.usefixtures("analyser_that_finds_nothing")
    def test_errors_lists_the_misclassified_lines(self, small_file):
        output = run("evaluate_moderation", str(small_file), "--errors", "personal_data")
        assert "ligne 2 : manqué personal_data, personal_data:phone\n" in output
        assert "Appelle le 06 12 34 56 78" in output
        assert "Bonne formation" not in output.split("Lignes mal classées")[1]
