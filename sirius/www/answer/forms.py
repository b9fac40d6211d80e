"""The section form: one page of a questionnaire, built from (Section, answers).

The answering flow and the back office preview both use `SectionForm` with the template
`answer/_section_fields.html`. Fields are named by « field key » (question id, `<id>__<item>`
for a grid item, `<id>__other` for the « Autre » text). Validation and its French messages come
from sirius.responses.answers, the same rules the services apply.
"""

from dataclasses import dataclass, field

from django import forms

from sirius.forms import SiriusForm
from sirius.questionnaires.enums import QuestionType
from sirius.responses.answers import (
    OTHER,
    OTHER_MAX_LENGTH,
    AnswerErrors,
    grid_key,
    other_key,
    section_answers_clean,
)


class ListField(forms.Field):
    """A list of checked values; what they may be is decided by the answer rules."""

    widget = forms.CheckboxSelectMultiple

    def to_python(self, value):
        return [str(item) for item in value] if value else []


@dataclass
class Option:
    value: str
    label: str
    input_id: str
    checked: bool
    emoji: str = ""


@dataclass
class Group:
    """A set of radios, checkboxes or a text input under one name, with its messages."""

    name: str
    dom_id: str
    label: str
    errors: list
    options: list = field(default_factory=list)
    value: str = ""
    max_length: int = 0

    @property
    def error_id(self):
        return f"{self.dom_id}-erreur"

    @property
    def first_input_id(self):
        return self.options[0].input_id if self.options else self.dom_id


@dataclass
class QuestionBlock:
    question: object
    dom_id: str
    main: Group | None = None  # scale, single or multiple choice, free text
    rows: list = field(default_factory=list)  # grid items
    other: Group | None = None  # « Autre » text of a multiple choice

    @property
    def type(self):
        return self.question.type

    @property
    def errors(self):
        return self.main.errors if self.main else []

    @property
    def has_errors(self):
        groups = [self.main, self.other, *self.rows]
        return any(group.errors for group in groups if group)


class SectionForm(SiriusForm):
    """The visible questions of one section, given the answers of earlier sections."""

    def __init__(self, data=None, *, section, answers, **kwargs):
        self.section = section
        self.answers = answers
        self.visible_questions = section.visible_questions(answers)
        super().__init__(data, initial=self._initial(), **kwargs)
        for question in self.visible_questions:
            self._add_fields(question)

    def _initial(self):
        initial = {}
        for question in self.visible_questions:
            value = self.answers.get(question.id)
            if value is None:
                continue
            if question.type == QuestionType.GRID:
                for item, point in value.items():
                    initial[grid_key(question, item)] = str(point)
            elif question.type == QuestionType.MULTIPLE_CHOICE:
                initial[question.id] = value.get("choices", [])
                initial[other_key(question)] = value.get("other", "")
            else:
                initial[question.id] = str(value)
        return initial

    def _add_fields(self, question):
        kind = question.type
        if kind == QuestionType.GRID:
            for item, label in question.choices:
                self.fields[grid_key(question, item)] = forms.CharField(
                    label=label, required=False, strip=True
                )
        elif kind == QuestionType.MULTIPLE_CHOICE:
            self.fields[question.id] = ListField(label=question.label, required=False)
            if question.other:
                self.fields[other_key(question)] = forms.CharField(
                    label="Précise ta réponse « Autre »", required=False
                )
        else:
            self.fields[question.id] = forms.CharField(label=question.label, required=False)

    def submitted_answers(self):
        """What was typed, in the stored format, before validation."""
        data = self.cleaned_data
        submitted = {}
        for question in self.visible_questions:
            if question.type == QuestionType.GRID:
                submitted[question.id] = {
                    item: data.get(grid_key(question, item)) for item, _label in question.choices
                }
            elif question.type == QuestionType.MULTIPLE_CHOICE:
                submitted[question.id] = {
                    "choices": data.get(question.id) or [],
                    "other": data.get(other_key(question), ""),
                }
            else:
                submitted[question.id] = data.get(question.id)
        return submitted

    def clean_with(self, *, require=True):
        """Validate against the answer rules; returns the section's answers or None."""
        if not self.is_valid():
            return None
        try:
            return section_answers_clean(
                section=self.section,
                answers=self.answers,
                submitted=self.submitted_answers(),
                require=require,
            )
        except AnswerErrors as error:
            self.add_answer_errors(error)
            return None

    def add_answer_errors(self, error):
        for key, message in error.errors.items():
            self.add_error(key if key in self.fields else None, message)

    # What the template reads ------------------------------------------------------------------

    def _value(self, name):
        return self[name].value()

    def _messages_for(self, name):
        return list(self.errors.get(name, [])) if self.is_bound else []

    def _options(self, name, choices, selected, emojis=()):
        emojis = list(emojis) or [""] * len(choices)
        selected = [str(value) for value in selected] if selected else []
        return [
            Option(
                value=str(value),
                label=label,
                input_id=f"{self._dom_id(name)}-{index}",
                checked=str(value) in selected,
                emoji=emoji,
            )
            for index, ((value, label), emoji) in enumerate(zip(choices, emojis, strict=True), 1)
        ]

    @staticmethod
    def _dom_id(name):
        return "q-" + name.replace("__", "-").replace("_", "-")

    def _group(self, name, label, choices=None, emojis=(), multiple=False, max_length=0):
        value = self._value(name)
        group = Group(
            name=name,
            dom_id=self._dom_id(name),
            label=label,
            errors=self._messages_for(name),
            max_length=max_length,
        )
        if choices is not None:
            selected = value if multiple else ([value] if value not in (None, "") else [])
            group.options = self._options(name, choices, selected, emojis)
        else:
            group.value = value or ""
        return group

    @property
    def blocks(self):
        blocks = []
        for question in self.visible_questions:
            block = QuestionBlock(question=question, dom_id=self._dom_id(question.id))
            scale_choices = [(point, label) for point, label, _e in question.scale_points]
            scale_emojis = [emoji for _p, _l, emoji in question.scale_points]
            if question.type == QuestionType.SCALE:
                block.main = self._group(question.id, question.label, scale_choices, scale_emojis)
            elif question.type == QuestionType.SINGLE_CHOICE:
                block.main = self._group(question.id, question.label, list(question.choices))
            elif question.type == QuestionType.MULTIPLE_CHOICE:
                choices = list(question.choices) + ([(OTHER, "Autre")] if question.other else [])
                block.main = self._group(question.id, question.label, choices, multiple=True)
                if question.other:
                    block.other = self._group(
                        other_key(question),
                        "Si tu as coché « Autre », précise :",
                        max_length=OTHER_MAX_LENGTH,
                    )
            elif question.type == QuestionType.GRID:
                block.rows = [
                    self._group(grid_key(question, item), label, scale_choices, scale_emojis)
                    for item, label in question.choices
                ]
            else:
                block.main = self._group(
                    question.id, question.label, max_length=question.max_length
                )
            blocks.append(block)
        return blocks

    @property
    def error_links(self):
        """(anchor id, text) of each error, in page order, for the error summary."""
        links = [("", message) for message in self.non_field_errors()]
        for block in self.blocks:
            for group in [block.main, *block.rows, block.other]:
                if group is None:
                    continue
                for message in group.errors:
                    links.append((group.first_input_id, f"{block.question.label} : {message}"))
        return links


class HoneypotForm(forms.Form):
    """A field people never see (hidden by CSS and from assistive technologies); robots fill it."""

    site_web = forms.CharField(required=False)

    def is_filled(self):
        return bool(self.is_valid() and self.cleaned_data["site_web"].strip())
