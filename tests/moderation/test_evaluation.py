from pathlib import Path

import pytest

from sirius.moderation.analysis import Span, TextAnalysis, ThemeTone
from sirius.moderation.enums import Theme
from sirius.moderation.evaluation import (
    LabelledFileError,
    evaluate,
    evaluate_file,
    parse_labelled,
    read_labelled,
)

SHIPPED = Path(__file__).resolve().parents[1] / "data" / "moderation_labelled.csv"
HEADER = "text,personal_data,insult,alert,themes\n"


def analysis(*, kinds=(), insult=False, alert=False, themes=()):
    """An analysis that finds exactly what it is told to find."""
    return TextAnalysis(
        spans=[Span(kind=kind, start=0, end=1, text="x") for kind in kinds],
        masked="",
        insult=insult,
        vulgar=False,
        insult_terms=[],
        alert_kinds=["harassment"] if alert else [],
        alert_terms=[],
        themes=[ThemeTone(theme=theme, tone="positive") for theme in themes],
        pepite=False,
    )


def fake_analyser(findings):
    def analyse(text, context=None):
        return findings[text]

    return analyse


def write(tmp_path, content, encoding="utf-8"):
    path = tmp_path / "labelled.csv"
    path.write_bytes(content.encode(encoding))
    return path


class TestScores:
    @pytest.fixture
    def report(self, tmp_path):
        path = write(
            tmp_path,
            HEADER
            + "appelle Julien au 06 12 34 56 78,name|phone,0,0,\n"
            + "le chef est un connard,,1,0,maitre_apprentissage\n"
            + "je pleure tous les soirs,,0,1,\n"
            + '"super CFA, bons profs",,0,0,pedagogie\n',
        )
        findings = {
            # the phone is found, the name is missed
            "appelle Julien au 06 12 34 56 78": analysis(kinds=["phone"]),
            # insult found, theme missed
            "le chef est un connard": analysis(insult=True),
            # alert missed, a spurious name found
            "je pleure tous les soirs": analysis(kinds=["name"]),
            # right theme, and an insult that is not there
            "super CFA, bons profs": analysis(insult=True, themes=["pedagogie"]),
        }
        return evaluate_file(path, analyse=fake_analyser(findings))

    def test_personal_data_counts_any_kind(self, report):
        score = report.score("personal_data")
        assert (score.true_positives, score.false_positives, score.false_negatives) == (1, 1, 0)
        assert score.support == 1
        assert score.precision == 0.5
        assert score.recall == 1.0
        assert score.f1 == pytest.approx(2 / 3)

    def test_each_kind_is_scored_on_its_own(self, report):
        phone = report.score("personal_data:phone")
        name = report.score("personal_data:name")
        assert (phone.precision, phone.recall) == (1.0, 1.0)
        assert (name.true_positives, name.false_positives, name.false_negatives) == (0, 1, 1)
        assert (name.precision, name.recall, name.f1) == (0.0, 0.0, 0.0)

    def test_insult_alert_and_themes(self, report):
        insult = report.score("insult")
        assert (insult.precision, insult.recall) == (0.5, 1.0)
        alert = report.score("alert")
        assert alert.recall == 0.0
        assert alert.precision is None  # never raised
        assert alert.f1 is None
        theme = report.score("theme:maitre_apprentissage")
        assert (theme.support, theme.recall) == (1, 0.0)
        assert report.score("theme:pedagogie").f1 == 1.0

    def test_a_flag_nobody_carries_has_no_recall(self, report):
        email = report.score("personal_data:email")
        assert email.support == 0
        assert email.recall is None
        assert email.precision is None

    def test_every_theme_is_in_the_report(self, report):
        flags = {score.flag for score in report.scores}
        assert {f"theme:{theme}" for theme in Theme.values} <= flags
        assert report.texts == 4

    def test_misclassified_lines_say_what_was_missed_and_added(self, report):
        by_line = {error.line: error for error in report.misclassified}
        assert sorted(by_line) == [2, 3, 4, 5]
        assert by_line[2].missed == ("personal_data:name",)
        assert by_line[2].unexpected == ()
        assert by_line[3].missed == ("theme:maitre_apprentissage",)
        assert by_line[4].missed == ("alert",)
        assert by_line[4].unexpected == ("personal_data", "personal_data:name")
        assert by_line[5].unexpected == ("insult",)
        assert by_line[5].text == "super CFA, bons profs"

    def test_shortfalls_name_the_gated_flags_under_target(self, report):
        assert report.shortfalls() == []
        assert report.shortfalls(min_recall=0.95, min_precision=0.8) == [
            "personal_data : précision 0.50 < 0.80",
            "alert : rappel 0.00 < 0.95",
            "alert : précision — < 0.80",
        ]

    def test_a_perfect_analysis_has_no_misclassified_line(self):
        labelled = parse_labelled([HEADER, "mail a@b.fr,email,0,1,examens\n"])
        findings = {"mail a@b.fr": analysis(kinds=["email"], alert=True, themes=["examens"])}
        report = evaluate(labelled, analyse=fake_analyser(findings))
        assert report.misclassified == ()
        assert report.shortfalls(min_recall=1.0, min_precision=1.0) == []


