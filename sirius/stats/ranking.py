"""Ranking by score with a Bayesian adjustment toward the national mean.

A formation's ranking score is (C × m + Σ notes) / (C + n): its mean pulled toward the national
mean m as if it had C more answers at m. With C = 10 and m = 4.0, five answers at 5/5 rank at
(40 + 25) / 15 ≈ 4.33, below two hundred answers at 4.6 ((40 + 920) / 210 ≈ 4.57): a handful of
enthusiastic answers never beats a long record. The published score stays the plain mean.
"""

from django.db.models import ExpressionWrapper, F, FloatField, Value

PRIOR_WEIGHT = 10
DEFAULT_PRIOR_MEAN = 4.0  # before any answer nationally


def ranking_score(score_sum, score_count, prior_mean, prior_weight=PRIOR_WEIGHT):
    return (prior_weight * prior_mean + score_sum) / (prior_weight + score_count)


def ranking_expression(prior_mean, prior_weight=PRIOR_WEIGHT, prefix=""):
    """The same formula as an SQL expression over an Aggregate's score columns."""
    return ExpressionWrapper(
        (Value(prior_weight * prior_mean) + F(f"{prefix}score_sum") * 1.0)
        / (Value(prior_weight) + F(f"{prefix}score_count")),
        output_field=FloatField(),
    )
