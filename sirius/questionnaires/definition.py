"""A questionnaire definition: JSON data checked against a JSON Schema, then read as objects.

The definition format is described by definitions/schema.json. `definition_errors()` lists every
problem in French, naming the section or question; `Definition` is the read-only view the answering
flow, the preview and the statistics use.
"""

import json
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import jsonschema

from .enums import QuestionType

DEFINITIONS_DIR = Path(__file__).resolve().parent / "definitions"
SCALE_POINTS = (1, 2, 3, 4, 5)


@cache
def definition_schema():
    return json.loads((DEFINITIONS_DIR / "schema.json").read_text(encoding="utf-8"))


def default_definition():
    return json.loads((DEFINITIONS_DIR / "default.json").read_text(encoding="utf-8"))


@dataclass(frozen=True)
class Condition:
    question_id: str
    values: tuple

    def holds(self, answers):
        answer = answers.get(self.question_id)
        if isinstance(answer, dict):  # multiple choice: {"choices": [...], "other": "..."}
            answer = answer.get("choices", [])
        if isinstance(answer, list):
            return any(value in self.values for value in answer)
        return answer in self.values

    @classmethod
    def from_data(cls, data):
        return cls(question_id=data["question"], values=tuple(data["in"])) if data else None


@dataclass(frozen=True)
class Question:
    id: str
    type: str
    label: str
    help: str = ""
    required: bool = False
    show_if: Condition | None = None
    public_score: bool = False
    scale_labels: tuple = ()
    scale_emojis: tuple = ()
    choices: tuple = ()  # (value, label) pairs; for a grid, its items
    other: bool = False
    max_length: int = 0

    @classmethod
    def from_data(cls, data):
        scale = data.get("scale", {})
        options = data.get("items") if data["type"] == QuestionType.GRID else data.get("choices")
        return cls(
            id=data["id"],
            type=data["type"],
            label=data["label"],
            help=data.get("help", ""),
            required=data.get("required", False),
            show_if=Condition.from_data(data.get("show_if")),
            public_score=data.get("public_score", False),
            scale_labels=tuple(scale.get("labels", ())),
            scale_emojis=tuple(scale.get("emojis", ())),
            choices=tuple((option["value"], option["label"]) for option in options or ()),
            other=data.get("other", False),
            max_length=data.get("max_length", 0),
        )

    @property
    def scale_points(self):
        """(value, label, emoji) for each point of a scale or grid; () for other types."""
        if not self.scale_labels:
            return ()
        emojis = self.scale_emojis or ("",) * len(SCALE_POINTS)
        return tuple(zip(SCALE_POINTS, self.scale_labels, emojis, strict=True))

    def is_visible(self, answers):
        return self.show_if is None or self.show_if.holds(answers)


@dataclass(frozen=True)
class Section:
    id: str
    title: str
    description: str
    questions: tuple
    show_if: Condition | None = None

    def is_visible(self, answers):
        return self.show_if is None or self.show_if.holds(answers)

    def visible_questions(self, answers):
        return [question for question in self.questions if question.is_visible(answers)]


class Definition:
    """Read-only view of a valid definition (check it with definition_errors() first)."""

    def __init__(self, data):
        self.data = data
        self.title = data["title"]
        self.intro = data.get("intro", "")
        self.estimated_minutes = data.get("estimated_minutes")
        self.sections = tuple(
            Section(
                id=section["id"],
                title=section["title"],
                description=section.get("description", ""),
                questions=tuple(Question.from_data(q) for q in section["questions"]),
                show_if=Condition.from_data(section.get("show_if")),
            )
            for section in data["sections"]
        )
        self._questions = {q.id: q for section in self.sections for q in section.questions}

    @property
    def questions(self):
        return tuple(self._questions.values())

    def question(self, question_id):
        return self._questions[question_id]

    def section(self, section_id):
        for section in self.sections:
            if section.id == section_id:
                return section
        raise KeyError(section_id)

    def visible_sections(self, answers):
        """Sections to show given the answers so far: conditions hold and something to ask."""
        return [
            section
            for section in self.sections
            if section.is_visible(answers) and section.visible_questions(answers)
        ]

    def visible_questions(self, answers):
        return [
            question
            for section in self.visible_sections(answers)
            for question in section.visible_questions(answers)
        ]

    def free_text_questions(self):
        return [q for q in self.questions if q.type == QuestionType.FREE_TEXT]

    def public_score_questions(self):
        return [q for q in self.questions if q.public_score]


def definition_errors(data):
    """Every problem of a definition, as French sentences; an empty list means it is valid."""
    if not isinstance(data, dict):
        return ["La définition doit être un objet JSON (entre accolades)."]
    validator = jsonschema.Draft202012Validator(definition_schema())
    errors = []
    for error in sorted(validator.iter_errors(data), key=lambda e: list(e.absolute_path)):
        message = _schema_error_message(data, error)
        if message not in errors:
            errors.append(message)
    return errors or _semantic_errors(data)


