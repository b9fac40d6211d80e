import pytest

from sirius.questionnaires.definition import Definition, default_definition
from sirius.responses.answers import (
    AnswerErrors,
    answers_prune,
    first_unanswered_section,
    missing_required,
    section_answers_clean,
)
from tests.responses.data import STORED_ANSWERS

DEFINITION = Definition(default_definition())


def clean(section_id, submitted, answers=None, require=True):
    return section_answers_clean(
        section=DEFINITION.section(section_id),
        answers=answers or {},
        submitted=submitted,
        require=require,
    )


def errors(section_id, submitted, answers=None, require=True):
    with pytest.raises(AnswerErrors) as caught:
        clean(section_id, submitted, answers, require)
    return caught.value.errors


GRID = {"accueil": "5", "cours": "4", "equipements": "3"}
FULL_GRID = {**GRID, "accompagnement": "4", "rythme": "2", "ambiance": "5"}


class TestScale:
    def test_accepts_1_to_5_and_stores_an_int(self):
        cleaned = clean(
            "recherche_entreprise", {"recherche_facilite": "5", "recherche_aide_cfa": "non"}
        )
        assert cleaned == {"recherche_facilite": 5, "recherche_aide_cfa": "non"}

    @pytest.mark.parametrize("value", ["0", "6", "-1", "trois", "2.5", True])
    def test_refuses_values_outside_the_scale(self, value):
        found = errors(
            "recherche_entreprise", {"recherche_facilite": value, "recherche_aide_cfa": "non"}
        )
        assert found == {"recherche_facilite": "Choisis une note entre 1 et 5."}

    def test_required_scale_left_blank(self):
        found = errors("recherche_entreprise", {"recherche_aide_cfa": "non"})
        assert found == {"recherche_facilite": "Choisis une note."}


class TestSingleChoice:
    def test_refuses_a_value_not_in_the_list(self):
        found = errors("situation", {"situation": "en_vacances", "annee_debut": "2025"})
        assert found == {"situation": "Choisis une des réponses proposées."}

    def test_required_left_blank(self):
        found = errors("situation", {"situation": "", "annee_debut": None})
        assert found == {"situation": "Choisis une réponse.", "annee_debut": "Choisis une réponse."}

    def test_blank_is_accepted_when_going_back(self):
        assert clean("situation", {}, require=False) == {"situation": None, "annee_debut": None}

    def test_invalid_value_is_refused_even_when_going_back(self):
        found = errors("situation", {"situation": "x"}, require=False)
        assert found == {"situation": "Choisis une des réponses proposées."}


class TestMultipleChoice:
    answers = {"situation": "interrompue"}

    def test_keeps_choices_in_definition_order_without_repeats(self):
        cleaned = clean(
            "arret",
            {"raison_arret": {"choices": ["metier", "entreprise", "metier"]}},
            self.answers,
        )
        assert cleaned == {"raison_arret": {"choices": ["entreprise", "metier"], "other": ""}}

    def test_other_needs_its_text(self):
        found = errors(
            "arret", {"raison_arret": {"choices": ["autre"], "other": "  "}}, self.answers
        )
        assert found == {"raison_arret__other": "Tu as coché « Autre » : précise ta réponse."}

    def test_other_text_is_kept_only_when_other_is_checked(self):
        cleaned = clean(
            "arret", {"raison_arret": {"choices": ["metier"], "other": "oublié"}}, self.answers
        )
        assert cleaned["raison_arret"] == {"choices": ["metier"], "other": ""}
        cleaned = clean(
            "arret", {"raison_arret": {"choices": ["autre"], "other": " Santé "}}, self.answers
        )
        assert cleaned["raison_arret"] == {"choices": ["autre"], "other": "Santé"}

    def test_other_text_has_a_maximum_length(self):
        found = errors(
            "arret", {"raison_arret": {"choices": ["autre"], "other": "x" * 201}}, self.answers
        )
        assert found == {"raison_arret__other": "Ton texte fait 201 caractères : 200 au plus."}

    def test_refuses_unknown_choices(self):
        found = errors("arret", {"raison_arret": {"choices": ["pirate"]}}, self.answers)
        assert found == {"raison_arret": "Choisis parmi les réponses proposées."}

    def test_optional_question_may_stay_blank(self):
        assert clean("arret", {"raison_arret": {"choices": []}}, self.answers) == {
            "raison_arret": None
        }


