"""Answers as text, for the review page."""

from sirius.questionnaires.enums import QuestionType
from sirius.responses.answers import OTHER

NO_ANSWER = "Pas de réponse"


def answer_lines(question, value):
    """The lines that show one stored answer to its author."""
    if value is None or value == "" or value == {}:
        return [NO_ANSWER]
    if question.type == QuestionType.SCALE:
        return [_scale_label(question, value)]
    if question.type == QuestionType.SINGLE_CHOICE:
        return [dict(question.choices).get(value, value)]
    if question.type == QuestionType.MULTIPLE_CHOICE:
        labels = dict(question.choices)
        lines = [labels.get(choice, choice) for choice in value["choices"] if choice != OTHER]
        if OTHER in value["choices"]:
            lines.append(f"Autre : {value.get('other', '')}")
        return lines or [NO_ANSWER]
    if question.type == QuestionType.GRID:
        return [
            f"{label} : {_scale_label(question, value[item]) if item in value else NO_ANSWER}"
            for item, label in question.choices
        ]
    return [value]


def _scale_label(question, point):
    for value, label, _emoji in question.scale_points:
        if value == point:
            return f"{point} sur 5 — {label}"
    return str(point)


def review_sections(definition, answers, section_url):
    """[{section, url, questions: [{label, lines}]}] for the visible sections."""
    return [
        {
            "section": section,
            "url": section_url(section),
            "questions": [
                {"label": question.label, "lines": answer_lines(question, answers.get(question.id))}
                for question in section.visible_questions(answers)
            ],
        }
        for section in definition.visible_sections(answers)
    ]
