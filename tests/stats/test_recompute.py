import pytest
from django.db import connection
from django.utils import timezone

from sirius.moderation.decisions import verbatim_moderate
from sirius.moderation.enums import ModerationStatus, RejectionReason
from sirius.responses.services import response_withdraw
from sirius.stats.enums import NATION_KEY, Scope
from sirius.stats.models import Aggregate
from sirius.stats.recompute import aggregates_recompute
from tests.factories import (
    CampaignFactory,
    FormationFactory,
    UserFactory,
    verbatim_create_for_test,
)
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


@pytest.mark.parametrize("seed", [1, 2])
def test_a_long_random_history_adds_up_to_a_recompute_from_scratch(seed):
    from tests.stats.scenario import scenario_play

    formations, withdrawn = scenario_play(
        seed=seed, responses=60, moderator=UserFactory(moderator=True)
    )
    incremental = snapshot()

    written = aggregates_recompute()

    recomputed = snapshot()
    assert written == len(recomputed)
    assert recomputed.keys() == incremental.keys()
    for key, row in recomputed.items():
        assert incremental[key] == row, key
    nation = recomputed[(Scope.NATION, NATION_KEY, 0)]
    assert withdrawn > 0
    assert nation[0] == 60 - withdrawn
    assert nation[3] > 0  # published verbatims survived the history
    assert (
        sum(recomputed[(Scope.FORMATION, f.cle_ministere_educatif, 0)][0] for f in formations)
        == nation[0]
    )
    assert (Scope.REGION, "84", 5) in recomputed  # an area per niveau


def test_recompute_stats_command_reports_the_rows_and_records_an_event():
    from io import StringIO

    from django.core.management import call_command

    from sirius.audit.models import Event

    campaign = CampaignFactory()
    response_submit_with_text("Très bien.", campaign=campaign)
    Aggregate.objects.all().delete()  # as if lost: the command rebuilds them
    out = StringIO()

    call_command("recompute_stats", stdout=out)

    rows = Aggregate.objects.count()
    assert rows == 8  # formation, its establishment, nation, région, département (each + niveau)
    assert out.getvalue().startswith(f"{rows} agrégats recalculés en ")
    event = Event.objects.get(verb="stats.recomputed")
    assert event.data == {"rows": rows}
    formation_row = Aggregate.objects.get(
        scope=Scope.FORMATION, key=campaign.formation.cle_ministere_educatif
    )
    assert (formation_row.responses, formation_row.score_sum) == (1, 4)


@pytest.mark.django_db(transaction=True)
@pytest.mark.skipif(
    connection.vendor != "postgresql",
    reason="SQLite serialises every write: concurrency is only meaningful on PostgreSQL",
)
def test_concurrent_counts_of_one_formation_all_count_without_deadlock():
    import threading

    from django.db import connections

    from sirius.responses.enums import Channel
    from sirius.responses.models import Response
    from sirius.stats.services import response_count
    from tests.responses.data import STORED_ANSWERS

    campaign = CampaignFactory()
    now = timezone.now()
    responses = [
        Response.objects.create(
            campaign=campaign,
            formation=campaign.formation,
            questionnaire_version=campaign.questionnaire_version,
            channel=Channel.OPEN_LINK,
            answers={**STORED_ANSWERS, "satisfaction_globale": rating},
            started_at=now,
            last_saved_at=now,
            submitted_at=now,
        )
        for rating in (1, 2, 3, 4, 5, 5)
    ]
    barrier = threading.Barrier(len(responses))
    results, failures = [], []

    def count(response):
        try:
            barrier.wait()
            results.append(response_count(response=response))
        except Exception as error:  # pragma: no cover - reported below
            failures.append(error)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=count, args=(r,)) for r in responses]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)

    assert failures == []
    assert results == [True] * len(responses)
    row = Aggregate.objects.get(
        scope=Scope.FORMATION, key=campaign.formation.cle_ministere_educatif
    )
    assert (row.responses, row.score_sum, row.score_count) == (6, 20, 6)
    incremental = snapshot()
    aggregates_recompute()
    assert snapshot() == incremental


def test_a_count_that_drifted_below_zero_never_blocks_a_decision(caplog):
    from sirius.moderation.enums import ModerationStatus as Status

    moderator = UserFactory(moderator=True)
    verbatim = verbatim_create_for_test(status=Status.PUBLISHED)
    Aggregate.objects.update(published_verbatims=0)  # as if changed by hand

    verbatim_moderate(
        verbatim=verbatim,
        actor=moderator,
        to_status=Status.REJECTED,
        reason=RejectionReason.OFF_TOPIC,
    )

    verbatim.refresh_from_db()
    assert verbatim.status == Status.REJECTED
    assert "recompute_stats" in caplog.text
