"""The observers' dashboard (région, département, OPCO, national) and its CSV export.

The scope is `Formation.objects.visible_to(user)`, nothing the client sends. Scores come from
the formations' Aggregate rows read through `summary_of` (only public scores count: DESIGN.md,
rule 4); response rates from campaigns; moderation indicators from `moderation.indicators`
applied to the scope's verbatims. Observers, moderators and admins read it; CFA staff have their
own results pages.
"""

import csv
import io
from dataclasses import dataclass

from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db.models import Count, Q
from django.http import HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_GET

from sirius.accounts.enums import Role
from sirius.campaigns.models import Invitation
from sirius.moderation.enums import PUBLIC_STATUSES, ModerationStatus
from sirius.moderation.indicators import TONE_WINDOW, rejection_rate_by_tone
from sirius.referentiel.enums import Niveau
from sirius.referentiel.models import Formation
from sirius.responses.enums import Channel
from sirius.responses.models import Response, Verbatim
from sirius.stats.enums import Scope
from sirius.stats.models import Aggregate
from sirius.stats.read import summary_of
from sirius.stats.series import decimal

from .views import _scope_label

TITLE = "Tableau de bord de votre périmètre"
DIPLOMAS_SHOWN = 50


@dataclass
class ScoreGroup:
    label: str
    formations: int = 0
    responses: int = 0
    score_sum: int = 0
    score_count: int = 0

    @property
    def mean(self):
        return decimal(self.score_sum / self.score_count) + "/5" if self.score_count else "—"


def percent(part, whole):
    return round(100 * part / whole) if whole else None


def _scores(formations):
    """Coverage and scores by niveau and diploma, from public formation aggregates only."""
    rows = Aggregate.objects.filter(
        scope=Scope.FORMATION,
        niveau=0,
        key__in=formations.values("cle_ministere_educatif"),
    ).only("key", "responses", "score_sum", "score_count", "published_verbatims")
    public = {}
    for row in rows:
        row.answers, row.themes = {}, {}
        if summary_of(row).score is not None:
            public[row.key] = row
    by_niveau, by_diploma, total = {}, {}, 0
    for key, niveau, diplome in formations.values_list(
        "cle_ministere_educatif", "niveau", "diplome"
    ):
        total += 1
        row = public.get(key)
        if row is None:
            continue
        niveau_label = Niveau(niveau).label if niveau in Niveau.values else "Niveau non renseigné"
        for groups, label in ((by_niveau, niveau_label), (by_diploma, diplome or "Non renseigné")):
            group = groups.setdefault(label, ScoreGroup(label))
            group.formations += 1
            group.responses += row.responses
            group.score_sum += row.score_sum
            group.score_count += row.score_count
    return {
        "formations": total,
        "public": len(public),
        "coverage": percent(len(public), total),
        "by_niveau": sorted(by_niveau.values(), key=lambda group: group.label),
        "by_diploma": sorted(
            by_diploma.values(), key=lambda group: (-group.responses, group.label)
        ),
    }


def _response_rates(formations):
    scoped = formations.values("pk")
    invitations = Invitation.objects.filter(campaign__formation__in=scoped).aggregate(
        sent=Count("pk", filter=Q(sent_at__isnull=False))
    )
    responses = Response.objects.filter(formation__in=scoped).aggregate(
        submitted=Count("pk", filter=Q(submitted_at__isnull=False)),
        by_invitation=Count("pk", filter=Q(submitted_at__isnull=False, channel=Channel.INVITATION)),
    )
    return {
        **invitations,
        **responses,
        "rate": percent(responses["by_invitation"], invitations["sent"]),
    }


def _moderation(formations, now):
    verbatims = Verbatim.objects.filter(response__formation__in=formations.values("pk"))
    counts = verbatims.aggregate(
        pending=Count("pk", filter=Q(status=ModerationStatus.PENDING)),
        published=Count("pk", filter=Q(status__in=PUBLIC_STATUSES)),
        rejected=Count("pk", filter=Q(status=ModerationStatus.REJECTED)),
    )
    return {**counts, "by_tone": rejection_rate_by_tone(verbatims, now)}


def observer_figures(formations, now=None):
    now = now or timezone.now()
    return {
        "scores": _scores(formations),
        "rates": _response_rates(formations),
        "moderation": _moderation(formations, now),
    }


def _observer_scope(request):
    user = request.user
    if user.role not in (Role.OBSERVER, Role.ADMIN, Role.MODERATOR):
        raise PermissionDenied
    return Formation.objects.visible_to(user)


def scope_label(user):
    return _scope_label(user) if user.role == Role.OBSERVER else "National"


@require_GET
@login_required
def observer_dashboard(request):
    figures = observer_figures(_observer_scope(request))
    scores = figures["scores"]
    return render(
        request,
        "space/results/observer.html",
        {
            "title": TITLE,
            "scope_label": scope_label(request.user),
            **figures,
            "diplomas": scores["by_diploma"][:DIPLOMAS_SHOWN],
            "diplomas_left": max(0, len(scores["by_diploma"]) - DIPLOMAS_SHOWN),
            "tone_days": TONE_WINDOW.days,
            "threshold": settings.SIRIUS_PUBLICATION_THRESHOLD,
            "breadcrumb_data": {
                "links": [{"url": reverse("space:dashboard"), "title": "Mon espace"}],
                "current": TITLE,
            },
        },
    )


def _rate(value):
    return "" if value is None else f"{value} %"


def observer_csv(figures, label):
    """The dashboard as CSV for Excel: UTF-8 with BOM, « ; » between fields."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=";")
    scores, rates, moderation = figures["scores"], figures["rates"], figures["moderation"]
    writer.writerow(["Périmètre", label])
    writer.writerow([])
    writer.writerow(["Indicateur", "Valeur"])
    writer.writerows(
        [
            ["Formations", scores["formations"]],
            ["Formations avec une note publique", scores["public"]],
            ["Part des formations avec une note publique", _rate(scores["coverage"])],
            ["Invitations envoyées", rates["sent"]],
            ["Réponses complètes", rates["submitted"]],
            ["Réponses complètes par invitation", rates["by_invitation"]],
            ["Taux de réponse des invitations", _rate(rates["rate"])],
            ["Commentaires en attente de modération", moderation["pending"]],
            ["Commentaires publiés", moderation["published"]],
            ["Commentaires refusés", moderation["rejected"]],
        ]
    )
    writer.writerow([])
    writer.writerow(["Tonalité", "Décidés", "Refusés", "Taux de refus"])
    for tone in moderation["by_tone"]:
        rate = "" if tone.rate is None else f"{round(100 * tone.rate)} %"
        writer.writerow([tone.label, tone.decided, tone.rejected, rate])
    for heading, groups in (("Niveau", scores["by_niveau"]), ("Diplôme", scores["by_diploma"])):
        writer.writerow([])
        writer.writerow([heading, "Formations notées", "Réponses", "Satisfaction globale"])
        for group in groups:
            writer.writerow([group.label, group.formations, group.responses, group.mean])
    return "\ufeff" + buffer.getvalue()


@require_GET
@login_required
def observer_export(request):
    figures = observer_figures(_observer_scope(request))
    response = HttpResponse(
        observer_csv(figures, scope_label(request.user)), content_type="text/csv; charset=utf-8"
    )
    response["Content-Disposition"] = 'attachment; filename="sirius-tableau-de-bord.csv"'
    return response
