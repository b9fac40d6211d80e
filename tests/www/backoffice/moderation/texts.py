"""Verbatims as the analysis leaves them, for the queue tests (no analyser runs)."""

from django.utils import timezone

from sirius.moderation.analysis import Span
from tests.factories import verbatim_create_for_test


def analysis_of(text, spans=(), **fields):
    """A TextAnalysis JSON for `text`: `spans` as (kind, word) pairs found in the text."""
    found = []
    masked = text
    for kind, word in spans:
        start = text.index(word)
        found.append(Span(kind=kind, start=start, end=start + len(word), text=word).__dict__)
    for span in sorted(found, key=lambda span: -span["start"]):
        masked = masked[: span["start"]] + "[prénom]" + masked[span["end"] :]
    return {
        "spans": found,
        "masked": masked,
        "insult": False,
        "vulgar": False,
        "insult_terms": [],
        "alert_kinds": [],
        "alert_terms": [],
        "themes": [],
        "pepite": False,
        "notes": [],
        **fields,
    }


def analysed_verbatim(text="Les formateurs sont patients.", *, spans=(), flags=(), **options):
    """A pending verbatim with its analysis stored; `flags` among insult, alert, pepite."""
    analysis_fields = options.pop("analysis", {})
    verbatim = verbatim_create_for_test(text, **options)
    verbatim.analysis = analysis_of(text, spans, **analysis_fields)
    verbatim.analysed_at = timezone.now()
    verbatim.flag_personal_data = bool(spans)
    verbatim.flag_insult = "insult" in flags
    verbatim.flag_alert = "alert" in flags
    verbatim.pepite = "pepite" in flags
    verbatim.save()
    return verbatim
