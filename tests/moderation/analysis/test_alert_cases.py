"""Alert recall and precision over the development set of `alert_cases.py`.

Aggregate thresholds, like the evaluation command: a single odd text may slip, a lexicon that
only knows the wordings it was written from may not. A missed alert counts when its expected
kind is not among the kinds found.
"""

from collections import Counter

from sirius.moderation.analysis.alerts import find_alerts
from sirius.moderation.enums import AlertKind

from .alert_cases import ALERTS, NOT_ALERTS

MIN_RECALL = 0.95
MIN_PRECISION = 0.85


def _listing(lines):
    return "\n".join(f"  {line}" for line in lines)


def test_the_set_covers_every_kind_and_tricky_negatives():
    kinds = Counter(kind for _, kind in ALERTS)
    assert set(kinds) == set(AlertKind)
    assert min(kinds.values()) >= 15
    assert len(NOT_ALERTS) >= 60
    texts = [text for text, _ in ALERTS] + NOT_ALERTS
    assert len(texts) == len(set(texts))


def test_alerts_are_found_with_their_kind():
    misses = []
    for text, kind in ALERTS:
        found = find_alerts(text).kinds
        if kind.value not in found:
            misses.append(f"{text!r}: expected {kind.value}, found {found}")
    recall = 1 - len(misses) / len(ALERTS)
    assert recall >= MIN_RECALL, f"recall {recall:.2f}, missed:\n{_listing(misses)}"


def test_false_alarms_stay_rare():
    false_alarms = []
    for text in NOT_ALERTS:
        finding = find_alerts(text)
        if finding.kinds:
            false_alarms.append(f"{text!r}: {finding.kinds} on {finding.terms}")
    flagged_alerts = sum(bool(find_alerts(text).kinds) for text, _ in ALERTS)
    precision = flagged_alerts / (flagged_alerts + len(false_alarms))
    assert precision >= MIN_PRECISION, (
        f"precision {precision:.2f}, false alarms:\n{_listing(false_alarms)}"
    )
