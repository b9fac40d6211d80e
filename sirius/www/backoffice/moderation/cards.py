"""What a moderator reads on each card of the queue, computed once per page without N+1."""

from dataclasses import dataclass

from django.db.models import Prefetch

from sirius.moderation.enums import AlertKind, PersonalDataKind, Theme, Tone
from sirius.moderation.models import ModerationDecision
from sirius.questionnaires.models import QuestionnaireVersion
from sirius.responses.models import Verbatim

from ..highlight import text_segments


def queue_queryset():
    """Every verbatim with what its card shows, oldest first."""
    decisions = ModerationDecision.objects.select_related("actor").order_by("created_at", "pk")
    return (
        Verbatim.objects.select_related(
            "response__formation__formateur",
        )
        .defer(
            "response__answers",
            "response__formation__catalogue_record",
            "response__formation__search_text",
            "response__formation__formateur__search_text",
        )
        .prefetch_related(Prefetch("decisions", queryset=decisions))
        .order_by("created_at", "pk")
    )


def _labels(choices, values):
    labels = dict(choices)
    return [labels.get(value, value) for value in values]


@dataclass
class Suggestion:
    """The analysis' reasons, in words."""

    personal_data: list
    insult_terms: list
    insult: bool
    vulgar: bool
    alert_kinds: list
    alert_terms: list
    pepite: bool
    themes: list  # (theme label, tone label)

    @property
    def flagged(self):
        return bool(self.personal_data or self.insult or self.alert_kinds)


def suggestion(verbatim):
    analysis = verbatim.analysis
    spans = analysis.get("spans", [])
    return Suggestion(
        personal_data=_labels(PersonalDataKind.choices, sorted({span["kind"] for span in spans})),
        insult_terms=analysis.get("insult_terms", []),
        insult=verbatim.flag_insult,
        vulgar=bool(analysis.get("vulgar")),
        alert_kinds=_labels(AlertKind.choices, analysis.get("alert_kinds", [])),
        alert_terms=analysis.get("alert_terms", []),
        pepite=verbatim.pepite,
        themes=[
            (
                dict(Theme.choices).get(item["theme"], item["theme"]),
                dict(Tone.choices).get(item["tone"], item["tone"]),
            )
            for item in analysis.get("themes", [])
        ],
    )


def _question_labels(verbatims):
    """{(version id, question id): label} with one query for every version on the page."""
    version_ids = {verbatim.response.questionnaire_version_id for verbatim in verbatims}
    versions = QuestionnaireVersion.objects.filter(pk__in=version_ids).only("definition")
    labels = {}
    for version in versions:
        for question in version.parsed.questions:
            labels[version.pk, question.id] = question.label
    return labels


def cards_prepare(verbatims):
    """Attach to each verbatim what its card shows: question label, highlighted text,
    suggestion, proposed spans (numbered for the masking checkboxes)."""
    verbatims = list(verbatims)
    labels = _question_labels(verbatims)
    for verbatim in verbatims:
        key = (verbatim.response.questionnaire_version_id, verbatim.question_id)
        verbatim.question_label = labels.get(key, verbatim.question_id)
        spans = verbatim.analysis.get("spans", [])
        verbatim.segments = text_segments(verbatim.text, spans)
        verbatim.suggestion = suggestion(verbatim)
        verbatim.proposed = [
            {
                "index": index,
                "text": span["text"],
                "kind": dict(PersonalDataKind.choices).get(span["kind"], span["kind"]),
            }
            for index, span in enumerate(spans)
        ]
    return verbatims


ERROR_KEYS = ("general", "spans", "extra_words", "extra_kind", "reason", "note")


def form_values(verbatim, form=None):
    """What the card's decision form shows: the moderator's input after an error, else the
    defaults (every proposed span accepted, « nom ou prénom » for extra words)."""
    if form is None or not form.is_bound:
        verbatim.form_values = {
            "note": "",
            "reason": "",
            "extra_words": "",
            "extra_kind": PersonalDataKind.NAME,
            "checked": {span["index"] for span in verbatim.proposed},
        }
        verbatim.form_errors = {key: [] for key in ERROR_KEYS}
        return verbatim
    verbatim.form_values = {
        "note": form.data.get("note", ""),
        "reason": form.data.get("reason", ""),
        "extra_words": form.data.get("extra_words", ""),
        "extra_kind": form.data.get("extra_kind", PersonalDataKind.NAME),
        "checked": {int(value) for value in form.data.getlist("spans") if value.isdigit()},
    }
    verbatim.form_errors = {key: form.errors.get(key, []) for key in ERROR_KEYS}
    verbatim.form_errors["general"] = [
        *form.non_field_errors(),
        *form.errors.get("decision", []),
        *form.errors.get("seen_status", []),
    ]
    return verbatim
