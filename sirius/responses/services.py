"""Writing responses: start, save a section, submit, withdraw.

Each service runs in one transaction and writes an audit event without any answer content.
Saving a section writes no event: `last_saved_at` records it, and one event per page would
triple the audit log for no decision worth tracing.
"""

from django.conf import settings
from django.db import IntegrityError, transaction
from django.utils import timezone

from sirius.audit.services import event_record
from sirius.campaigns.enums import InvitationState
from sirius.campaigns.models import Invitation
from sirius.moderation.tasks import verbatims_analyse
from sirius.questionnaires.enums import QuestionType
from sirius.stats.services import response_uncount, verbatim_publication_changed
from sirius.stats.tasks import response_count

from .answers import answers_prune, missing_required, section_answers_clean
from .enums import Channel, QualityFlag
from .models import Response, Verbatim
from .throttle import open_link_limited

# Straight-lining: at least this many ratings, all with the same value.
STRAIGHT_LINING_MIN_RATINGS = 8


class CampaignNotOpen(Exception):
    pass


class RateLimited(Exception):
    pass


class ResponseAlreadySubmitted(Exception):
    pass


class ResponseIncomplete(Exception):
    def __init__(self, section):
        super().__init__(section.id)
        self.section = section


def _add_flag(response, flag):
    if flag not in response.quality_flags:
        response.quality_flags = [*response.quality_flags, flag]


def response_start(
    *, campaign, invitation=None, browser_key_hash="", address_hash="", honeypot=False, now=None
):
    """The response of an invitation (created once), or a new open-link response.

    Raises CampaignNotOpen outside the campaign's dates and RateLimited when an open link is
    used too often from one address or for one campaign.
    """
    now = now or timezone.now()
    if not campaign.is_open(timezone.localdate(now)):
        raise CampaignNotOpen
    if invitation is not None:
        existing = Response.objects.filter(invitation=invitation).first()
        if existing is not None:
            return existing
    elif open_link_limited(campaign=campaign, address_hash=address_hash, now=now):
        raise RateLimited
    response = Response(
        campaign=campaign,
        formation_id=campaign.formation_id,
        questionnaire_version_id=campaign.questionnaire_version_id,
        channel=Channel.INVITATION if invitation else Channel.OPEN_LINK,
        invitation=invitation,
        started_at=now,
        last_saved_at=now,
        browser_key_hash="" if invitation else browser_key_hash,
        address_hash="" if invitation else address_hash,
        quality_flags=[QualityFlag.HONEYPOT.value] if honeypot else [],
    )
    try:
        with transaction.atomic():
            response.save()
            event_record(verb="response.started", obj=response, data={"channel": response.channel})
    except IntegrityError:
        if invitation is None:
            raise
        # The same invitation started at the same moment elsewhere: one response per invitation.
        return Response.objects.get(invitation=invitation)
    return response


@transaction.atomic
def response_save_section(*, response, section, submitted, require=True, honeypot=False, now=None):
    """Validate and store one section's answers (AnswerErrors lists what is wrong).

    Answers to questions that became hidden (an earlier answer changed) are dropped.
    """
    now = now or timezone.now()
    locked = Response.objects.select_for_update().get(pk=response.pk)
    if locked.is_submitted:
        raise ResponseAlreadySubmitted
    definition = response.questionnaire_version.parsed  # immutable: the caller's copy will do
    cleaned = section_answers_clean(
        section=section, answers=locked.answers, submitted=submitted, require=require
    )
    locked.answers = answers_prune(definition, {**locked.answers, **cleaned})
    locked.last_section_id = section.id
    locked.last_saved_at = now
    if honeypot:
        _add_flag(locked, QualityFlag.HONEYPOT)
    locked.save(update_fields=["answers", "last_section_id", "last_saved_at", "quality_flags"])
    response.answers, response.last_section_id = locked.answers, locked.last_section_id
    response.last_saved_at, response.quality_flags = locked.last_saved_at, locked.quality_flags
    return response


