"""A small, predictable stand-in for `analyse_text`, so service tests do not depend on the
analysers' quality (they have their own tests under tests/moderation/analysis/).

It knows a few words: the first names « Julie » and « Kevin », French mobile numbers, the
insults « connard » and « abruti », and the danger words « frappe » (violence) and « harcèle »
(harassment); « formateur » gives a positive pedagogy theme, « horaires » a negative one.
"""

import re

import pytest

from sirius.moderation.analysis import Span, TextAnalysis, ThemeTone
from sirius.moderation.enums import PLACEHOLDERS, AlertKind, Theme, Tone

NAMES = re.compile(r"\b(Julie|Kevin)\b")
PHONES = re.compile(r"\b0[67](?:[ .]?\d{2}){4}\b")
INSULTS = ("connard", "abruti")
DANGERS = {"frappe": AlertKind.VIOLENCE, "harcèle": AlertKind.HARASSMENT}
THEMES = {
    "formateur": (Theme.PEDAGOGIE, Tone.POSITIVE),
    "horaires": (Theme.HORAIRES, Tone.NEGATIVE),
}


def fake_spans(text):
    spans = [Span("name", m.start(), m.end(), m.group()) for m in NAMES.finditer(text)]
    spans += [Span("phone", m.start(), m.end(), m.group()) for m in PHONES.finditer(text)]
    return sorted(spans, key=lambda span: span.start)


def fake_mask(text, spans):
    for span in sorted(spans, key=lambda span: span.start, reverse=True):
        text = text[: span.start] + PLACEHOLDERS[span.kind] + text[span.end :]
    return text


def fake_analyse_text(text, context=None):
    lowered = text.lower()
    spans = fake_spans(text)
    insult_terms = [word for word in INSULTS if word in lowered]
    alert_kinds = [str(kind) for word, kind in DANGERS.items() if word in lowered]
    themes = [ThemeTone(str(t), str(tone)) for word, (t, tone) in THEMES.items() if word in lowered]
    return TextAnalysis(
        spans=spans,
        masked=fake_mask(text, spans),
        insult=bool(insult_terms),
        vulgar=False,
        insult_terms=insult_terms,
        alert_kinds=alert_kinds,
        alert_terms=[word for word in DANGERS if word in lowered],
        themes=themes,
        pepite=False,
    )


@pytest.fixture
def fake_analysis(monkeypatch):
    """Route texts through `fake_analyse_text` instead of the real analysers."""
    monkeypatch.setattr("sirius.moderation.routing.analyse_text", fake_analyse_text)
    return fake_analyse_text


def analysed(target, **changes):
    """Store the fake analysis on a verbatim or reply as the routing would (no decision)."""
    from django.utils import timezone

    analysis = fake_analyse_text(target.text)
    target.analysis = analysis.to_json()
    target.analysed_at = timezone.now()
    target.flag_personal_data = bool(analysis.spans)
    target.flag_insult = analysis.insult
    target.flag_alert = analysis.alert
    for name, value in changes.items():
        setattr(target, name, value)
    target.save()
    return target
