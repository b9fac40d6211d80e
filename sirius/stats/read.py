"""What the aggregates say, ready to display: the one reading of `Aggregate` rows.

Pages, the widget, the API, JSON-LD and dashboards all read through `summary_of` and its
helpers, so the publication threshold (DESIGN rule 4) is applied in one place: below
SIRIUS_PUBLICATION_THRESHOLD submitted responses a summary is not public and carries no score,
distribution, criterion or theme; above it, a question answered by fewer people than the
threshold is left out too (no breakdown that isolates fewer than that many people).
"""

import time
from dataclasses import dataclass, field

from django.conf import settings

from sirius.moderation.enums import Theme, Tone
from sirius.questionnaires.definition import SCALE_POINTS
from sirius.questionnaires.enums import QuestionType
from sirius.questionnaires.models import QuestionnaireVersion

from .enums import NATION_KEY, SCORE_QUESTION_ID, Scope
from .models import Aggregate
from .ranking import DEFAULT_PRIOR_MEAN
from .rounding import percentages

LABELS_TTL_SECONDS = 60
_labels_cache = {"definition": None, "loaded_at": 0.0}


def labels_definition():
    """The latest published questionnaire definition, for question and item labels (kept a
    minute in this process: public reads must not pay a query for labels)."""
    if time.monotonic() - _labels_cache["loaded_at"] > LABELS_TTL_SECONDS:
        version = QuestionnaireVersion.objects.latest_published()
        _labels_cache["definition"] = version.parsed if version else None
        _labels_cache["loaded_at"] = time.monotonic()
    return _labels_cache["definition"]


def labels_forget():
    _labels_cache["loaded_at"] = 0.0


@dataclass(frozen=True)
class Bar:
    value: str
    label: str
    count: int
    percent: int


@dataclass(frozen=True)
class Criterion:
    question_id: str
    item: str
    label: str
    count: int
    mean: float


@dataclass(frozen=True)
class ThemeCount:
    theme: str
    label: str
    positive: int
    negative: int
    mixed: int

    @property
    def total(self):
        return self.positive + self.negative + self.mixed


@dataclass(frozen=True)
class Summary:
    responses: int
    threshold: int
    score: float | None = None
    score_count: int = 0
    distribution: list[Bar] = field(default_factory=list)
    criteria: list[Criterion] = field(default_factory=list)
    themes: list[ThemeCount] = field(default_factory=list)
    published_verbatims: int = 0

    @property
    def is_public(self):
        return self.responses >= self.threshold

    @property
    def missing(self):
        """How many more submitted responses before anything is published."""
        return max(0, self.threshold - self.responses)

    @property
    def score_rounded(self):
        return round(self.score, 1) if self.score is not None else None

    @property
    def score_display(self):
        """« 4,2/5 » (French decimal comma), or empty."""
        if self.score is None:
            return ""
        return f"{self.score_rounded:.1f}".replace(".", ",") + "/5"


def _scale_bars(bucket, labels):
    dist = bucket.get("dist", {})
    counts = [dist.get(str(point), 0) for point in SCALE_POINTS]
    labels = labels or tuple(str(point) for point in SCALE_POINTS)
    return [
        Bar(value=str(point), label=label, count=count, percent=percent)
        for point, label, count, percent in zip(
            SCALE_POINTS, labels, counts, percentages(counts), strict=True
        )
    ]


def _criteria(answers, definition, threshold):
    criteria = []
    if definition is None:
        return criteria
    for question in definition.questions:
        if question.type != QuestionType.GRID or not question.public_score:
            continue
        items = answers.get(question.id, {}).get("items", {})
        for value, label in question.choices:
            bucket = items.get(value)
            if bucket and bucket["n"] >= threshold:
                criteria.append(
                    Criterion(question.id, value, label, bucket["n"], bucket["sum"] / bucket["n"])
                )
    return criteria


def _themes(themes):
    counts = []
    for theme in Theme:
        tones = themes.get(theme.value)
        if tones:
            counts.append(
                ThemeCount(
                    theme.value,
                    theme.label,
                    tones.get(Tone.POSITIVE, 0),
                    tones.get(Tone.NEGATIVE, 0),
                    tones.get(Tone.MIXED, 0),
                )
            )
    return sorted(counts, key=lambda count: -count.total)


def summary_of(aggregate, *, threshold=None):
    """The displayable summary of one Aggregate row (None: no response yet)."""
    threshold = settings.SIRIUS_PUBLICATION_THRESHOLD if threshold is None else threshold
    if aggregate is None or aggregate.responses < threshold:
        return Summary(responses=aggregate.responses if aggregate else 0, threshold=threshold)
    definition = labels_definition()
    score_question = definition.question(SCORE_QUESTION_ID) if definition else None
    score_labels = (
        tuple(label for _value, label, _emoji in score_question.scale_points)
        if (score_question)
        else ()
    )
    score_bucket = aggregate.answers.get(SCORE_QUESTION_ID, {})
    public_score = aggregate.score_count >= threshold
    return Summary(
        responses=aggregate.responses,
        threshold=threshold,
        score=aggregate.score if public_score else None,
        score_count=aggregate.score_count if public_score else 0,
        distribution=_scale_bars(score_bucket, score_labels) if public_score else [],
        criteria=_criteria(aggregate.answers, definition, threshold),
        themes=_themes(aggregate.themes),
        published_verbatims=aggregate.published_verbatims,
    )


def formation_summaries(formations):
    """{formation pk: Summary} for many formations, in one query."""
    rows = {row.key: row for row in Aggregate.objects.for_formations(formations)}
    return {
        formation.pk: summary_of(rows.get(formation.cle_ministere_educatif))
        for formation in formations
    }


def formation_summary(formation):
    return formation_summaries([formation])[formation.pk]


def area_summary(scope, key, niveau=0):
    return summary_of(Aggregate.objects.area(scope, key, niveau))


def national_mean():
    """The national mean of the score question: the prior of the Bayesian ranking."""
    nation = Aggregate.objects.area(Scope.NATION, NATION_KEY)
    return nation.score if nation and nation.score is not None else DEFAULT_PRIOR_MEAN
