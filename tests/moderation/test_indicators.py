"""Moderation indicators on a hand-built dataset whose figures are worked out below."""

from datetime import UTC, datetime, timedelta

import pytest

from sirius.moderation import indicators
from sirius.moderation.enums import (
    AlertStatus,
    ModerationStatus,
    ReportReason,
    ReportSource,
    ReportStatus,
    Tone,
)
from sirius.moderation.models import Alert, ModerationDecision, Report, VerbatimTheme
from sirius.responses.models import Verbatim
from tests.factories import FormationFactory, UserFactory, verbatim_create_for_test

pytestmark = pytest.mark.django_db

NOW = datetime(2026, 6, 15, 12, 0, tzinfo=UTC)
HOUR = timedelta(hours=1)
DAY = timedelta(days=1)
S = ModerationStatus


def decide(verbatim, at, to_status, *, actor=None, from_status=S.PENDING):
    decision = ModerationDecision.objects.create(
        verbatim=verbatim,
        actor=actor,
        from_status=from_status,
        to_status=to_status,
        reason="off_topic" if to_status == S.REJECTED else "",
    )
    ModerationDecision.objects.filter(pk=decision.pk).update(created_at=at)
    Verbatim.objects.filter(pk=verbatim.pk).update(decided_at=at)


def tone(verbatim, *tones):
    themes = ["ambiance", "pedagogie", "contenu"]
    for theme, value in zip(themes, tones, strict=False):
        VerbatimTheme.objects.create(verbatim=verbatim, theme=theme, tone=value)


@pytest.fixture
def dataset():
    formation = FormationFactory()
    alice = UserFactory(moderator=True, first_name="Alice", last_name="Modo")
    bruno = UserFactory(admin=True, first_name="Bruno", last_name="Admin")

    def verbatim(status, submitted_ago):
        return verbatim_create_for_test(
            formation=formation, status=status, submitted_at=NOW - submitted_ago
        )

    verbatim(S.PENDING, 5 * DAY)  # the oldest pending text: 5 days
    tone(verbatim(S.PENDING, 1 * DAY), Tone.NEGATIVE)  # undecided: not in the tone table

    automatic = verbatim(S.PUBLISHED, 10 * DAY)  # published by the policy after 1 h
    decide(automatic, NOW - 10 * DAY + HOUR, S.PUBLISHED)
    tone(automatic, Tone.NEGATIVE, Tone.NEGATIVE)

    human = verbatim(S.PUBLISHED_MASKED, 20 * DAY)  # published by Alice after 3 h, masked later
    decide(human, NOW - 20 * DAY + 3 * HOUR, S.PUBLISHED, actor=alice)
    decide(human, NOW - DAY, S.PUBLISHED_MASKED, actor=bruno, from_status=S.PUBLISHED)
    tone(human, Tone.POSITIVE)

    revised = verbatim(S.REJECTED, 30 * DAY)  # published automatically after 2 h, rejected at 10 h
    decide(revised, NOW - 30 * DAY + 2 * HOUR, S.PUBLISHED)
    decide(revised, NOW - 30 * DAY + 10 * HOUR, S.REJECTED, actor=alice, from_status=S.PUBLISHED)
    tone(revised, Tone.NEGATIVE, Tone.POSITIVE)

    no_theme = verbatim(S.REJECTED, 3 * DAY)  # rejected by Bruno after one day
    decide(no_theme, NOW - 2 * DAY, S.REJECTED, actor=bruno)

    old = verbatim(S.REJECTED, 201 * DAY)  # outside the 90-day delay and 30-day workload windows
    decide(old, NOW - 200 * DAY, S.REJECTED, actor=bruno)
    tone(old, Tone.NEGATIVE)

    ancient = verbatim(S.REJECTED, 401 * DAY)  # outside the 365-day tone window as well
    decide(ancient, NOW - 400 * DAY, S.REJECTED, actor=bruno)
    tone(ancient, Tone.NEGATIVE)

    Alert.objects.create(verbatim=verbatim(S.ALERT, DAY), kinds=["distress"])
    Alert.objects.create(
        verbatim=verbatim(S.ALERT, DAY),
        status=AlertStatus.IN_PROGRESS,
        assigned_to=alice,
    )
    Alert.objects.create(
        verbatim=verbatim(S.ALERT, 9 * DAY), status=AlertStatus.HANDLED, handled_at=NOW - DAY
    )
    Report.objects.create(verbatim=automatic, source=ReportSource.PUBLIC, reason=ReportReason.OTHER)
    Report.objects.create(
        verbatim=human,
        source=ReportSource.PUBLIC,
        reason=ReportReason.DEFAMATION,
        status=ReportStatus.DISMISSED,
        handled_at=NOW - DAY,
    )


def test_counts_the_queue_and_the_oldest_waiting_text(dataset):
    figures = indicators.moderation_indicators(now=NOW)

    assert figures["pending_count"] == 2
    assert figures["oldest_pending_age"] == 5 * DAY
    assert figures["open_alerts"] == 2
    assert figures["open_reports"] == 1


def test_median_delay_to_the_first_decision_all_and_human(dataset):
    figures = indicators.moderation_indicators(now=NOW)

    # All first decisions within 90 days: 1 h, 3 h, 2 h, 1 day → median 2.5 h.
    assert figures["median_all"] == 2 * HOUR + 30 * timedelta(minutes=1)
    # First human decisions within 90 days: 3 h, 10 h, 1 day → median 10 h.
    assert figures["median_human"] == 10 * HOUR


def test_decisions_per_moderator_over_the_last_30_days(dataset):
    rows = indicators.moderation_indicators(now=NOW)["per_moderator"]

    assert rows == [
        {"name": "Alice Modo", "total": 2, "published": 1, "rejected": 1, "on_replies": 0},
        {"name": "Bruno Admin", "total": 2, "published": 1, "rejected": 1, "on_replies": 0},
    ]


def test_rejection_rate_by_tone_follows_the_themes(dataset):
    rows = indicators.moderation_indicators(now=NOW)["by_tone"]

    assert [(row.tone, row.decided, row.rejected) for row in rows] == [
        (Tone.NEGATIVE, 2, 1),  # automatic (published) and old (rejected); ancient is too old
        (Tone.POSITIVE, 1, 0),
        (Tone.MIXED, 1, 1),
        (indicators.NO_THEME, 1, 1),
    ]
    assert [row.rate for row in rows] == [0.5, 0.0, 1.0, 1.0]


def test_automatic_publication_share_ignores_revisions(dataset):
    figures = indicators.moderation_indicators(now=NOW)

    # Publications within 90 days: automatic (policy), human (Alice), revised (policy); the
    # masking of an already published text is not a publication.
    assert (figures["automatic_publications"], figures["publications"]) == (2, 3)


def test_an_empty_database_has_no_median_nor_age():
    figures = indicators.moderation_indicators(now=NOW)

    assert figures["pending_count"] == 0
    assert figures["oldest_pending_age"] is None
    assert figures["median_all"] is None
    assert figures["median_human"] is None
    assert [row.rate for row in figures["by_tone"]] == [None, None, None, None]
    assert (figures["automatic_publications"], figures["publications"]) == (0, 0)
