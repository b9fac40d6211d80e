"""A randomised history of responses, publications and withdrawals, through the incremental
upkeep, to compare with a recompute from scratch."""

import random
from datetime import timedelta

from django.utils import timezone

from sirius.moderation.decisions import verbatim_moderate
from sirius.moderation.enums import ModerationStatus, RejectionReason, Theme, Tone
from sirius.moderation.models import VerbatimTheme
from sirius.questionnaires.enums import QuestionType
from sirius.referentiel.enums import Region
from sirius.responses.enums import Channel
from sirius.responses.models import Response, Verbatim
from sirius.responses.services import response_withdraw
from sirius.stats.services import response_count
from tests.factories import (
    CampaignFactory,
    EstablishmentFactory,
    FormationFactory,
    invitation_create_for_test,
)

BLANK = 0.12


def random_answers(rng, definition):
    """Answers to every question, some left blank (None), grids with blank items."""
    answers = {}
    for question in definition.questions:
        if rng.random() < BLANK:
            answers[question.id] = None
            continue
        values = [value for value, _label in question.choices]
        if question.type == QuestionType.SCALE:
            answers[question.id] = rng.randint(1, 5)
        elif question.type == QuestionType.GRID:
            answers[question.id] = {item: rng.choice([1, 2, 3, 4, 5, None]) for item in values}
        elif question.type == QuestionType.SINGLE_CHOICE:
            answers[question.id] = rng.choice(values)
        elif question.type == QuestionType.MULTIPLE_CHOICE:
            answers[question.id] = {
                "choices": rng.sample(values, rng.randint(1, len(values))),
                "other": rng.choice(["", "", "Déménagement"]),
            }
        else:
            answers[question.id] = rng.choice(["Très bien.", "Trop de route.", None])
    return answers


def formations_spread():
    """Four formations over three establishments, two régions, three départements, two niveaux
    (and one without niveau)."""
    paris, lyon, shared = (
        EstablishmentFactory(),
        EstablishmentFactory(departement="69", region=Region.AUVERGNE_RHONE_ALPES),
        EstablishmentFactory(),
    )
    return [
        FormationFactory(formateur=paris, gestionnaire=shared, niveau=3),
        FormationFactory(formateur=paris, gestionnaire=paris, niveau=5),
        FormationFactory(
            formateur=lyon,
            gestionnaire=shared,
            niveau=5,
            departement="69",
            region=Region.AUVERGNE_RHONE_ALPES,
        ),
        FormationFactory(
            formateur=lyon,
            gestionnaire=lyon,
            niveau=None,
            departement="01",
            region=Region.AUVERGNE_RHONE_ALPES,
        ),
    ]


def _respond(rng, campaign, now):
    invitation = None
    if rng.random() < 0.5:
        invitation, _token = invitation_create_for_test(campaign)
    definition = campaign.questionnaire_version.parsed
    response = Response.objects.create(
        campaign=campaign,
        formation=campaign.formation,
        questionnaire_version=campaign.questionnaire_version,
        channel=Channel.INVITATION if invitation else Channel.OPEN_LINK,
        invitation=invitation,
        answers=random_answers(rng, definition),
        started_at=now - timedelta(minutes=9),
        last_saved_at=now,
        submitted_at=now,
    )
    for question_id in ("commentaire_positif", "commentaire_ameliorer"):
        if rng.random() < 0.6:
            verbatim = Verbatim.objects.create(
                response=response, question_id=question_id, text=f"Texte {response.pk}."
            )
            for theme in rng.sample(Theme.values, rng.randint(0, 3)):
                VerbatimTheme.objects.create(
                    verbatim=verbatim, theme=theme, tone=rng.choice(Tone.values)
                )
    response_count(response=response, now=now)
    return response


def _moderate(rng, verbatim, moderator):
    if verbatim.status == ModerationStatus.PENDING or rng.random() < 0.5:
        to_status = rng.choice(
            [ModerationStatus.PUBLISHED, ModerationStatus.PUBLISHED, ModerationStatus.REJECTED]
        )
    elif verbatim.is_published:  # unpublished after a report
        to_status = ModerationStatus.REJECTED
    else:
        to_status = ModerationStatus.PUBLISHED
    if to_status == verbatim.status:
        return
    verbatim_moderate(
        verbatim=verbatim,
        actor=moderator,
        to_status=to_status,
        reason=RejectionReason.OFF_TOPIC if to_status == ModerationStatus.REJECTED else "",
    )


def scenario_play(*, seed, responses, moderator):
    """Play `responses` submissions with moderation and withdrawals mixed in; return the
    formations and the number of withdrawn responses."""
    rng = random.Random(seed)
    formations = formations_spread()
    campaigns = [CampaignFactory(formation=formation) for formation in formations]
    now = timezone.now()
    withdrawn = 0
    for _ in range(responses):
        _respond(rng, rng.choice(campaigns), now)
        for verbatim in Verbatim.objects.order_by("?")[: rng.randint(0, 2)]:
            _moderate(rng, verbatim, moderator)
        if rng.random() < 0.12:
            invited = Response.objects.filter(invitation__isnull=False).order_by("?").first()
            if invited is not None:
                response_withdraw(invitation=invited.invitation)
                withdrawn += 1
    return formations, withdrawn
