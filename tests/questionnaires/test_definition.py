"""The definition format: every kind of invalid definition is refused with a message naming the
question (or section) and the problem; Definition reads a valid one."""

import pytest

from sirius.questionnaires.definition import Definition, default_definition, definition_errors
from sirius.questionnaires.enums import QuestionType

from .definitions import SCALE_LABELS, question, small_definition


def only_error(data):
    errors = definition_errors(data)
    assert len(errors) == 1, errors
    return errors[0]


class TestValidDefinitions:
    def test_default_definition_is_valid(self):
        assert definition_errors(default_definition()) == []

    def test_small_definition_is_valid(self):
        assert definition_errors(small_definition()) == []

    def test_default_definition_public_scores_are_scales_of_five(self):
        definition = Definition(default_definition())
        for item in definition.public_score_questions():
            assert item.type in {QuestionType.SCALE, QuestionType.GRID}
            assert [point[0] for point in item.scale_points] == [1, 2, 3, 4, 5]


class TestNotADefinition:
    @pytest.mark.parametrize("data", [[], "texte", 3, None])
    def test_not_an_object(self, data):
        assert definition_errors(data) == [
            "La définition doit être un objet JSON (entre accolades)."
        ]

    def test_missing_sections(self):
        message = only_error({"title": "Titre"})
        assert "champ obligatoire manquant" in message
        assert "sections" in message

    def test_unknown_top_level_field(self):
        data = small_definition()
        data["auteur"] = "moi"
        assert "auteur" in only_error(data)


class TestQuestionErrors:
    def test_unknown_type(self):
        data = small_definition()
        question(data, "note")["type"] = "slider"
        message = only_error(data)
        assert message.startswith("Question « note » (section « debut »), champ « type »")
        assert "« slider » inconnue" in message

    def test_missing_label(self):
        data = small_definition()
        del question(data, "note")["label"]
        message = only_error(data)
        assert message.startswith("Question « note » (section « debut »)")
        assert "champ obligatoire manquant : « label »" in message

    @pytest.mark.parametrize("label", ["", "   "])
    def test_empty_label(self, label):
        data = small_definition()
        question(data, "note")["label"] = label
        assert (
            only_error(data)
            == "Question « note » (section « debut »), champ « label » : texte vide"
        )

    @pytest.mark.parametrize("count", [0, 4, 6])
    def test_scale_without_five_labels(self, count):
        data = small_definition()
        question(data, "note")["scale"]["labels"] = (SCALE_LABELS * 2)[:count]
        message = only_error(data)
        assert message.startswith("Question « note » (section « debut »), champ « labels »")
        assert f"nombre d'éléments incorrect ({count})" in message

    def test_scale_without_scale(self):
        data = small_definition()
        del question(data, "note")["scale"]
        assert "champ obligatoire manquant : « scale »" in only_error(data)

    def test_grid_without_items(self):
        data = small_definition()
        del question(data, "grille")["items"]
        message = only_error(data)
        assert message.startswith("Question « grille » (section « suite »)")
        assert "champ obligatoire manquant : « items »" in message

    def test_grid_with_empty_items(self):
        data = small_definition()
        question(data, "grille")["items"] = []
        message = only_error(data)
        assert message.startswith("Question « grille » (section « suite »), champ « items »")

    def test_free_text_without_max_length(self):
        data = small_definition()
        del question(data, "bravo")["max_length"]
        message = only_error(data)
        assert message.startswith("Question « bravo » (section « suite »)")
        assert "champ obligatoire manquant : « max_length »" in message

    @pytest.mark.parametrize(
        ("question_id", "field", "value"),
        [
            ("note", "choices", [{"value": "a", "label": "A"}, {"value": "b", "label": "B"}]),
            ("statut", "max_length", 100),
            ("statut", "other", True),
            ("statut", "public_score", True),
            ("bravo", "scale", {"labels": SCALE_LABELS}),
            ("grille", "choices", [{"value": "a", "label": "A"}, {"value": "b", "label": "B"}]),
        ],
    )
    def test_field_forbidden_for_the_type(self, question_id, field, value):
        data = small_definition()
        question(data, question_id)[field] = value
        message = only_error(data)
        assert f"Question « {question_id} »" in message
        assert f"champ « {field} »" in message
        assert "interdit pour ce type de question" in message

    def test_several_forbidden_fields_are_named(self):
        data = small_definition()
        question(data, "statut").update(max_length=100, other=True)
        assert only_error(data) == (
            "Question « statut » (section « debut »), champs « other », « max_length » : "
            "champ interdit pour ce type de question"
        )

    def test_unknown_question_field(self):
        data = small_definition()
        question(data, "note")["couleur"] = "bleu"
        message = only_error(data)
        assert message.startswith("Question « note »")
        assert "couleur" in message

    def test_invalid_identifier(self):
        data = small_definition()
        question(data, "note")["id"] = "Note globale"
        assert "identifiant « Note globale » invalide" in only_error(data)

    def test_several_errors_are_all_listed(self):
        data = small_definition()
        question(data, "note")["label"] = ""
        del question(data, "bravo")["max_length"]
        errors = definition_errors(data)
        assert len(errors) == 2
        assert errors[0].startswith("Question « note »")
        assert errors[1].startswith("Question « bravo »")


