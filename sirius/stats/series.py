"""Figures of the CFA and observer dashboards that the aggregates do not hold: responses per
month, the response funnel, and per-question charts from an `answers` aggregate.

Question charts are only computed for a scope that is already public (`Summary.is_public`);
within it, a question or a grid item answered by fewer people than the threshold is hidden
(DESIGN.md, rule 4), the same rule as `read.summary_of` applies to criteria.
"""

from dataclasses import dataclass, field
from datetime import date

from django.db.models import Count
from django.db.models.functions import TruncMonth
from django.utils import formats

from sirius.questionnaires.definition import SCALE_POINTS
from sirius.questionnaires.enums import QuestionType

from .contributions import answers_apply, score_answer
from .models import Aggregate
from .rounding import percentages

CHART_TYPES = (
    QuestionType.SCALE,
    QuestionType.GRID,
    QuestionType.SINGLE_CHOICE,
    QuestionType.MULTIPLE_CHOICE,
)


@dataclass(frozen=True)
class ChartBar:
    """One bar: `percent` (0–100) is its length, `value` what the data table shows."""

    label: str
    count: int
    percent: int
    value: str


@dataclass(frozen=True)
class QuestionChart:
    question_id: str
    label: str
    kind: str
    answered: int
    bars: list[ChartBar] = field(default_factory=list)
    hidden_items: int = 0

    @property
    def is_shown(self):
        return bool(self.bars)

    @property
    def value_heading(self):
        return "Moyenne sur 5" if self.kind == QuestionType.GRID else "Part"


def decimal(number, places=1):
    """« 4,2 »: a French decimal."""
    return f"{number:.{places}f}".replace(".", ",")


def _month_start(moment):
    return date(moment.year, moment.month, 1)


def _next_month(day):
    return date(day.year + (day.month == 12), day.month % 12 + 1, 1)


def monthly_counts(responses):
    """[(first day of month, count)] of submitted responses, every month from the first to the
    last one with a response (months without any count 0), in one grouped query."""
    rows = (
        responses.filter(submitted_at__isnull=False)
        .annotate(month=TruncMonth("submitted_at"))
        .values("month")
        .annotate(total=Count("pk"))
        .order_by("month")
    )
    counts = {}
    for row in rows:
        month = _month_start(row["month"])
        counts[month] = counts.get(month, 0) + row["total"]
    if not counts:
        return []
    series, month, last = [], min(counts), max(counts)
    while month <= last:
        series.append((month, counts.get(month, 0)))
        month = _next_month(month)
    return series


def monthly_bars(series):
    """Bars of `monthly_counts`, the longest month at 100 %."""
    top = max((count for _month, count in series), default=0)
    return [
        ChartBar(
            label=formats.date_format(month, "F Y"),
            count=count,
            percent=round(100 * count / top) if top else 0,
            value=str(count),
        )
        for month, count in series
    ]


def funnel_bars(follow_up, *, with_invitations=True):
    """The response funnel of a campaign's `FollowUp`: invited, sent, opened, started,
    submitted; each step as a share of the first one."""
    steps = []
    if with_invitations:
        steps += [
            ("Personnes invitées", follow_up.invited),
            ("Invitations envoyées", follow_up.sent),
            ("Liens personnels ouverts", follow_up.link_opened),
        ]
    steps += [
        ("Questionnaires commencés", follow_up.started + follow_up.completed),
        ("Questionnaires envoyés", follow_up.completed),
    ]
    top = max(count for _label, count in steps)
    return [
        ChartBar(
            label=label,
            count=count,
            percent=round(100 * count / top) if top else 0,
            value=str(count),
        )
        for label, count in steps
    ]


def aggregate_of_responses(responses_answers, definition):
    """An unsaved Aggregate of some responses' answers, added up as the stored aggregates are
    (`answers_apply`), so that `summary_of` applies the threshold to it."""
    aggregate = Aggregate(responses=0, score_sum=0, score_count=0, answers={})
    for answers in responses_answers:
        aggregate.responses += 1
        answers_apply(aggregate.answers, definition, answers, 1)
        score = score_answer(answers)
        if score is not None:
            aggregate.score_sum += score
            aggregate.score_count += 1
    return aggregate


def _scale_chart(question, bucket, threshold):
    answered = bucket.get("n", 0)
    if answered < threshold:
        return QuestionChart(question.id, question.label, question.type, answered)
    dist = bucket.get("dist", {})
    counts = [dist.get(str(point), 0) for point in SCALE_POINTS]
    labels = question.scale_labels or tuple(str(point) for point in SCALE_POINTS)
    bars = [
        ChartBar(label=f"{point} – {label}", count=count, percent=percent, value=f"{percent} %")
        for point, label, count, percent in zip(
            SCALE_POINTS, labels, counts, percentages(counts), strict=True
        )
    ]
    return QuestionChart(question.id, question.label, question.type, answered, bars)


def _grid_chart(question, bucket, threshold):
    items = bucket.get("items", {})
    bars, hidden = [], 0
    for value, label in question.choices:
        item = items.get(value)
        if not item:
            continue
        if item["n"] < threshold:
            hidden += 1
            continue
        mean = item["sum"] / item["n"]
        bars.append(
            ChartBar(label=label, count=item["n"], percent=round(20 * mean), value=decimal(mean))
        )
    answered = max((item["n"] for item in items.values()), default=0)
    return QuestionChart(question.id, question.label, question.type, answered, bars, hidden)


def _choice_chart(question, bucket, threshold):
    answered = bucket.get("n", 0)
    if answered < threshold:
        return QuestionChart(question.id, question.label, question.type, answered)
    choices = bucket.get("choices", {})
    options = list(question.choices)
    counts = [choices.get(value, 0) for value, _label in options]
    if question.type == QuestionType.MULTIPLE_CHOICE:
        if question.other:
            options.append(("other", "Autre"))
            counts.append(bucket.get("other", 0))
        # Several choices per person: each share is of the people who answered.
        shares = [round(100 * count / answered) for count in counts]
    else:
        shares = percentages(counts)
    bars = [
        ChartBar(label=label, count=count, percent=share, value=f"{share} %")
        for (_value, label), count, share in zip(options, counts, shares, strict=True)
    ]
    return QuestionChart(question.id, question.label, question.type, answered, bars)


def question_charts(answers, definition, threshold):
    """A QuestionChart per scale, grid and choice question of `definition`, in its order; a
    question (or grid item) answered fewer than `threshold` times has no bar."""
    charts = []
    for question in definition.questions:
        if question.type not in CHART_TYPES:
            continue
        bucket = answers.get(question.id, {})
        if question.type == QuestionType.SCALE:
            charts.append(_scale_chart(question, bucket, threshold))
        elif question.type == QuestionType.GRID:
            charts.append(_grid_chart(question, bucket, threshold))
        else:
            charts.append(_choice_chart(question, bucket, threshold))
    return charts
