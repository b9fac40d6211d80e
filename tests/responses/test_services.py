import threading
from datetime import timedelta

import pytest
from django.db import connection, connections
from django.utils import timezone

from sirius.audit.models import Event
from sirius.campaigns.enums import InvitationState
from sirius.moderation.enums import ModerationStatus
from sirius.responses.answers import AnswerErrors
from sirius.responses.enums import Channel, QualityFlag
from sirius.responses.models import Response, Verbatim
from sirius.responses.services import (
    CampaignNotOpen,
    RateLimited,
    ResponseAlreadySubmitted,
    ResponseIncomplete,
    response_save_section,
    response_start,
    response_submit,
    response_withdraw,
)
from tests.factories import CampaignFactory, invitation_create_for_test
from tests.responses.data import STORED_ANSWERS

pytestmark = pytest.mark.django_db


def answered(response, answers=STORED_ANSWERS, minutes_ago=10):
    """A response whose sections were all saved, started `minutes_ago`."""
    response.answers = dict(answers)
    response.started_at = timezone.now() - timedelta(minutes=minutes_ago)
    response.save()
    return response


@pytest.fixture
def invitation():
    return invitation_create_for_test()[0]


@pytest.fixture
def campaign():
    return CampaignFactory()


class TestStart:
    def test_an_invitation_has_one_response(self, invitation):
        first = response_start(campaign=invitation.campaign, invitation=invitation)
        again = response_start(campaign=invitation.campaign, invitation=invitation)

        assert first.pk == again.pk
        assert first.channel == Channel.INVITATION
        assert first.formation == invitation.campaign.formation
        assert first.questionnaire_version == invitation.campaign.questionnaire_version
        assert Event.objects.filter(verb="response.started").count() == 1

    def test_refused_outside_the_campaign_dates(self):
        for campaign in (CampaignFactory(closed=True), CampaignFactory(not_yet_open=True)):
            with pytest.raises(CampaignNotOpen):
                response_start(campaign=campaign, address_hash="a")
        assert not Response.objects.exists()

    def test_open_link_limit_per_address(self, settings, campaign):
        settings.SIRIUS_OPEN_LINK_MAX_PER_ADDRESS_PER_HOUR = 2
        other = CampaignFactory()
        response_start(campaign=campaign, address_hash="a")
        response_start(campaign=other, address_hash="a")

        with pytest.raises(RateLimited):
            response_start(campaign=campaign, address_hash="a")
        response_start(campaign=campaign, address_hash="b")  # another address still may
        assert Response.objects.count() == 3

    def test_open_link_limit_per_campaign(self, settings, campaign):
        settings.SIRIUS_OPEN_LINK_MAX_PER_CAMPAIGN_PER_HOUR = 2
        response_start(campaign=campaign, address_hash="a")
        response_start(campaign=campaign, address_hash="b")

        with pytest.raises(RateLimited):
            response_start(campaign=campaign, address_hash="c")
        response_start(campaign=CampaignFactory(), address_hash="c")

    def test_old_starts_leave_the_window(self, settings, campaign):
        settings.SIRIUS_OPEN_LINK_MAX_PER_ADDRESS_PER_HOUR = 1
        response_start(campaign=campaign, address_hash="a", now=timezone.now() - timedelta(hours=2))

        response_start(campaign=campaign, address_hash="a")


