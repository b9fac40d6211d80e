from sirius.moderation.analysis import Span
from sirius.www.backoffice.highlight import text_segments


def test_splits_the_text_around_spans_in_order():
    text = "Appelle Julie au 06 12 34 56 78 stp"
    spans = [
        {"kind": "phone", "start": 17, "end": 31, "text": "06 12 34 56 78"},
        Span(kind="name", start=8, end=13, text="Julie"),
    ]

    segments = text_segments(text, spans)

    assert "".join(segment["text"] for segment in segments) == text
    assert [(s["text"], s["label"]) for s in segments if s["kind"]] == [
        ("Julie", "Nom ou prénom"),
        ("06 12 34 56 78", "Numéro de téléphone"),
    ]


def test_skips_overlapping_or_outside_spans_and_keeps_the_whole_text():
    text = "Paul Durand"
    spans = [
        {"kind": "name", "start": 0, "end": 11},
        {"kind": "name", "start": 5, "end": 11},
        {"kind": "name", "start": 8, "end": 40},
    ]

    segments = text_segments(text, spans)

    assert segments == [{"text": "Paul Durand", "kind": "name", "label": "Nom ou prénom"}]


def test_a_text_without_spans_is_one_plain_segment():
    assert text_segments("", []) == [{"text": "", "kind": "", "label": ""}]
    assert text_segments("Bien.", []) == [{"text": "Bien.", "kind": "", "label": ""}]