class TestReading:
    def test_reads_labels_and_skips_blank_lines(self, tmp_path):
        path = write(
            tmp_path,
            "\ufeff" + HEADER + "a,email|url,1,0,rythme|examens\n\nb,,0,1,\n",
        )
        first, second = read_labelled(path)
        assert first.personal_data == {"email", "url"}
        assert (first.insult, first.alert) == (True, False)
        assert first.themes == {"rythme", "examens"}
        assert (second.line, second.text, second.alert) == (4, "b", True)

    @pytest.mark.parametrize(
        ("row", "column", "value", "reason"),
        [
            ("texte,,2,0,", "insult", "2", "attendu 0 ou 1"),
            ("texte,,0,oui,", "alert", "oui", "attendu 0 ou 1"),
            ("texte,phone|prenom,0,0,", "personal_data", "phone|prenom", "« prenom »"),
            ("texte,,0,0,ambiance|cantine", "themes", "ambiance|cantine", "« cantine »"),
            ("texte,email|email,0,0,", "personal_data", "email|email", "répétée"),
            ("   ,,0,0,", "text", None, "le texte est vide"),
        ],
    )
    def test_a_bad_value_is_reported_with_line_column_and_reason(
        self, tmp_path, row, column, value, reason
    ):
        path = write(tmp_path, HEADER + "ok,,0,0,\n" + row + "\n")
        with pytest.raises(LabelledFileError) as raised:
            read_labelled(path)
        error = raised.value
        assert (error.line, error.column, error.value) == (3, column, value)
        assert str(error).startswith(f"ligne 3, colonne « {column} »")
        assert reason in str(error)

    def test_a_row_with_an_unquoted_comma_is_refused(self, tmp_path):
        path = write(tmp_path, HEADER + "super, vraiment,,0,0,\n")
        with pytest.raises(LabelledFileError, match="ligne 2 : 6 colonnes au lieu de 5"):
            read_labelled(path)

    def test_an_unexpected_header_is_refused(self, tmp_path):
        path = write(tmp_path, "text,insult,alert\nbonjour,0,0\n")
        with pytest.raises(LabelledFileError, match="ligne 1 : en-tête « text,insult,alert »"):
            read_labelled(path)

    @pytest.mark.parametrize(
        ("content", "message"),
        [("", "le fichier est vide"), (HEADER, "aucun texte après l'en-tête")],
    )
    def test_an_empty_file_is_refused(self, tmp_path, content, message):
        with pytest.raises(LabelledFileError, match=message):
            read_labelled(write(tmp_path, content))

    def test_a_file_not_in_utf8_is_refused(self, tmp_path):
        path = write(tmp_path, HEADER + "très bien,,0,0,\n", encoding="latin-1")
        with pytest.raises(LabelledFileError, match="n'est pas en UTF-8"):
            read_labelled(path)

    def test_a_missing_file_is_refused(self, tmp_path):
        with pytest.raises(LabelledFileError, match="fichier introuvable"):
            read_labelled(tmp_path / "absent.csv")


class TestShippedDataset:
    """The labelled set the issue asks for: enough texts, every flag and theme represented."""

    @pytest.fixture
    def rows(self):
        return read_labelled(SHIPPED)

    def test_has_at_least_200_texts_one_per_line(self, rows):
        assert len(rows) >= 200
        assert all("\n" not in row.text for row in rows)
        assert len({row.text for row in rows}) == len(rows)

    def test_every_flag_has_enough_examples(self, rows):
        assert sum(bool(row.personal_data) for row in rows) >= 40
        assert sum(row.alert for row in rows) >= 35
        assert sum(row.insult for row in rows) >= 20
        for kind in ("email", "phone", "url", "address", "name", "handle"):
            assert sum(kind in row.personal_data for row in rows) >= 4, kind
        for theme in Theme.values:
            assert sum(theme in row.themes for row in rows) >= 8, theme