class TestSaveSection:
    def test_saves_and_drops_answers_that_became_hidden(self, campaign):
        response = response_start(campaign=campaign, address_hash="a")
        definition = campaign.questionnaire_version.parsed
        response_save_section(
            response=response,
            section=definition.section("situation"),
            submitted={"situation": "interrompue", "annee_debut": "2024"},
        )
        response_save_section(
            response=response,
            section=definition.section("arret"),
            submitted={"raison_arret": {"choices": ["metier"]}},
        )
        assert response.answers["raison_arret"] == {"choices": ["metier"], "other": ""}

        response_save_section(
            response=response,
            section=definition.section("situation"),
            submitted={"situation": "en_cours", "annee_debut": "2024"},
        )

        response.refresh_from_db()
        assert response.answers == {"situation": "en_cours", "annee_debut": "2024"}
        assert response.last_section_id == "situation"

    def test_invalid_answers_are_refused_and_nothing_is_stored(self, campaign):
        response = response_start(campaign=campaign, address_hash="a")
        section = campaign.questionnaire_version.parsed.section("situation")

        with pytest.raises(AnswerErrors) as caught:
            response_save_section(response=response, section=section, submitted={"situation": "z"})

        assert set(caught.value.errors) == {"situation", "annee_debut"}
        response.refresh_from_db()
        assert response.answers == {}

    def test_a_submitted_response_cannot_change(self, invitation):
        response = answered(response_start(campaign=invitation.campaign, invitation=invitation))
        response_submit(response=response)
        section = invitation.campaign.questionnaire_version.parsed.section("situation")

        with pytest.raises(ResponseAlreadySubmitted):
            response_save_section(
                response=response,
                section=section,
                submitted={"situation": "terminee", "annee_debut": "2024"},
            )

    def test_honeypot_flags_the_response(self, campaign):
        response = response_start(campaign=campaign, address_hash="a")
        section = campaign.questionnaire_version.parsed.section("situation")
        response_save_section(
            response=response,
            section=section,
            submitted={"situation": "en_cours", "annee_debut": "2024"},
            honeypot=True,
        )
        response.refresh_from_db()
        assert response.quality_flags == [QualityFlag.HONEYPOT]


class TestSubmit:
    def test_submits_creates_verbatims_and_analyses_them(
        self, invitation, django_capture_on_commit_callbacks
    ):
        response = answered(response_start(campaign=invitation.campaign, invitation=invitation))

        with django_capture_on_commit_callbacks() as callbacks:
            submitted = response_submit(response=response)

        assert submitted.submitted_at is not None
        assert submitted.quality_flags == []
        verbatims = Verbatim.objects.filter(response=response).order_by("question_id")
        # Nothing to flag in either: the analysis (run at once in tests) publishes them.
        assert [(v.question_id, v.text, v.status) for v in verbatims] == [
            ("commentaire_conseil", "Vas-y, accroche-toi.", ModerationStatus.PUBLISHED),
            ("commentaire_positif", "Les formateurs sont patients.", ModerationStatus.PUBLISHED),
        ]
        assert all(verbatim.analysed_at is not None for verbatim in verbatims)
        assert callbacks == []  # the task is written in the same transaction
        invitation.refresh_from_db()
        assert invitation.state == InvitationState.ANSWERED
        assert invitation.answered_at == submitted.submitted_at
        event = Event.objects.get(verb="response.submitted")
        assert "Vas-y" not in str(event.data)
        assert event.data == {"channel": "invitation", "quality_flags": []}

    def test_one_task_counts_the_response_and_one_analyses_its_verbatims(
        self, invitation, django_capture_on_commit_callbacks
    ):
        from django_tasks.signals import task_enqueued

        enqueued = []

        def receiver(sender, task_result, **kwargs):
            enqueued.append((task_result.task.name, task_result.args))

        task_enqueued.connect(receiver)
        try:
            response = answered(response_start(campaign=invitation.campaign, invitation=invitation))
            with django_capture_on_commit_callbacks(execute=True):
                response_submit(response=response)
        finally:
            task_enqueued.disconnect(receiver)

        assert Verbatim.objects.filter(response=response).count() == 2
        assert enqueued == [
            ("response_count", [response.pk]),
            ("verbatims_analyse", [response.pk]),
        ]

    def test_a_second_submit_returns_the_same_response(self, invitation):
        response = answered(response_start(campaign=invitation.campaign, invitation=invitation))
        first = response_submit(response=response)

        again = response_submit(response=response)

        assert again.pk == first.pk
        assert again.submitted_at == first.submitted_at
        assert Verbatim.objects.count() == 2
        assert Event.objects.filter(verb="response.submitted").count() == 1

    def test_an_incomplete_response_is_refused_with_the_section_to_complete(self, campaign):
        response = response_start(campaign=campaign, address_hash="a")
        answered(response, {**STORED_ANSWERS, "satisfaction_globale": None})

        with pytest.raises(ResponseIncomplete) as caught:
            response_submit(response=response)

        assert caught.value.section.id == "avis_general"
        response.refresh_from_db()
        assert response.submitted_at is None

    def test_refused_once_the_campaign_closed(self, invitation):
        response = answered(response_start(campaign=invitation.campaign, invitation=invitation))
        campaign = invitation.campaign
        campaign.opens_on = timezone.localdate() - timedelta(days=30)
        campaign.closes_on = timezone.localdate() - timedelta(days=1)
        campaign.save()

        with pytest.raises(CampaignNotOpen):
            response_submit(response=response)

    def test_too_fast_is_flagged(self, settings, campaign):
        settings.SIRIUS_MIN_SECONDS_TO_ANSWER = 90
        response = answered(response_start(campaign=campaign, address_hash="a"), minutes_ago=1)

        assert response_submit(response=response).quality_flags == [QualityFlag.TOO_FAST]

    def test_straight_lining_is_flagged(self, campaign):
        same = {
            **STORED_ANSWERS,
            "recherche_facilite": 3,
            "satisfaction_globale": 3,
            "cfa_criteres": dict.fromkeys(STORED_ANSWERS["cfa_criteres"], 3),
            "entreprise_criteres": dict.fromkeys(STORED_ANSWERS["entreprise_criteres"], 3),
        }
        response = answered(response_start(campaign=campaign, address_hash="a"), same)

        assert response_submit(response=response).quality_flags == [QualityFlag.STRAIGHT_LINING]

    def test_a_second_answer_from_the_same_browser_is_flagged_not_dropped(self, campaign):
        first = answered(response_start(campaign=campaign, address_hash="a", browser_key_hash="k"))
        response_submit(response=first)
        second = answered(response_start(campaign=campaign, address_hash="a", browser_key_hash="k"))

        flags = response_submit(response=second).quality_flags

        assert flags == [QualityFlag.DUPLICATE_BROWSER]
        assert Response.objects.submitted().count() == 2
        other_campaign = CampaignFactory()
        third = answered(
            response_start(campaign=other_campaign, address_hash="a", browser_key_hash="k")
        )
        assert response_submit(response=third).quality_flags == []