class TestIdentifiers:
    def test_duplicate_question_id(self):
        data = small_definition()
        question(data, "bravo")["id"] = "raisons"
        assert only_error(data) == (
            "Question « raisons » : identifiant déjà utilisé par une autre question."
        )

    def test_duplicate_question_id_across_sections(self):
        data = small_definition()
        question(data, "grille")["id"] = "statut"
        assert only_error(data).startswith("Question « statut » : identifiant déjà utilisé")

    def test_duplicate_section_id(self):
        data = small_definition()
        data["sections"][1]["id"] = "debut"
        assert only_error(data) == "Section « debut » : identifiant déjà utilisé."

    def test_duplicate_choice_value(self):
        data = small_definition()
        question(data, "raisons")["choices"][1]["value"] = "a"
        assert only_error(data) == "Question « raisons » : valeurs en double : a."

    def test_duplicate_grid_item(self):
        data = small_definition()
        question(data, "grille")["items"].append({"value": "cours", "label": "encore"})
        assert only_error(data) == "Question « grille » : valeurs en double : cours."


class TestConditions:
    def test_on_an_unknown_question(self):
        data = small_definition()
        question(data, "bravo")["show_if"] = {"question": "inconnue", "in": ["a"]}
        message = only_error(data)
        assert message.startswith("Question « bravo » : la condition porte sur « inconnue »")
        assert "n'est pas une question placée avant" in message

    def test_on_a_later_question(self):
        data = small_definition()
        question(data, "note")["show_if"] = {"question": "raisons", "in": ["a"]}
        message = only_error(data)
        assert message.startswith("Question « note » : la condition porte sur « raisons »")
        assert "placée avant" in message

    def test_section_on_a_later_question(self):
        data = small_definition()
        data["sections"][0]["show_if"] = {"question": "statut", "in": ["arret"]}
        message = only_error(data)
        assert message.startswith("Section « debut » : la condition porte sur « statut »")

    def test_on_a_question_in_the_same_section(self):
        data = small_definition()
        question(data, "note")["show_if"] = {"question": "statut", "in": ["arret"]}
        message = only_error(data)
        assert message.startswith("Question « note » : la condition porte sur « statut »")
        assert "même page" in message

    def test_on_a_free_text(self):
        data = small_definition()
        data["sections"].append(
            {
                "id": "fin",
                "title": "Fin",
                "questions": [
                    {
                        "id": "merci",
                        "type": "scale",
                        "label": "Merci ?",
                        "scale": {"labels": SCALE_LABELS},
                        "show_if": {"question": "bravo", "in": ["oui"]},
                    }
                ],
            }
        )
        assert only_error(data) == (
            "Question « merci » : une condition ne peut pas porter sur une question de type "
            "texte ou grille."
        )

    def test_with_unknown_values(self):
        data = small_definition()
        data["sections"][1]["show_if"] = {"question": "statut", "in": ["en_cours", "fini"]}
        assert only_error(data) == (
            "Section « suite » : valeurs inconnues de « statut » dans la condition : fini."
        )

    def test_scale_condition_values_are_points(self):
        data = small_definition()
        question(data, "bravo")["show_if"] = {"question": "note", "in": [5, 6]}
        message = only_error(data)
        assert message.startswith("Question « bravo »")

    def test_empty_values(self):
        data = small_definition()
        question(data, "bravo")["show_if"] = {"question": "note", "in": []}
        assert only_error(data).startswith("Question « bravo » (section « suite »), champ « in »")


