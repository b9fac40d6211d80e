"""The indicators page: its figures as a moderator reads them, and its query count."""

import html
from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from sirius.moderation.enums import ModerationStatus, Tone
from sirius.moderation.models import ModerationDecision, VerbatimTheme
from sirius.www.backoffice.alerts.indicators import duration_label
from tests.factories import verbatim_create_for_test

pytestmark = pytest.mark.django_db

PAGE = reverse("backoffice:moderation_indicators")


def test_shows_the_queue_delays_and_the_rejection_rate_by_tone(moderator_client, moderator):
    now = timezone.now()
    verbatim_create_for_test(status=ModerationStatus.PENDING, submitted_at=now - timedelta(days=2))
    for status, tone in [
        (ModerationStatus.PUBLISHED, Tone.NEGATIVE),
        (ModerationStatus.REJECTED, Tone.NEGATIVE),
        (ModerationStatus.PUBLISHED, Tone.POSITIVE),
    ]:
        verbatim = verbatim_create_for_test(status=status, submitted_at=now - timedelta(hours=5))
        VerbatimTheme.objects.create(verbatim=verbatim, theme="ambiance", tone=tone)
        ModerationDecision.objects.create(
            verbatim=verbatim,
            actor=moderator,
            from_status=ModerationStatus.PENDING,
            to_status=status,
            reason="off_topic" if status == ModerationStatus.REJECTED else "",
        )

    response = moderator_client.get(PAGE)

    content = " ".join(html.unescape(response.content.decode()).split())
    assert '<th scope="row">Textes en attente de modération</th> <td>1</td>' in content
    assert "2 j 0 h" in content
    assert '<th scope="row">Négatif</th> <td>2</td> <td>1</td> <td>50 %</td>' in content
    assert '<th scope="row">Positif</th> <td>1</td> <td>0</td> <td>0 %</td>' in content
    assert '<th scope="row">Sans thème</th> <td>0</td> <td>0</td> <td>—</td>' in content
    assert '<th scope="row">Maud Modo</th> <td>3</td> <td>2</td> <td>1</td>' in content


def test_query_count(moderator_client, django_assert_num_queries):
    # session, user, then one query per figure: pending, oldest, two medians, per moderator,
    # by tone, automatic share, open alerts, open reports
    with django_assert_num_queries(11):
        assert moderator_client.get(PAGE).status_code == 200


@pytest.mark.parametrize(
    ("delay", "label"),
    [
        (None, "—"),
        (timedelta(seconds=20), "moins d'une minute"),
        (timedelta(minutes=12), "12 min"),
        (timedelta(hours=5, minutes=20), "5 h 20 min"),
        (timedelta(days=2, hours=3, minutes=9), "2 j 3 h"),
    ],
)
def test_duration_labels(delay, label):
    assert duration_label(delay) == label