class TestWithdraw:
    def test_deletes_the_response_and_its_verbatims_and_records_no_content(self, invitation):
        response = answered(response_start(campaign=invitation.campaign, invitation=invitation))
        response_submit(response=response)

        response_withdraw(invitation=invitation)

        assert not Response.objects.exists()
        assert not Verbatim.objects.exists()
        invitation.refresh_from_db()
        assert invitation.withdrawn_at is not None
        event = Event.objects.get(verb="response.withdrawn")
        assert event.object_id == str(invitation.pk)
        assert event.data == {
            "campaign": str(invitation.campaign.public_id),
            "was_submitted": True,
        }
        assert not any("accroche" in str(e.data) for e in Event.objects.all())


@pytest.mark.django_db(transaction=True)
@pytest.mark.skipif(
    connection.vendor != "postgresql",
    reason="SQLite serialises every write: concurrency is only meaningful on PostgreSQL",
)
def test_twenty_concurrent_submissions_with_one_token_give_one_response(client):
    from django.test import Client

    invitation, token = invitation_create_for_test()
    response = answered(response_start(campaign=invitation.campaign, invitation=invitation))
    barrier = threading.Barrier(20)
    statuses, failures = [], []

    def submit():
        try:
            barrier.wait()
            statuses.append(Client().post(f"/r/{token}/relecture/").status_code)
        except Exception as error:  # pragma: no cover - reported below
            failures.append(error)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=submit) for _ in range(20)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert failures == []
    assert statuses == [302] * 20
    assert Response.objects.count() == 1
    response.refresh_from_db()
    assert response.submitted_at is not None
    assert Verbatim.objects.count() == 2
    assert Event.objects.filter(verb="response.submitted").count() == 1
