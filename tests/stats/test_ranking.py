import pytest
from django.db.models import F

from sirius.stats.enums import NATION_KEY, Scope
from sirius.stats.models import Aggregate
from sirius.stats.ranking import (
    DEFAULT_PRIOR_MEAN,
    PRIOR_WEIGHT,
    ranking_expression,
    ranking_score,
)
from sirius.stats.read import national_mean

pytestmark = pytest.mark.django_db


def formation_row(key, score_sum, score_count):
    return Aggregate.objects.create(
        scope=Scope.FORMATION,
        key=key,
        responses=score_count,
        score_sum=score_sum,
        score_count=score_count,
    )


def test_five_perfect_answers_rank_below_two_hundred_at_four_point_six():
    Aggregate.objects.create(
        scope=Scope.NATION, key=NATION_KEY, responses=1000, score_sum=4000, score_count=1000
    )
    formation_row("cinq-parfaits", 25, 5)
    formation_row("longue-histoire", 920, 200)
    prior = national_mean()

    ranked = list(
        Aggregate.objects.filter(scope=Scope.FORMATION)
        .annotate(rank=ranking_expression(prior))
        .order_by("-rank")
        .values_list("key", flat=True)
    )

    assert prior == 4.0
    assert ranked == ["longue-histoire", "cinq-parfaits"]
    assert ranking_score(25, 5, prior) == pytest.approx(65 / 15)
    assert ranking_score(920, 200, prior) == pytest.approx(960 / 210)


def test_the_prior_is_the_default_mean_before_any_national_answer():
    assert national_mean() == DEFAULT_PRIOR_MEAN
    formation_row("sans-reponse", 0, 0)

    rank = Aggregate.objects.annotate(rank=ranking_expression(national_mean())).get().rank

    assert rank == pytest.approx(DEFAULT_PRIOR_MEAN)


def test_the_sql_expression_equals_the_python_function():
    cases = [(0, 0), (5, 1), (25, 5), (13, 4), (920, 200), (3, 3), (4999, 1000), (7, 2)]
    for index, (score_sum, score_count) in enumerate(cases):
        formation_row(f"f{index}", score_sum, score_count)

    for prior in (4.0, 3.7, 4.23):
        rows = Aggregate.objects.annotate(rank=ranking_expression(prior)).values_list(
            "score_sum", "score_count", "rank"
        )
        for score_sum, score_count, rank in rows:
            assert rank == pytest.approx(ranking_score(score_sum, score_count, prior), abs=1e-9)


def test_the_sql_expression_reads_a_related_aggregate_through_its_prefix():
    formation_row("prefixed", 18, 4)

    rank = (
        Aggregate.objects.annotate(
            other_score_sum=F("score_sum"), other_score_count=F("score_count")
        )
        .annotate(rank=ranking_expression(4.0, prefix="other_"))
        .get()
        .rank
    )

    assert rank == pytest.approx((PRIOR_WEIGHT * 4.0 + 18) / (PRIOR_WEIGHT + 4))
