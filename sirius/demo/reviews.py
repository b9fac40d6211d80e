"""Demo reviews: real submissions through the answering services, routed by the real analysis,
then what people do with them — the demo moderator masks one and rejects a spam, follows an alert
up; the demo CFA replies to a review; a reader reports another.

The answers are spread over the last weeks, so the queue's ages and the indicators' delays look
real: each step gets its date (`now=`), and the rows whose date the database writes itself
(verbatim, decision, alert) are moved to that date right after, as if written then.
"""

from datetime import timedelta

from django.utils import timezone

from sirius.campaigns.models import Contact
from sirius.campaigns.services import campaign_create, invitation_create
from sirius.moderation.alerting import alert_annotate, alert_assign
from sirius.moderation.decisions import verbatim_moderate
from sirius.moderation.enums import ModerationStatus, RejectionReason, ReportReason
from sirius.moderation.models import Alert, ModerationDecision
from sirius.moderation.replies import reply_submit
from sirius.moderation.reports import report_create_by_public
from sirius.moderation.routing import reply_analyse, verbatim_analyse
from sirius.questionnaires.enums import QuestionType
from sirius.referentiel.models import Formation
from sirius.responses.models import Verbatim
from sirius.responses.services import response_save_section, response_start, response_submit

from . import review_texts as texts

DEMO_REVIEWS_CAMPAIGN_NAME = "Campagne de démonstration (avis recueillis)"
CHOSEN = {
    "situation": "en_cours",
    "annee_debut": "2025",
    "recherche_aide_cfa": "un_peu",
}
RECOMMENDATION = {5: "oui", 4: "oui", 3: "peut_etre", 2: "non", 1: "non"}
GRID_OFFSETS = (0, 1, -1, 0, -1, 1)


def _posted(question, rating, comments):
    """What the section page would post for `question` from an apprentice rating `rating`."""
    if question.type == QuestionType.FREE_TEXT:
        return comments.get(question.id, "")
    if question.type == QuestionType.SCALE:
        return str(rating)
    if question.type == QuestionType.GRID:
        return {
            item: str(min(5, max(1, rating + GRID_OFFSETS[index % len(GRID_OFFSETS)])))
            for index, (item, _label) in enumerate(question.choices)
        }
    values = [value for value, _label in question.choices]
    if question.id == "recommandation":
        return RECOMMENDATION[rating]
    chosen = CHOSEN.get(question.id, values[0])
    if question.type == QuestionType.MULTIPLE_CHOICE:
        return {"choices": [chosen]}
    return chosen


def _submit(campaign, *, rating, submitted_at, invitation, comments):
    started = submitted_at - timedelta(minutes=9)
    response = response_start(campaign=campaign, invitation=invitation, now=started)
    definition = campaign.questionnaire_version.parsed
    for section in definition.sections:  # in order: an answer may show or hide a later one
        if not section.is_visible(response.answers):
            continue
        questions = section.visible_questions(response.answers)
        response = response_save_section(
            response=response,
            section=section,
            submitted={q.id: _posted(q, rating, comments) for q in questions},
            now=started,
        )
    return response_submit(response=response, now=submitted_at)


def _dated(verbatim, when):
    """Move the rows the database dated itself to the moment they stand for."""
    ModerationDecision.objects.filter(verbatim=verbatim, created_at__gt=when).update(
        created_at=when
    )
    Alert.objects.filter(verbatim=verbatim).update(created_at=when)


def _invitation(campaign, number):
    invitation, _token = invitation_create(campaign=campaign)
    invitation.contact = Contact.objects.create(
        formation=campaign.formation, email=f"apprenti.demo{number}@example.org"
    )
    invitation.save(update_fields=["contact"])
    return invitation


def demo_formations(cfa_user, count):
    """Formations of the demo CFA (after the one with the live demo campaign), then others."""
    own = list(Formation.objects.visible_to(cfa_user).order_by("pk").values_list("pk", flat=True))
    others = Formation.objects.exclude(pk__in=own).order_by("pk").values_list("pk", flat=True)
    chosen = (own[1:] + list(others[:count]))[:count]
    formations = Formation.objects.in_bulk(chosen)
    return [formations[pk] for pk in chosen]


