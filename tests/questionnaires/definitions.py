"""Small valid definitions for tests, to copy and break one field at a time."""

import copy

SCALE_LABELS = ["Très mal", "Mal", "Moyen", "Bien", "Très bien"]


def small_definition():
    """Two sections: a choice then, on the next page, one question of each other type."""
    return copy.deepcopy(
        {
            "title": "Questionnaire de test",
            "intro": "Une introduction.",
            "estimated_minutes": 3,
            "sections": [
                {
                    "id": "debut",
                    "title": "Début",
                    "questions": [
                        {
                            "id": "statut",
                            "type": "single_choice",
                            "label": "Où en es-tu ?",
                            "required": True,
                            "choices": [
                                {"value": "en_cours", "label": "En cours"},
                                {"value": "arret", "label": "Arrêtée"},
                            ],
                        },
                        {
                            "id": "note",
                            "type": "scale",
                            "label": "Ta note globale",
                            "public_score": True,
                            "scale": {"labels": SCALE_LABELS},
                        },
                    ],
                },
                {
                    "id": "suite",
                    "title": "La suite",
                    "show_if": {"question": "statut", "in": ["en_cours"]},
                    "questions": [
                        {
                            "id": "raisons",
                            "type": "multiple_choice",
                            "label": "Pourquoi ?",
                            "other": True,
                            "choices": [
                                {"value": "a", "label": "Raison A"},
                                {"value": "b", "label": "Raison B"},
                            ],
                        },
                        {
                            "id": "grille",
                            "type": "grid",
                            "label": "Comment trouves-tu…",
                            "items": [{"value": "cours", "label": "les cours"}],
                            "scale": {"labels": SCALE_LABELS},
                        },
                        {
                            "id": "bravo",
                            "type": "free_text",
                            "label": "Un mot ?",
                            "max_length": 500,
                            "show_if": {"question": "note", "in": [4, 5]},
                        },
                    ],
                },
            ],
        }
    )


def question(definition, question_id):
    for section in definition["sections"]:
        for item in section["questions"]:
            if item["id"] == question_id:
                return item
    raise KeyError(question_id)
