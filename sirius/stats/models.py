"""Precomputed aggregates: what public pages, the widget, the API and dashboards read.

One row per (scope, key, niveau): a formation (its cle_ministere_educatif), an establishment
(SIRET, for the formations it teaches or manages), a département, a région, the nation. Areas
also get one row per diploma niveau, for comparisons at the same level; `niveau` 0 means all.

`answers` holds, per question id, what the questionnaire's answers add up to:
- scale: {"n": answers, "sum": total, "dist": {"1": count, … "5": count}}
- grid: {"items": {item: {"n", "sum", "dist"}}}
- single or multiple choice: {"n": answers, "choices": {value: count}} (+ "other" for multiple)
`themes` holds, for published verbatims only, {theme: {tone: count}}.

Maintained incrementally (`services`) and rebuilt from scratch by `recompute_stats` with the same
result; a test holds them equal.
"""

from django.db import models
from django.db.models import Q

from .enums import Scope


class AggregateQuerySet(models.QuerySet):
    def for_formations(self, formations):
        keys = [formation.cle_ministere_educatif for formation in formations]
        # Unordered: callers index the rows by key (and an ORDER BY costs every public read).
        return self.filter(scope=Scope.FORMATION, key__in=keys, niveau=0).order_by()

    def area(self, scope, key, niveau=0):
        return self.filter(scope=scope, key=key, niveau=niveau).first()


class Aggregate(models.Model):
    scope = models.CharField("périmètre", max_length=20, choices=Scope.choices)
    key = models.CharField("clé", max_length=100)
    niveau = models.PositiveSmallIntegerField("niveau (0 : tous)", default=0)
    responses = models.PositiveIntegerField("réponses envoyées", default=0)
    # The public score's question, also in `answers`, kept in columns to rank in SQL.
    score_sum = models.PositiveIntegerField(default=0)
    score_count = models.PositiveIntegerField(default=0)
    published_verbatims = models.PositiveIntegerField("commentaires publiés", default=0)
    answers = models.JSONField(default=dict, blank=True)
    themes = models.JSONField(default=dict, blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = AggregateQuerySet.as_manager()

    class Meta:
        verbose_name = "agrégat"
        ordering = ["scope", "key", "niveau"]
        constraints = [
            models.UniqueConstraint(fields=["scope", "key", "niveau"], name="aggregate_unique"),
            models.CheckConstraint(
                name="aggregate_scope_valid", condition=Q(scope__in=Scope.values)
            ),
            models.CheckConstraint(
                name="aggregate_score_count_le_responses",
                condition=Q(score_count__lte=models.F("responses")),
            ),
        ]

    def __str__(self):
        return f"{self.scope}:{self.key}:{self.niveau}"

    @property
    def score(self):
        """Mean of the score question, or None without any answer to it."""
        return self.score_sum / self.score_count if self.score_count else None