class TestGrid:
    def test_stores_each_item_as_an_int(self):
        assert clean("centre_formation", {"cfa_criteres": FULL_GRID}) == {
            "cfa_criteres": {key: int(value) for key, value in FULL_GRID.items()}
        }

    def test_required_grid_needs_every_item(self):
        found = errors("centre_formation", {"cfa_criteres": GRID})
        assert found == {
            "cfa_criteres__accompagnement": "Choisis une note pour « l'aide et le suivi qu'on te "
            "donne ».",
            "cfa_criteres__rythme": "Choisis une note pour « l'organisation entre les semaines à "
            "l'école et en entreprise ».",
            "cfa_criteres__ambiance": "Choisis une note pour « l'ambiance ».",
        }

    def test_refuses_an_item_outside_the_scale(self):
        found = errors("centre_formation", {"cfa_criteres": {**FULL_GRID, "cours": "9"}})
        assert list(found) == ["cfa_criteres__cours"]
        assert found["cfa_criteres__cours"].startswith("Choisis une note entre 1 et 5 pour « ")

    def test_partial_grid_is_kept_when_going_back(self):
        cleaned = clean("centre_formation", {"cfa_criteres": GRID}, require=False)
        assert cleaned == {"cfa_criteres": {"accueil": 5, "cours": 4, "equipements": 3}}


class TestFreeText:
    def test_optional_text_may_stay_blank_and_is_stripped(self):
        cleaned = clean("tes_mots", {"commentaire_positif": "  Super  ", "commentaire_conseil": ""})
        assert cleaned == {
            "commentaire_positif": "Super",
            "commentaire_ameliorer": None,
            "commentaire_conseil": None,
        }

    def test_refuses_text_over_the_maximum_length(self):
        found = errors("tes_mots", {"commentaire_ameliorer": "a" * 1501})
        assert found == {
            "commentaire_ameliorer": "Ton texte fait 1\u202f501 caractères : 1\u202f500 au plus."
        }

    def test_accepts_exactly_the_maximum_length(self):
        assert clean("tes_mots", {"commentaire_ameliorer": "a" * 1500})["commentaire_ameliorer"]


class TestConditions:
    def test_arret_section_is_visible_only_when_the_training_stopped(self):
        assert "arret" not in [s.id for s in DEFINITION.visible_sections({"situation": "en_cours"})]
        assert "arret" in [s.id for s in DEFINITION.visible_sections({"situation": "interrompue"})]

    def test_hidden_answers_are_dropped(self):
        answers = {
            "situation": "en_cours",
            "raison_arret": {"choices": ["metier"], "other": ""},
            "satisfaction_globale": 3,
        }
        assert answers_prune(DEFINITION, answers) == {
            "situation": "en_cours",
            "satisfaction_globale": 3,
        }

    def test_visible_answers_are_kept(self):
        answers = {"situation": "interrompue", "raison_arret": {"choices": ["metier"]}}
        assert answers_prune(DEFINITION, answers) == answers


class TestProgress:
    def test_resume_at_the_first_section_not_saved(self):
        answers = {"situation": "en_cours", "annee_debut": "2025"}
        assert first_unanswered_section(DEFINITION, answers).id == "recherche_entreprise"
        assert first_unanswered_section(DEFINITION, {}).id == "situation"
        assert first_unanswered_section(DEFINITION, STORED_ANSWERS) is None

    def test_missing_required_finds_the_first_gap(self):
        assert missing_required(DEFINITION, STORED_ANSWERS) is None
        gap = {**STORED_ANSWERS, "cfa_criteres": {"accueil": 3}}
        assert missing_required(DEFINITION, gap).id == "centre_formation"
        assert missing_required(DEFINITION, {**STORED_ANSWERS, "recommandation": None}).id == (
            "avis_general"
        )
