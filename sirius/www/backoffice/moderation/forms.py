"""Forms of the moderation queue: the filters, one decision on a text, the bulk publication."""

import re

from django import forms

from sirius.forms import SiriusForm
from sirius.moderation.analysis import Span
from sirius.moderation.enums import (
    FlagKind,
    ModerationStatus,
    PersonalDataKind,
    RejectionReason,
    Theme,
)
from sirius.referentiel.enums import Region
from sirius.referentiel.models import Formation

DEFAULT_STATUS = ModerationStatus.PENDING
FILTER_FIELDS = ("statut", "signal", "theme", "region", "formation", "du", "au")


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self):
        super().__init__(format="%Y-%m-%d")


class QueueFilterForm(SiriusForm):
    statut = forms.ChoiceField(
        label="Statut",
        choices=[("tous", "Tous les statuts"), *ModerationStatus.choices],
        required=False,
    )
    signal = forms.ChoiceField(
        label="Signal", choices=[("", "Tous les signaux"), *FlagKind.choices], required=False
    )
    theme = forms.ChoiceField(
        label="Thème", choices=[("", "Tous les thèmes"), *Theme.choices], required=False
    )
    region = forms.ChoiceField(
        label="Région", choices=[("", "Toutes les régions"), *Region.choices], required=False
    )
    formation = forms.CharField(
        label="Formation",
        help_text="Intitulé, centre, commune, CFD, RNCP ou SIRET",
        required=False,
        max_length=200,
        widget=forms.TextInput(attrs={"type": "search"}),
    )
    du = forms.DateField(label="Reçus à partir du", required=False, widget=DateInput())
    au = forms.DateField(label="Reçus jusqu'au", required=False, widget=DateInput())

    def __init__(self, query):
        data = query.copy()
        if not data.get("statut"):
            data["statut"] = DEFAULT_STATUS
        super().__init__(data)

    def clean(self):
        cleaned = super().clean()
        start, end = cleaned.get("du"), cleaned.get("au")
        if start and end and start > end:
            self.add_error("au", "Choisissez une date postérieure à la date de début.")
        return cleaned

    def filter(self, verbatims):
        """The verbatims matching the filters; the default status only when the form is invalid."""
        if not self.is_valid():
            return verbatims.filter(status=DEFAULT_STATUS)
        data = self.cleaned_data
        if data["statut"] != "tous":
            verbatims = verbatims.filter(status=data["statut"])
        verbatims = _flag_filter(verbatims, data["signal"])
        if data["theme"]:
            verbatims = verbatims.filter(themes__theme=data["theme"])
        if data["region"]:
            verbatims = verbatims.filter(response__formation__region=data["region"])
        if data["formation"].strip():
            verbatims = verbatims.filter(
                response__formation__in=Formation.objects.matching(data["formation"])
            )
        if data["du"]:
            verbatims = verbatims.filter(created_at__date__gte=data["du"])
        if data["au"]:
            verbatims = verbatims.filter(created_at__date__lte=data["au"])
        return verbatims


def _flag_filter(verbatims, flag):
    if flag == FlagKind.PERSONAL_DATA:
        return verbatims.filter(flag_personal_data=True)
    if flag == FlagKind.INSULT:
        return verbatims.filter(flag_insult=True)
    if flag == FlagKind.ALERT:
        return verbatims.filter(flag_alert=True)
    if flag == FlagKind.PEPITE:
        return verbatims.filter(pepite=True)
    if flag == FlagKind.NONE:
        return verbatims.unflagged()
    return verbatims


DECISIONS = [
    (ModerationStatus.PUBLISHED, "Publier"),
    (ModerationStatus.PUBLISHED_MASKED, "Publier avec masquage"),
    (ModerationStatus.REJECTED, "Refuser"),
    (ModerationStatus.ALERT, "Alerte"),
]


class DecisionForm(SiriusForm):
    """One decision on one verbatim. With « publier avec masquage », `masked_spans` holds the
    accepted proposals plus every occurrence of the extra words, merged where they overlap."""

    decision = forms.ChoiceField(choices=DECISIONS)
    seen_status = forms.ChoiceField(choices=ModerationStatus.choices)
    spans = forms.TypedMultipleChoiceField(
        label="Zones proposées à masquer", coerce=int, required=False
    )
    extra_words = forms.CharField(
        label="Autres mots à masquer",
        help_text="Un mot ou une expression par ligne, écrit comme dans le texte.",
        required=False,
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    extra_kind = forms.ChoiceField(
        label="Type de ces mots",
        choices=PersonalDataKind.choices,
        initial=PersonalDataKind.NAME,
        required=False,
    )
    reason = forms.ChoiceField(
        label="Motif de refus",
        choices=[("", "Choisir un motif"), *RejectionReason.choices],
        required=False,
    )
    note = forms.CharField(
        label="Note (facultative)",
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 2}),
    )

    def __init__(self, *args, verbatim, **kwargs):
        super().__init__(*args, **kwargs)
        self.verbatim = verbatim
        self.proposed = verbatim.analysis.get("spans", [])
        self.fields["spans"].choices = [(index, "") for index in range(len(self.proposed))]
        self.masked_spans = []

    def clean(self):
        cleaned = super().clean()
        decision = cleaned.get("decision")
        if decision == ModerationStatus.REJECTED and not cleaned.get("reason"):
            self.add_error("reason", "Choisissez un motif de refus pour refuser ce texte.")
        if decision != ModerationStatus.REJECTED:
            cleaned["reason"] = ""
        if decision == ModerationStatus.PUBLISHED_MASKED and not self.errors:
            self.masked_spans = self._masked_spans(cleaned)
        return cleaned

    def _masked_spans(self, cleaned):
        text = self.verbatim.text
        chosen = [Span(**self.proposed[index]) for index in cleaned.get("spans", [])]
        kind = cleaned.get("extra_kind") or PersonalDataKind.NAME
        for word in _lines(cleaned.get("extra_words", "")):
            found = word_occurrences(text, word, kind)
            if not found:
                self.add_error("extra_words", f"« {word} » n'apparaît pas dans le texte.")
            chosen.extend(found)
        if not chosen and "extra_words" not in self.errors:
            self.add_error("spans", "Cochez une zone proposée ou indiquez les mots à masquer.")
        return spans_merge(text, chosen)


def _lines(value):
    return [line.strip() for line in value.splitlines() if line.strip()]


def word_occurrences(text, word, kind):
    """Every occurrence of `word` in `text` as a whole word, case aside, as spans of `kind`."""
    pattern = re.compile(rf"(?<!\w){re.escape(word)}(?!\w)", re.IGNORECASE)
    return [
        Span(kind=kind, start=match.start(), end=match.end(), text=match.group())
        for match in pattern.finditer(text)
    ]


def spans_merge(text, spans):
    """The spans sorted, overlapping ones joined into one (which keeps the first one's kind)."""
    merged = []
    for span in sorted(spans, key=lambda span: (span.start, -span.end)):
        if merged and span.start < merged[-1].end:
            last = merged[-1]
            end = max(last.end, span.end)
            merged[-1] = Span(
                kind=last.kind, start=last.start, end=end, text=text[last.start : end]
            )
        else:
            merged.append(span)
    return merged
