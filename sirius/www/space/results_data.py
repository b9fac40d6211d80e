"""The results of one formation or one campaign, as the CFA space shows and exports them.

A formation's figures come from its Aggregate row (all years); a campaign's are added up on the
fly from its own submitted responses with `answers_apply`, so both count the same way. Both go
through `summary_of`: below the publication threshold nothing but the number of responses and
the number still missing is given (DESIGN.md, rule 4).
"""

from dataclasses import dataclass, field

from django.db.models import Count, Exists, OuterRef, Q

from sirius.campaigns.stats import campaign_follow_up
from sirius.moderation.enums import PUBLIC_STATUSES, ModerationStatus
from sirius.moderation.models import VerbatimTheme
from sirius.responses.models import Response, Verbatim
from sirius.stats.enums import NATION_KEY, Scope
from sirius.stats.models import Aggregate
from sirius.stats.read import Summary, labels_definition, summary_of
from sirius.stats.series import (
    ChartBar,
    QuestionChart,
    aggregate_of_responses,
    decimal,
    funnel_bars,
    monthly_bars,
    monthly_counts,
    question_charts,
)


@dataclass(frozen=True)
class ComparisonRow:
    label: str
    own: str
    region: str
    nation: str


@dataclass
class Results:
    formation: object
    summary: Summary
    campaign: object = None
    charts: list[QuestionChart] = field(default_factory=list)
    months: list[ChartBar] = field(default_factory=list)
    funnel: list[ChartBar] = field(default_factory=list)
    comparison: list[ComparisonRow] = field(default_factory=list)
    region_label: str = ""

    @property
    def title(self):
        if self.campaign is not None:
            return f"Résultats de la campagne « {self.campaign.name} »"
        return f"Résultats de {self.formation.intitule}"

    @property
    def shown_charts(self):
        return [chart for chart in self.charts if chart.is_shown]

    @property
    def hidden_charts(self):
        return [chart for chart in self.charts if not chart.is_shown]


def _display(summary):
    return summary.score_display if summary.score is not None else "—"


def _criterion_means(summary):
    return {(c.question_id, c.item): decimal(c.mean) for c in summary.criteria}


def comparison_rows(summary, region, nation):
    """The score and each public criterion, beside the regional and national ones of the same
    niveau (« — » where that area is below the threshold)."""
    rows = [
        ComparisonRow("Satisfaction globale", _display(summary), _display(region), _display(nation))
    ]
    region_means, nation_means = _criterion_means(region), _criterion_means(nation)
    for criterion in summary.criteria:
        key = (criterion.question_id, criterion.item)
        rows.append(
            ComparisonRow(
                criterion.label,
                decimal(criterion.mean) + "/5",
                region_means.get(key, "—") + ("/5" if key in region_means else ""),
                nation_means.get(key, "—") + ("/5" if key in nation_means else ""),
            )
        )
    return rows


def _areas(formation):
    """The regional and national summaries of the formation's niveau, in one query."""
    niveau = formation.niveau or 0
    wanted = Q(scope=Scope.NATION, key=NATION_KEY, niveau=niveau)
    if formation.region:
        wanted |= Q(scope=Scope.REGION, key=formation.region, niveau=niveau)
    rows = {row.scope: row for row in Aggregate.objects.filter(wanted)}
    return summary_of(rows.get(Scope.REGION)), summary_of(rows.get(Scope.NATION))


def _fill(results, answers, definition, responses):
    threshold = results.summary.threshold
    results.charts = question_charts(answers, definition, threshold) if definition else []
    results.months = monthly_bars(monthly_counts(responses))
    region, nation = _areas(results.formation)
    results.comparison = comparison_rows(results.summary, region, nation)
    results.region_label = results.formation.get_region_display()


def formation_results(formation):
    aggregate = Aggregate.objects.for_formations([formation]).first()
    results = Results(formation=formation, summary=summary_of(aggregate))
    if results.summary.is_public:
        responses = Response.objects.filter(formation=formation)
        _fill(results, aggregate.answers, labels_definition(), responses)
    return results


def campaign_results(campaign):
    responses = Response.objects.filter(campaign=campaign)
    definition = campaign.questionnaire_version.parsed
    answers = responses.submitted().values_list("answers", flat=True)
    aggregate = aggregate_of_responses(answers, definition)
    results = Results(
        formation=campaign.formation, campaign=campaign, summary=summary_of(aggregate)
    )
    if results.summary.is_public:
        results.funnel = funnel_bars(
            campaign_follow_up(campaign), with_invitations=campaign.invitations_enabled
        )
        _fill(results, aggregate.answers, definition, responses)
    return results


def results_verbatims(results):
    """The verbatims of the results' scope (formation, or campaign)."""
    verbatims = Verbatim.objects.filter(response__formation=results.formation)
    if results.campaign is not None:
        verbatims = verbatims.filter(response__campaign=results.campaign)
    return verbatims


def verbatim_counts(verbatims):
    """Published, in review and not published, in one query (counts only: a CFA never reads
    a text that is not published)."""
    return verbatims.aggregate(
        published=Count("pk", filter=Q(status__in=PUBLIC_STATUSES)),
        in_review=Count("pk", filter=Q(status=ModerationStatus.PENDING)),
        not_published=Count(
            "pk", filter=Q(status__in=(ModerationStatus.REJECTED, ModerationStatus.ALERT))
        ),
    )


def verbatims_filtered(verbatims, *, theme="", tone=""):
    """Published verbatims with a theme and/or a tone (both on the same theme when both)."""
    verbatims = verbatims.published()
    wanted = {}
    if theme:
        wanted["theme"] = theme
    if tone:
        wanted["tone"] = tone
    if wanted:
        verbatims = verbatims.filter(
            Exists(VerbatimTheme.objects.filter(verbatim=OuterRef("pk"), **wanted))
        )
    return verbatims
