"""Answer validation: the one place that decides what a valid answer is, with French messages.

Answers use the stored format (see Response.answers). Errors are keyed by « field key »: the
question id, `<question>__<item>` for a grid item, `<question>__other` for the « Autre » text. The
section form names its fields with the same keys, so each message lands on its field.
"""

from sirius.questionnaires.definition import SCALE_POINTS
from sirius.questionnaires.enums import QuestionType

OTHER = "autre"  # the « Autre » choice of a multiple choice with `other`
OTHER_MAX_LENGTH = 200


def grid_key(question, item):
    return f"{question.id}__{item}"


def other_key(question):
    return f"{question.id}__other"


class AnswerErrors(Exception):
    def __init__(self, errors):
        super().__init__(errors)
        self.errors = errors  # {field key: message}


def _number(count):
    return f"{count:,}".replace(",", "\u202f")


def _text_length_error(text, max_length):
    if max_length and len(text) > max_length:
        return f"Ton texte fait {_number(len(text))} caractères : {_number(max_length)} au plus."
    return None


def _scale_value(raw):
    if isinstance(raw, bool):
        return None
    if isinstance(raw, int):
        return raw if raw in SCALE_POINTS else None
    if isinstance(raw, str) and raw.strip().isdigit():
        value = int(raw.strip())
        return value if value in SCALE_POINTS else None
    return None


def _is_blank(raw):
    return raw is None or raw == "" or raw == [] or raw == {}


def question_clean(question, raw, *, require=True):
    """(value, errors) for one question; value is None when left blank."""
    kind = question.type
    if kind == QuestionType.SCALE:
        return _clean_scale(question, raw, require)
    if kind == QuestionType.SINGLE_CHOICE:
        return _clean_single(question, raw, require)
    if kind == QuestionType.MULTIPLE_CHOICE:
        return _clean_multiple(question, raw, require)
    if kind == QuestionType.GRID:
        return _clean_grid(question, raw, require)
    return _clean_free_text(question, raw)


def _clean_scale(question, raw, require):
    if _is_blank(raw):
        return None, ({question.id: "Choisis une note."} if require and question.required else {})
    value = _scale_value(raw)
    if value is None:
        return None, {question.id: "Choisis une note entre 1 et 5."}
    return value, {}


def _clean_single(question, raw, require):
    if _is_blank(raw):
        return None, (
            {question.id: "Choisis une réponse."} if require and question.required else {}
        )
    values = [value for value, _label in question.choices]
    if raw not in values:
        return None, {question.id: "Choisis une des réponses proposées."}
    return raw, {}


def _clean_multiple(question, raw, require):
    raw = raw if isinstance(raw, dict) else {"choices": raw or []}
    choices = raw.get("choices") or []
    other_text = (raw.get("other") or "").strip() if isinstance(raw.get("other"), str) else ""
    if not isinstance(choices, list):
        choices = [choices]
    allowed = [value for value, _label in question.choices] + ([OTHER] if question.other else [])
    if any(choice not in allowed for choice in choices):
        return None, {question.id: "Choisis parmi les réponses proposées."}
    selected = [value for value in allowed if value in choices]  # definition order, no repeats
    errors = {}
    if not selected:
        if require and question.required:
            errors[question.id] = "Coche au moins une réponse."
        return None, errors
    if OTHER in selected:
        if not other_text:
            errors[other_key(question)] = "Tu as coché « Autre » : précise ta réponse."
        elif message := _text_length_error(other_text, OTHER_MAX_LENGTH):
            errors[other_key(question)] = message
    else:
        other_text = ""
    if errors:
        return None, errors
    value = {"choices": selected}
    if question.other:
        value["other"] = other_text
    return value, {}


def _clean_grid(question, raw, require):
    raw = raw if isinstance(raw, dict) else {}
    value, errors = {}, {}
    for item, label in question.choices:
        item_raw = raw.get(item)
        if _is_blank(item_raw):
            if require and question.required:
                errors[grid_key(question, item)] = f"Choisis une note pour « {label} »."
            continue
        point = _scale_value(item_raw)
        if point is None:
            errors[grid_key(question, item)] = f"Choisis une note entre 1 et 5 pour « {label} »."
        else:
            value[item] = point
    if errors:
        return None, errors
    return value or None, {}


def _clean_free_text(question, raw):
    text = raw.strip() if isinstance(raw, str) else ""
    if not text:
        if question.required:
            return None, {question.id: "Écris quelques mots."}
        return None, {}
    if message := _text_length_error(text, question.max_length):
        return None, {question.id: message}
    return text, {}


def section_answers_clean(*, section, answers, submitted, require=True):
    """The section's answers in stored form, or AnswerErrors.

    Only the questions visible given `answers` (the answers of earlier sections) are read; every
    visible question gets a key, null when left blank. `require=False` accepts blanks (the
    respondent goes back a page) but still refuses invalid values.
    """
    cleaned, errors = {}, {}
    for question in section.visible_questions(answers):
        value, question_errors = question_clean(
            question, submitted.get(question.id), require=require
        )
        cleaned[question.id] = value
        errors.update(question_errors)
    if errors:
        raise AnswerErrors(errors)
    return cleaned


def answers_prune(definition, answers):
    """Answers without those of questions that are hidden given the other answers.

    Conditions only look at earlier sections, so one pass in order is enough.
    """
    kept = {}
    for section in definition.sections:
        if not section.is_visible(kept):
            continue
        for question in section.visible_questions(kept):
            if question.id in answers:
                kept[question.id] = answers[question.id]
    return kept


def section_is_answered(section, answers):
    return all(question.id in answers for question in section.visible_questions(answers))


def first_unanswered_section(definition, answers):
    """The visible section to resume at, or None when every visible section has been saved."""
    for section in definition.visible_sections(answers):
        if not section_is_answered(section, answers):
            return section
    return None


def missing_required(definition, answers):
    """The first visible section with a required question left unanswered, or None."""
    for section in definition.visible_sections(answers):
        for question in section.visible_questions(answers):
            if question.required and answers.get(question.id) is None:
                return section
            if question.required and question.type == QuestionType.GRID:
                rated = answers[question.id]
                if any(item not in rated for item, _label in question.choices):
                    return section
    return None
