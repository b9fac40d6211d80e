import json
from io import StringIO

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from sirius.questionnaires.definition import DEFINITIONS_DIR, default_definition
from sirius.questionnaires.models import Questionnaire, QuestionnaireVersion

from .definitions import question, small_definition

pytestmark = pytest.mark.django_db


def write(tmp_path, data):
    path = tmp_path / "questionnaire.json"
    path.write_bytes(data if isinstance(data, bytes) else json.dumps(data).encode())
    return str(path)


def run(*args):
    out, err = StringIO(), StringIO()
    call_command("questionnaire_import", *args, stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


def changed():
    data = default_definition()
    data["title"] = "Nouveau titre"
    return data


def test_imports_a_draft(tmp_path):
    out, _ = run(write(tmp_path, changed()), "--slug", "default")

    version = QuestionnaireVersion.objects.get(number=2)
    assert not version.is_published
    assert version.created_by is None
    assert "Version 2 du questionnaire « default » enregistrée comme brouillon" in out


def test_imports_and_publishes(tmp_path):
    out, _ = run(write(tmp_path, changed()), "--publish")

    assert QuestionnaireVersion.objects.latest_published().number == 2
    assert "publiée (12 questions)" in out


def test_creates_a_new_questionnaire(tmp_path):
    out, _ = run(write(tmp_path, small_definition()), "--slug", "court", "--publish")

    questionnaire = Questionnaire.objects.get(slug="court")
    assert questionnaire.title == "Questionnaire de test"
    assert questionnaire.versions.get().number == 1
    assert "Questionnaire « court » créé." in out


def test_invalid_file_exits_1_with_the_messages(tmp_path):
    data = small_definition()
    question(data, "note")["label"] = ""
    del question(data, "bravo")["max_length"]

    with pytest.raises(CommandError) as caught:
        run(write(tmp_path, data), "--slug", "court", "--publish")

    assert caught.value.returncode == 1
    assert "Import refusé (2 erreurs)" in str(caught.value)
    assert not Questionnaire.objects.filter(slug="court").exists()


def test_messages_are_written_to_stderr(tmp_path):
    err = StringIO()
    with pytest.raises(CommandError):
        call_command("questionnaire_import", write(tmp_path, b"{,}"), stderr=err)
    assert "erreur de syntaxe ligne 1, colonne 2" in err.getvalue()
    assert QuestionnaireVersion.objects.count() == 1


def test_identical_file_is_refused(tmp_path):
    path = str(DEFINITIONS_DIR / "default.json")
    with pytest.raises(CommandError, match="1 erreur"):
        run(path)
    assert QuestionnaireVersion.objects.count() == 1


def test_missing_file():
    with pytest.raises(CommandError, match="Fichier illisible"):
        run("/nonexistent/questionnaire.json")