def _responses(formations, now):
    """Submit and route every demo answer; return the verbatims by a fragment of their text."""
    by_fragment, number = {}, 0
    for formation, slot in zip(formations, texts.SLOTS, strict=True):
        campaign = campaign_create(
            formation=formation,
            name=DEMO_REVIEWS_CAMPAIGN_NAME,
            opens_on=timezone.localdate(now) - timedelta(days=40),
            closes_on=timezone.localdate(now) + timedelta(days=30),
            invitations_enabled=True,
            open_link_enabled=True,
        )
        for rating, days_ago, invited, comments in slot:
            number += 1
            submitted_at = now - timedelta(days=days_ago, minutes=37 * number)
            response = _submit(
                campaign,
                rating=rating,
                submitted_at=submitted_at,
                invitation=_invitation(campaign, number) if invited else None,
                comments=comments,
            )
            verbatims = Verbatim.objects.filter(response=response).select_related(
                "response__formation__formateur", "response__formation__gestionnaire"
            )
            verbatims.update(created_at=submitted_at)
            for verbatim in verbatims:
                analysed_at = submitted_at + timedelta(minutes=1)
                verbatim_analyse(verbatim, now=analysed_at)
                _dated(verbatim, analysed_at)
                by_fragment[verbatim.text] = verbatim
    return by_fragment


def _find(verbatims, fragment):
    verbatim = next(v for text, v in verbatims.items() if fragment in text)
    verbatim.refresh_from_db()
    return verbatim


def _decide(verbatim, *, actor, to_status, after, **options):
    when = verbatim.created_at + after
    verbatim_moderate(verbatim=verbatim, actor=actor, to_status=to_status, now=when, **options)
    _dated(verbatim, when)
    verbatim.refresh_from_db()
    return verbatim


def _published(verbatim, moderator):
    if not verbatim.is_published:
        verbatim = _decide(
            verbatim,
            actor=moderator,
            to_status=ModerationStatus.PUBLISHED,
            after=timedelta(hours=3),
            note="Relu : publiable.",
        )
    return verbatim


def demo_reviews_seed(*, moderator, cfa_user, now=None):
    """Create the demo reviews and the moderation work around them; return their count."""
    now = now or timezone.now()
    formations = demo_formations(cfa_user, len(texts.SLOTS))
    verbatims = _responses(formations, now)

    masked = _find(verbatims, texts.MASK)
    if masked.status == ModerationStatus.PENDING and masked.analysis.get("spans"):
        _decide(
            masked,
            actor=moderator,
            to_status=ModerationStatus.PUBLISHED_MASKED,
            after=timedelta(hours=5),
        )
    spam = _find(verbatims, texts.SPAM)
    if spam.status != ModerationStatus.REJECTED:
        _decide(
            spam,
            actor=moderator,
            to_status=ModerationStatus.REJECTED,
            reason=RejectionReason.SPAM,
            note="Publicité pour un compte personnel.",
            after=timedelta(hours=20),
        )
    alert = Alert.objects.filter(verbatim=_find(verbatims, texts.ALERT_FOLLOWED)).first()
    if alert is not None:
        alert_assign(alert=alert, actor=moderator, assignee=moderator)
        alert_annotate(alert=alert, actor=moderator, text=texts.ALERT_NOTE)

    replied = _published(_find(verbatims, texts.REPLY_TO), moderator)
    reply = reply_submit(verbatim=replied, actor=cfa_user, text=texts.CFA_REPLY)
    reply_analyse(reply)  # the queued task will find it done
    reported = _published(_find(verbatims, texts.REPORTED), moderator)
    report_create_by_public(
        verbatim=reported, reason=ReportReason.OTHER, explanation=texts.PUBLIC_REPORT
    )
    return len(verbatims)
