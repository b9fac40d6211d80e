"""Dashboard series: responses per month, the response funnel, per-question charts."""

from datetime import datetime, timedelta

import pytest
from django.utils import timezone

from sirius.campaigns.stats import FollowUp
from sirius.questionnaires.definition import Definition, default_definition
from sirius.responses.models import Response
from sirius.stats.series import (
    aggregate_of_responses,
    funnel_bars,
    monthly_bars,
    monthly_counts,
    question_charts,
)
from tests.factories import CampaignFactory
from tests.responses.data import STORED_ANSWERS

DEFINITION = Definition(default_definition())


def submitted_on(campaign, moment):
    return Response.objects.create(
        campaign=campaign,
        formation=campaign.formation,
        questionnaire_version=campaign.questionnaire_version,
        channel="open_link",
        answers=STORED_ANSWERS,
        started_at=moment - timedelta(minutes=8),
        last_saved_at=moment,
        submitted_at=moment,
    )


@pytest.mark.django_db
def test_monthly_counts_fill_empty_months_and_skip_unsubmitted():
    campaign = CampaignFactory()
    tz = timezone.get_current_timezone()
    for day in (datetime(2025, 11, 3), datetime(2025, 11, 20), datetime(2026, 2, 1)):
        submitted_on(campaign, day.replace(hour=12, tzinfo=tz))
    unsubmitted = submitted_on(campaign, datetime(2026, 4, 1, 12, tzinfo=tz))
    unsubmitted.submitted_at = None
    unsubmitted.save()

    series = monthly_counts(Response.objects.filter(campaign=campaign))

    assert [(month.isoformat(), count) for month, count in series] == [
        ("2025-11-01", 2),
        ("2025-12-01", 0),
        ("2026-01-01", 0),
        ("2026-02-01", 1),
    ]
    bars = monthly_bars(series)
    assert [bar.label for bar in bars] == [
        "novembre 2025",
        "décembre 2025",
        "janvier 2026",
        "février 2026",
    ]
    assert [bar.percent for bar in bars] == [100, 0, 0, 50]


@pytest.mark.django_db
def test_monthly_counts_of_nothing_is_empty():
    assert monthly_counts(Response.objects.none()) == []


def test_funnel_steps_are_shares_of_the_invited():
    follow_up = FollowUp(
        invited=40,
        sent=38,
        bounced=2,
        unsubscribed=0,
        link_opened=20,
        started=4,
        completed=10,
        completed_by_invitation=8,
        completed_by_open_link=2,
    )
    bars = funnel_bars(follow_up)
    assert [(bar.label, bar.count, bar.percent) for bar in bars] == [
        ("Personnes invitées", 40, 100),
        ("Invitations envoyées", 38, 95),
        ("Liens personnels ouverts", 20, 50),
        ("Questionnaires commencés", 14, 35),
        ("Questionnaires envoyés", 10, 25),
    ]
    assert [bar.label for bar in funnel_bars(follow_up, with_invitations=False)] == [
        "Questionnaires commencés",
        "Questionnaires envoyés",
    ]


def charts_of(answers_list, threshold=5):
    aggregate = aggregate_of_responses(answers_list, DEFINITION)
    return aggregate, {
        chart.question_id: chart
        for chart in question_charts(aggregate.answers, DEFINITION, threshold)
    }


def test_aggregate_of_responses_counts_the_score_like_the_stored_aggregates():
    aggregate, _charts = charts_of([STORED_ANSWERS, {**STORED_ANSWERS, "satisfaction_globale": 2}])
    assert (aggregate.responses, aggregate.score_sum, aggregate.score_count) == (2, 6, 2)
    assert aggregate.answers["satisfaction_globale"]["dist"] == {"4": 1, "2": 1}


@pytest.mark.parametrize(("answered", "shown"), [(4, False), (5, True)])
def test_a_question_answered_by_fewer_than_the_threshold_has_no_bar(answered, shown):
    _aggregate, charts = charts_of([STORED_ANSWERS] * answered)
    for question_id in ("satisfaction_globale", "recommandation", "cfa_criteres", "situation"):
        assert charts[question_id].is_shown is shown
        assert bool(charts[question_id].bars) is shown


def test_scale_choice_and_grid_bars():
    answers = [STORED_ANSWERS] * 4 + [
        {**STORED_ANSWERS, "satisfaction_globale": 5, "recommandation": "non"},
        {**STORED_ANSWERS, "cfa_criteres": {**STORED_ANSWERS["cfa_criteres"], "accueil": 3}},
    ]
    _aggregate, charts = charts_of(answers)

    scale = charts["satisfaction_globale"]
    assert [bar.count for bar in scale.bars] == [0, 0, 0, 5, 1]
    assert sum(bar.percent for bar in scale.bars) == 100
    assert scale.bars[3].value == "83 %"
    assert scale.value_heading == "Part"

    choice = {bar.label: bar for bar in charts["recommandation"].bars}
    assert sum(bar.percent for bar in choice.values()) == 100
    assert sorted(bar.count for bar in choice.values()) == [0, 1, 5]

    grid = {bar.label: bar for bar in charts["cfa_criteres"].bars}
    accueil = next(bar for label, bar in grid.items() if "ccueil" in label)
    assert accueil.value == "4,7"  # (5 × 5 + 3) / 6
    assert accueil.percent == 93
    assert charts["cfa_criteres"].value_heading == "Moyenne sur 5"


def test_a_grid_item_answered_too_rarely_is_hidden_alone():
    criteria = {**STORED_ANSWERS["cfa_criteres"]}
    del criteria["rythme"]
    answers = [STORED_ANSWERS] * 4 + [{**STORED_ANSWERS, "cfa_criteres": criteria}]
    _aggregate, charts = charts_of(answers)
    grid = charts["cfa_criteres"]
    assert len(grid.bars) == 5
    assert grid.hidden_items == 1


def test_free_texts_have_no_chart():
    _aggregate, charts = charts_of([STORED_ANSWERS] * 5)
    assert "commentaire_positif" not in charts