class TestDefinitionReading:
    @pytest.fixture
    def definition(self):
        return Definition(default_definition())

    def test_sections_and_questions(self, definition):
        assert definition.title == "Ton avis sur ta formation en apprentissage"
        assert definition.sections[0].id == "situation"
        assert definition.section("arret").title == "Ton arrêt de formation"
        assert definition.question("situation").required is True
        assert len(definition.questions) == 12
        with pytest.raises(KeyError):
            definition.section("inconnue")

    def test_visible_sections_without_the_arret_condition(self, definition):
        ids = [section.id for section in definition.visible_sections({"situation": "en_cours"})]
        assert "arret" not in ids
        assert ids[0] == "situation"
        assert ids[-1] == "tes_mots"

    def test_visible_sections_with_the_arret_condition(self, definition):
        ids = [section.id for section in definition.visible_sections({"situation": "interrompue"})]
        assert ids[:3] == ["situation", "arret", "recherche_entreprise"]

    def test_visible_sections_without_any_answer(self, definition):
        assert "arret" not in [section.id for section in definition.visible_sections({})]

    def test_visible_questions(self, definition):
        stayed = [q.id for q in definition.visible_questions({"situation": "terminee"})]
        stopped = [q.id for q in definition.visible_questions({"situation": "interrompue"})]
        assert "raison_arret" not in stayed
        assert set(stopped) - set(stayed) == {"raison_arret"}
        assert len(stopped) == len(definition.questions)

    def test_question_condition_on_a_scale(self):
        definition = Definition(small_definition())
        answers = {"statut": "en_cours", "note": 2}
        assert [q.id for q in definition.visible_questions(answers)] == [
            "statut",
            "note",
            "raisons",
            "grille",
        ]
        answers["note"] = 5
        assert definition.visible_questions(answers)[-1].id == "bravo"

    def test_condition_on_a_multiple_choice(self):
        data = small_definition()
        data["sections"].append(
            {
                "id": "fin",
                "title": "Fin",
                "show_if": {"question": "raisons", "in": ["b"]},
                "questions": [{"id": "fin", "type": "free_text", "label": "?", "max_length": 9}],
            }
        )
        assert definition_errors(data) == []
        definition = Definition(data)
        visible = definition.visible_sections
        base = {"statut": "en_cours"}
        assert visible({**base, "raisons": {"choices": ["a", "b"], "other": ""}})[-1].id == "fin"
        assert visible({**base, "raisons": ["b"]})[-1].id == "fin"
        assert visible({**base, "raisons": {"choices": ["a"]}})[-1].id == "suite"

    def test_free_text_questions(self, definition):
        assert [q.id for q in definition.free_text_questions()] == [
            "commentaire_positif",
            "commentaire_ameliorer",
            "commentaire_conseil",
        ]
        assert all(q.max_length == 1500 for q in definition.free_text_questions())

    def test_public_score_questions(self, definition):
        assert [q.id for q in definition.public_score_questions()] == [
            "cfa_criteres",
            "satisfaction_globale",
        ]

    def test_scale_points_with_emojis(self, definition):
        points = definition.question("satisfaction_globale").scale_points
        assert [value for value, _label, _emoji in points] == [1, 2, 3, 4, 5]
        assert all(label and emoji for _value, label, emoji in points)

    def test_scale_points_without_emojis(self, definition):
        points = definition.question("recherche_facilite").scale_points
        assert points[0] == (1, "Très difficile", "")
        assert points[4] == (5, "Très facile", "")

    def test_grid_items_and_choices(self):
        definition = Definition(small_definition())
        assert definition.question("grille").choices == (("cours", "les cours"),)
        assert definition.question("raisons").other is True
        assert definition.question("statut").choices[1] == ("arret", "Arrêtée")
        assert definition.question("bravo").show_if.values == (4, 5)
