"""Reviews, themes and aggregates for the formation page's tests."""

from datetime import date, timedelta

from django.utils import timezone

from sirius.campaigns.models import Campaign
from sirius.moderation.enums import ModerationStatus
from sirius.moderation.models import VerbatimTheme
from sirius.responses.models import Response
from sirius.stats.recompute import aggregates_recompute
from tests.factories import verbatim_create_for_test


def review_create(formation, text, *, rating=4, days_ago=0, themes=(), **kwargs):
    """A published review from its own submitted response rated `rating` on the score question,
    published `days_ago` days ago, with `themes` as (theme, tone) pairs."""
    kwargs.setdefault("status", ModerationStatus.PUBLISHED)
    verbatim = verbatim_create_for_test(
        text,
        formation=formation,
        submitted_at=timezone.now() - timedelta(days=days_ago),
        **kwargs,
    )
    response = verbatim.response
    response.answers = {**response.answers, "satisfaction_globale": rating}
    Response.objects.filter(pk=response.pk).update(answers=response.answers)
    for theme, tone in themes:
        VerbatimTheme.objects.create(verbatim=verbatim, theme=theme, tone=tone)
    return verbatim


def campaigns_in(formation, year):
    """Date the formation's campaigns in `year` (a school year's September to June)."""
    Campaign.objects.filter(formation=formation).update(
        opens_on=date(year, 9, 1), closes_on=date(year + 1, 6, 30)
    )


def stats_refresh():
    """Count the responses written directly, as the submit task does one by one."""
    aggregates_recompute()