def _quality_flags(response, definition, now):
    flags = list(response.quality_flags)
    elapsed = (now - response.started_at).total_seconds()
    if elapsed < settings.SIRIUS_MIN_SECONDS_TO_ANSWER:
        flags.append(QualityFlag.TOO_FAST)
    ratings = []
    for question in definition.visible_questions(response.answers):
        value = response.answers.get(question.id)
        if question.type == QuestionType.SCALE and value is not None:
            ratings.append(value)
        elif question.type == QuestionType.GRID and value:
            ratings.extend(value.values())
    if len(ratings) >= STRAIGHT_LINING_MIN_RATINGS and len(set(ratings)) == 1:
        flags.append(QualityFlag.STRAIGHT_LINING)
    if response.channel == Channel.OPEN_LINK and response.browser_key_hash:
        duplicate = (
            Response.objects.submitted()
            .filter(campaign_id=response.campaign_id, browser_key_hash=response.browser_key_hash)
            .exclude(pk=response.pk)
            .exists()
        )
        if duplicate:
            flags.append(QualityFlag.DUPLICATE_BROWSER)
    return list(dict.fromkeys(str(flag) for flag in flags))


@transaction.atomic
def response_submit(*, response, now=None):
    """Submit a response once: a second call (refresh, double click, another tab) returns it.

    The response row is locked: concurrent submissions of one response (one invitation has at
    most one response) wait for each other and the later ones find it already submitted. The
    caller's campaign and questionnaire version are reused: a version never changes.
    """
    now = now or timezone.now()
    locked = Response.objects.select_for_update().get(pk=response.pk)
    if locked.is_submitted:
        return locked
    locked.campaign = response.campaign
    locked.questionnaire_version = response.questionnaire_version
    if not locked.campaign.is_open(timezone.localdate(now)):
        raise CampaignNotOpen
    definition = locked.questionnaire_version.parsed
    locked.answers = answers_prune(definition, locked.answers)
    incomplete = missing_required(definition, locked.answers)
    if incomplete is not None:
        raise ResponseIncomplete(incomplete)
    locked.quality_flags = _quality_flags(locked, definition, now)
    locked.submitted_at = now
    locked.last_saved_at = now
    locked.save(update_fields=["answers", "quality_flags", "submitted_at", "last_saved_at"])
    if locked.invitation_id:
        Invitation.objects.filter(pk=locked.invitation_id).update(
            state=InvitationState.ANSWERED, answered_at=now
        )
    verbatims = Verbatim.objects.bulk_create(
        Verbatim(response=locked, question_id=question.id, text=locked.answers[question.id])
        for question in definition.visible_questions(locked.answers)
        if question.type == QuestionType.FREE_TEXT and locked.answers.get(question.id)
    )
    event_record(
        verb="response.submitted",
        obj=locked,
        data={"channel": locked.channel, "quality_flags": locked.quality_flags},
    )
    # The database task queue writes the tasks in this transaction: the response and the
    # requests to count and analyse it are committed together, or not at all.
    response_count.enqueue(locked.pk)
    if verbatims:
        verbatims_analyse.enqueue(locked.pk)
    return locked


@transaction.atomic
def response_withdraw(*, invitation, now=None):
    """Delete the response of an invitation and its verbatims; the link stops working.

    The audit event names the invitation and campaign only: nothing of what was written.
    """
    now = now or timezone.now()
    locked = Invitation.objects.select_for_update().select_related("campaign").get(pk=invitation.pk)
    if locked.withdrawn_at is not None:
        return locked
    response = (
        Response.objects.select_for_update()
        .filter(invitation=locked)
        .select_related("formation__formateur", "formation__gestionnaire")
        .first()
    )
    was_submitted = bool(response and response.is_submitted)
    if response is not None:
        # Out of the aggregates first: its counts, and the themes of its published texts.
        response_uncount(response=response)
        for verbatim in response.verbatims.published().select_related("response"):
            verbatim_publication_changed(verbatim=verbatim, sign=-1)
        response.delete()
    locked.withdrawn_at = now
    locked.save(update_fields=["withdrawn_at"])
    event_record(
        verb="response.withdrawn",
        obj=locked,
        data={"campaign": str(locked.campaign.public_id), "was_submitted": was_submitted},
    )
    invitation.withdrawn_at = now
    return locked
