"""Moderation indicators for the back office: queue, delays, workload, and fairness by tone.

Pure reads over querysets, no cache. Every figure is one aggregate query except the medians,
computed in Python over the verbatims first decided in the last `DELAY_WINDOW` (90 days): two
timestamps per verbatim, about 75,000 rows at the national scale (300,000 responses a year),
a few megabytes read once per page view. Beyond that, precompute them in a periodic task.

The rejection rate by tone exists to check rule 2 of the design: a negative text is not
rejected more than a positive one. A verbatim's tone comes from its themes: all negative →
negative, all positive → positive, otherwise mixed; no theme → « sans thème ».
"""

import statistics
from dataclasses import dataclass
from datetime import timedelta

from django.db.models import Case, Count, Exists, Min, OuterRef, Q, Value, When
from django.utils import timezone

from sirius.responses.models import Verbatim

from .enums import PUBLIC_STATUSES, ModerationStatus, Tone
from .models import Alert, ModerationDecision, Report, VerbatimTheme

DELAY_WINDOW = timedelta(days=90)
WORKLOAD_WINDOW = timedelta(days=30)
TONE_WINDOW = timedelta(days=365)
NO_THEME = "none"
TONE_ROWS = [
    (Tone.NEGATIVE, "Négatif"),
    (Tone.POSITIVE, "Positif"),
    (Tone.MIXED, "Mitigé"),
    (NO_THEME, "Sans thème"),
]
DECIDED_STATUSES = (*PUBLIC_STATUSES, ModerationStatus.REJECTED)


@dataclass(frozen=True)
class ToneRate:
    tone: str
    label: str
    decided: int
    rejected: int

    @property
    def rate(self):
        """Share of decided verbatims that were rejected (0–1), None when nothing was decided."""
        return self.rejected / self.decided if self.decided else None


def pending_count(verbatims):
    return verbatims.pending().count()


def oldest_pending_age(verbatims, now):
    """How long the oldest pending verbatim has waited since submission, or None."""
    oldest = verbatims.pending().aggregate(oldest=Min("response__submitted_at"))["oldest"]
    return now - oldest if oldest else None


def median_decision_delays(verbatims, now, window=DELAY_WINDOW):
    """(all decisions, human decisions): median delay from submission to the first decision.

    « All » counts the automatic policy (publication of unflagged texts, alerts) as a decision;
    « human » is the delay to the first moderator decision, for verbatims that had one. Each
    median covers the verbatims whose first such decision falls within `window`; None if none.
    """
    since = now - window
    first_any = (
        verbatims.annotate(first=Min("decisions__created_at"))
        .filter(first__gte=since)
        .values_list("response__submitted_at", "first")
    )
    first_human = (
        verbatims.annotate(
            first=Min("decisions__created_at", filter=Q(decisions__actor__isnull=False))
        )
        .filter(first__gte=since)
        .values_list("response__submitted_at", "first")
    )
    return _median_delay(first_any), _median_delay(first_human)


def _median_delay(pairs):
    seconds = [(decided - submitted).total_seconds() for submitted, decided in pairs]
    return timedelta(seconds=statistics.median(seconds)) if seconds else None


def decisions_per_moderator(decisions, now, window=WORKLOAD_WINDOW):
    """One row per moderator with decisions in `window`: name, total and count per outcome."""
    public = list(PUBLIC_STATUSES)
    rows = (
        decisions.filter(actor__isnull=False, created_at__gte=now - window)
        .values("actor", "actor__first_name", "actor__last_name", "actor__email")
        .annotate(
            total=Count("pk"),
            published=Count("pk", filter=Q(to_status__in=public)),
            rejected=Count("pk", filter=Q(to_status=ModerationStatus.REJECTED)),
            on_replies=Count("pk", filter=Q(reply__isnull=False)),
        )
        .order_by("-total", "actor__email")
    )
    return [
        {
            "name": f"{row['actor__first_name']} {row['actor__last_name']}".strip()
            or row["actor__email"],
            "total": row["total"],
            "published": row["published"],
            "rejected": row["rejected"],
            "on_replies": row["on_replies"],
        }
        for row in rows
    ]


def rejection_rate_by_tone(verbatims, now, window=TONE_WINDOW):
    """A ToneRate per tone (negative, positive, mixed, no theme) over the verbatims published
    or rejected in `window`, their tone derived from their themes, in one grouped query."""
    themes = VerbatimTheme.objects.filter(verbatim=OuterRef("pk"))
    rows = (
        verbatims.filter(status__in=DECIDED_STATUSES, decided_at__gte=now - window)
        .annotate(
            tone_class=Case(
                When(~Exists(themes), then=Value(NO_THEME)),
                When(~Exists(themes.exclude(tone=Tone.NEGATIVE)), then=Value(Tone.NEGATIVE)),
                When(~Exists(themes.exclude(tone=Tone.POSITIVE)), then=Value(Tone.POSITIVE)),
                default=Value(Tone.MIXED),
            )
        )
        .values("tone_class")
        .annotate(
            decided=Count("pk"),
            rejected=Count("pk", filter=Q(status=ModerationStatus.REJECTED)),
        )
        .order_by()
    )
    counts = {row["tone_class"]: row for row in rows}
    return [
        ToneRate(
            tone=tone,
            label=label,
            decided=counts.get(tone, {}).get("decided", 0),
            rejected=counts.get(tone, {}).get("rejected", 0),
        )
        for tone, label in TONE_ROWS
    ]


def automatic_publication_share(decisions, now, window=DELAY_WINDOW):
    """(automatic, total): publications of verbatims in `window` and how many the policy made
    without a moderator. A revision between two public statuses is not a publication."""
    public = list(PUBLIC_STATUSES)
    counts = (
        decisions.filter(
            verbatim__isnull=False,
            to_status__in=public,
            created_at__gte=now - window,
        )
        .exclude(from_status__in=public)
        .aggregate(total=Count("pk"), automatic=Count("pk", filter=Q(actor__isnull=True)))
    )
    return counts["automatic"], counts["total"]


def moderation_indicators(now=None):
    """Every indicator of the back-office page, as a dict for the template."""
    now = now or timezone.now()
    verbatims = Verbatim.objects.all()
    decisions = ModerationDecision.objects.all()
    median_all, median_human = median_decision_delays(verbatims, now)
    automatic, publications = automatic_publication_share(decisions, now)
    return {
        "pending_count": pending_count(verbatims),
        "oldest_pending_age": oldest_pending_age(verbatims, now),
        "median_all": median_all,
        "median_human": median_human,
        "per_moderator": decisions_per_moderator(decisions, now),
        "by_tone": rejection_rate_by_tone(verbatims, now),
        "open_alerts": Alert.objects.unhandled().count(),
        "open_reports": Report.objects.open().count(),
        "automatic_publications": automatic,
        "publications": publications,
        "delay_days": DELAY_WINDOW.days,
        "workload_days": WORKLOAD_WINDOW.days,
        "tone_days": TONE_WINDOW.days,
    }
