"""Split a text into plain and highlighted segments, to show moderators what the analysis found.

Shared by the back-office queues (texts, CFA replies, reports). The template
`backoffice/_highlighted_text.html` renders the segments: each highlighted one is a `<mark>`
followed by its kind for screen readers, so the highlight does not rely on colour alone.
"""

from sirius.moderation.enums import PersonalDataKind


def text_segments(text, spans):
    """[{"text", "kind", "label"}] covering `text` in order; `kind` is empty outside spans.

    `spans` are dicts or objects with kind/start/end (the analysis JSON or `Span`). Spans that
    leave the text or overlap an earlier one are skipped: the text is always shown whole.
    """
    segments = []
    position = 0
    for span in sorted((_as_dict(span) for span in spans), key=lambda s: (s["start"], s["end"])):
        start, end = span["start"], span["end"]
        if start < position or not (0 <= start < end <= len(text)):
            continue
        if start > position:
            segments.append({"text": text[position:start], "kind": "", "label": ""})
        kind = span["kind"]
        label = PersonalDataKind(kind).label if kind in PersonalDataKind.values else kind
        segments.append({"text": text[start:end], "kind": kind, "label": label})
        position = end
    if position < len(text) or not segments:
        segments.append({"text": text[position:], "kind": "", "label": ""})
    return segments


def _as_dict(span):
    if isinstance(span, dict):
        return span
    return {"kind": span.kind, "start": span.start, "end": span.end}
