import pytest

from sirius.moderation.decisions import verbatim_moderate
from sirius.moderation.enums import ModerationStatus, RejectionReason
from sirius.responses.services import response_withdraw
from sirius.stats.enums import NATION_KEY, Scope
from sirius.stats.models import Aggregate
from sirius.stats.recompute import aggregates_recompute
from tests.factories import CampaignFactory, FormationFactory, UserFactory
from tests.moderation.submitting import invitation_with_contact, response_submit_with_text

pytestmark = pytest.mark.django_db


def snapshot():
    return {
        (row.scope, row.key, row.niveau): (
            row.responses,
            row.score_sum,
            row.score_count,
            row.published_verbatims,
            row.answers,
            row.themes,
        )
        for row in Aggregate.objects.all()
    }


def test_incremental_upkeep_equals_a_recompute_from_scratch():
    moderator = UserFactory(moderator=True)
    first, second = CampaignFactory(), CampaignFactory(formation=FormationFactory(niveau=3))
    texts = [
        (first, "Les formateurs sont patients et le matériel est neuf."),
        (first, "Les horaires sont trop lourds, on finit tard."),
        (first, "Appelle Kevin au 06 12 34 56 78 pour les stages."),
        (second, "Super ambiance dans la classe."),
        (second, "Mon patron me frappe quand je me trompe."),
    ]
    invitations = []
    for campaign, text in texts:
        invitation = invitation_with_contact(campaign, email=f"{len(invitations)}@example.org")
        response_submit_with_text(text, campaign=campaign, invitation=invitation)
        invitations.append(invitation)
    pending = first.responses.get(answers__commentaire_positif__startswith="Appelle").verbatims
    verbatim_moderate(
        verbatim=pending.get(question_id="commentaire_positif"),
        actor=moderator,
        to_status=ModerationStatus.PUBLISHED_MASKED,
    )
    published = first.responses.get(answers__commentaire_positif__startswith="Les horaires")
    verbatim_moderate(
        verbatim=published.verbatims.get(question_id="commentaire_positif"),
        actor=moderator,
        to_status=ModerationStatus.REJECTED,
        reason=RejectionReason.OFF_TOPIC,
    )
    response_withdraw(invitation=invitations[0])

    incremental = snapshot()
    aggregates_recompute()

    assert snapshot() == incremental
    nation = incremental[(Scope.NATION, NATION_KEY, 0)]
    assert nation[0] == 4  # five submitted, one withdrawn
    assert nation[3] >= 2  # published verbatims with their themes


def test_a_second_count_of_the_same_response_changes_nothing():
    from sirius.stats.services import response_count

    campaign = CampaignFactory()
    response = response_submit_with_text("Très bien.", campaign=campaign)
    before = snapshot()

    assert response_count(response=response) is False
    assert snapshot() == before
    assert before[(Scope.FORMATION, campaign.formation.cle_ministere_educatif, 0)][0] == 1