def _schema_error_message(data, error):
    path = list(error.absolute_path)
    if error.validator is None:  # a `false` schema: a field this question type may not have
        path, forbidden = _forbidden_fields(data, path)
        names = ", ".join(f"« {name} »" for name in forbidden)
        where = _location(data, path)
        return f"{where}, {'champs' if len(forbidden) > 1 else 'champ'} {names} : " + (
            "champ interdit pour ce type de question"
        )
    return f"{_location(data, path)} : {_schema_reason(error)}"


def _forbidden_fields(data, path):
    """(path of the question, fields its type forbids) for a `false` schema error.

    jsonschema does not add the field name to the path of a `false` subschema error: the path
    ends at the question, so the fields are found from its type and the schema's rules.
    """
    node = data
    for key in path:
        node = node[key]
    if not isinstance(node, dict):  # the path ends at the field itself
        return path[:-1], [path[-1]]
    rules = definition_schema()["$defs"]["question"]["allOf"]
    forbidden = [
        name
        for rule in rules
        if rule["if"]["properties"]["type"]["const"] == node.get("type")
        for name, subschema in rule["then"].get("properties", {}).items()
        if subschema is False and name in node
    ]
    return path, forbidden


def _location(data, path):
    """« Question « note » (section « avis »), champ « label » » from a JSON path."""
    section = question = field = None
    node = data
    for index, key in enumerate(path):
        parent_key = path[index - 1] if index else None
        node = node[key] if isinstance(node, dict | list) else None
        if parent_key == "sections" and isinstance(node, dict):
            section = node.get("id", f"n° {key + 1}")
        elif parent_key == "questions" and isinstance(node, dict):
            question = node.get("id", f"n° {key + 1}")
        elif isinstance(key, str) and index == len(path) - 1:
            field = key
    if question:
        where = f"Question « {question} » (section « {section} »)"
    elif section:
        where = f"Section « {section} »"
    else:
        where = "Définition"
    return f"{where}, champ « {field} »" if field else where


def _schema_reason(error):
    validator = error.validator
    if validator == "required":
        missing = [name for name in error.validator_value if name not in error.instance]
        return f"champ obligatoire manquant : « {', '.join(missing)} »"
    if validator in {"additionalProperties", "unevaluatedProperties"}:
        return f"champ inconnu ou interdit pour ce type ({error.message})"
    if validator == "enum":
        allowed = ", ".join(error.validator_value)
        return f"valeur « {error.instance} » inconnue (valeurs possibles : {allowed})"
    if validator == "minLength" and error.instance == "":
        return "texte vide"
    if validator == "pattern" and (error.instance == "" or error.validator_value == r"\S"):
        return "texte vide"
    if validator == "pattern":
        return (
            f"identifiant « {error.instance} » invalide (lettres minuscules sans accent, "
            "chiffres et « _ », commençant par une lettre)"
        )
    if validator in {"minItems", "maxItems"}:
        return f"nombre d'éléments incorrect ({len(error.instance)})"
    if validator == "type":
        return f"type incorrect (attendu : {error.validator_value})"
    return error.message


def _semantic_errors(data):
    errors = []
    seen_questions = {}  # id → (section index, question)
    seen_sections = set()
    for section_index, section in enumerate(data["sections"]):
        if section["id"] in seen_sections:
            errors.append(f"Section « {section['id']} » : identifiant déjà utilisé.")
        seen_sections.add(section["id"])
        errors += _condition_errors(
            f"Section « {section['id']} »", section.get("show_if"), seen_questions, section_index
        )
        for question in section["questions"]:
            where = f"Question « {question['id']} »"
            if question["id"] in seen_questions:
                errors.append(f"{where} : identifiant déjà utilisé par une autre question.")
            errors += _condition_errors(
                where, question.get("show_if"), seen_questions, section_index
            )
            errors += _option_errors(where, question)
            seen_questions[question["id"]] = (section_index, question)
    return errors


def _condition_errors(where, condition, seen_questions, section_index):
    if not condition:
        return []
    target = seen_questions.get(condition["question"])
    if target is None:
        return [
            f"{where} : la condition porte sur « {condition['question']} », qui n'est pas une "
            "question placée avant."
        ]
    target_section, question = target
    if target_section == section_index:
        return [
            f"{where} : la condition porte sur « {condition['question']} », dans la même page ; "
            "elle doit porter sur une question d'une section précédente."
        ]
    if question["type"] in {QuestionType.FREE_TEXT, QuestionType.GRID}:
        return [
            f"{where} : une condition ne peut pas porter sur une question de type texte ou grille."
        ]
    allowed = _answer_values(question)
    unknown = [value for value in condition["in"] if value not in allowed]
    if unknown:
        listed = ", ".join(str(value) for value in unknown)
        return [
            f"{where} : valeurs inconnues de « {question['id']} » dans la condition : {listed}."
        ]
    return []


def _answer_values(question):
    if question["type"] == QuestionType.SCALE:
        return set(SCALE_POINTS)
    return {choice["value"] for choice in question["choices"]}


def _option_errors(where, question):
    options = question.get("items") or question.get("choices") or []
    values = [option["value"] for option in options]
    duplicates = sorted({value for value in values if values.count(value) > 1})
    if duplicates:
        return [f"{where} : valeurs en double : {', '.join(duplicates)}."]
    return []
