"""Moving dates, closing early and duplicating a campaign from the CFA space."""

from datetime import date, timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from sirius.audit.models import Event
from sirius.campaigns.models import Campaign
from sirius.questionnaires.models import QuestionnaireVersion
from tests.factories import CampaignFactory


def url(name, campaign):
    return reverse(f"space:{name}", kwargs={"public_id": campaign.public_id})


def days(n):
    return timezone.localdate() + timedelta(days=n)


class TestEditDates:
    def test_moves_both_dates_before_opening(self, client, world):
        campaign = CampaignFactory(formation=world.formations.a, not_yet_open=True)
        client.force_login(world.users.staff_a)

        response = client.post(
            url("campaign_edit", campaign),
            {"opens_on": days(5).isoformat(), "closes_on": days(50).isoformat()},
        )

        assert response.status_code == 302
        assert response["Location"] == url("campaign_detail", campaign)
        campaign.refresh_from_db()
        assert (campaign.opens_on, campaign.closes_on) == (days(5), days(50))
        assert Event.objects.filter(verb="campaign.dates_updated").count() == 1

    def test_only_the_closing_date_once_open(self, client, world):
        campaign = CampaignFactory(formation=world.formations.a)
        opened = campaign.opens_on
        client.force_login(world.users.staff_a)

        page = client.get(url("campaign_edit", campaign))
        assert page.context["form"].fields["opens_on"].disabled
        # A forged opening date is ignored: the field is disabled.
        response = client.post(
            url("campaign_edit", campaign),
            {"opens_on": days(3).isoformat(), "closes_on": days(90).isoformat()},
        )

        assert response.status_code == 302
        campaign.refresh_from_db()
        assert (campaign.opens_on, campaign.closes_on) == (opened, days(90))

    def test_refuses_a_closing_date_in_the_past(self, client, world):
        campaign = CampaignFactory(formation=world.formations.a)
        before = campaign.closes_on
        client.force_login(world.users.staff_a)

        response = client.post(url("campaign_edit", campaign), {"closes_on": days(-1).isoformat()})

        assert response.status_code == 200
        assert "La date de fermeture ne peut pas être passée" in response.text
        campaign.refresh_from_db()
        assert campaign.closes_on == before
        assert not Event.objects.filter(verb="campaign.dates_updated").exists()

    def test_a_closed_campaign_keeps_its_dates(self, client, world):
        campaign = CampaignFactory(formation=world.formations.a, closed_at=timezone.now())
        client.force_login(world.users.staff_a)

        response = client.post(
            url("campaign_edit", campaign), {"closes_on": days(30).isoformat()}, follow=True
        )

        assert "ses dates ne peuvent plus changer" in response.text
        campaign.refresh_from_db()
        assert campaign.closes_on != days(30)


class TestClose:
    def test_asks_then_closes(self, client, world):
        campaign = CampaignFactory(formation=world.formations.a)
        client.force_login(world.users.staff_a)

        page = client.get(url("campaign_close", campaign))
        assert page.status_code == 200
        assert "La fermeture est définitive" in page.text
        campaign.refresh_from_db()
        assert campaign.closed_at is None

        response = client.post(url("campaign_close", campaign), follow=True)

        campaign.refresh_from_db()
        assert campaign.closed_at is not None
        assert "elle ne reçoit plus de réponses" in response.text
        assert Event.objects.filter(verb="campaign.closed", actor=world.users.staff_a).exists()
        assert url("campaign_edit", campaign) not in response.text

    def test_closing_twice_is_refused(self, client, world):
        campaign = CampaignFactory(formation=world.formations.a, closed=True)
        client.force_login(world.users.staff_a)

        response = client.post(url("campaign_close", campaign), follow=True)

        assert "Cette campagne est déjà fermée." in response.text
        campaign.refresh_from_db()
        assert campaign.closed_at is None


class TestDuplicate:
    def test_proposes_the_next_school_year(self, client, world):
        campaign = CampaignFactory(
            formation=world.formations.a,
            name="Promotion 2025-2026",
            opens_on=date(2025, 9, 1),
            closes_on=date(2026, 2, 28),
            invitations_enabled=False,
            open_link_enabled=True,
        )
        client.force_login(world.users.staff_a)

        response = client.get(url("campaign_duplicate", campaign))

        form = response.context["form"]
        assert form["name"].value() == "Promotion 2026-2027"
        assert form["opens_on"].value() == date(2026, 9, 1)
        assert form["closes_on"].value() == date(2027, 2, 28)
        assert not form["invitations_enabled"].value()
        assert form["open_link_enabled"].value()
        assert 'value="2026-09-01"' in response.text

    def test_creates_the_duplicate(self, client, world):
        campaign = CampaignFactory(formation=world.formations.a, open_link_only=True)
        client.force_login(world.users.staff_a)
        data = {
            "name": "Suivante",
            "opens_on": days(365).isoformat(),
            "closes_on": days(400).isoformat(),
            "questionnaire_version": QuestionnaireVersion.objects.latest_published().pk,
            "open_link_enabled": "on",
        }

        response = client.post(url("campaign_duplicate", campaign), data)

        duplicate = Campaign.objects.get(name="Suivante")
        assert response["Location"] == url("campaign_detail", duplicate)
        assert duplicate.formation == campaign.formation
        assert (duplicate.invitations_enabled, duplicate.open_link_enabled) == (False, True)
        event = Event.objects.get(verb="campaign.duplicated")
        assert event.data == {"from": str(campaign.public_id)}

    def test_refuses_without_a_mode(self, client, world):
        campaign = CampaignFactory(formation=world.formations.a)
        client.force_login(world.users.staff_a)
        data = {
            "name": "Suivante",
            "opens_on": days(365).isoformat(),
            "closes_on": days(400).isoformat(),
            "questionnaire_version": QuestionnaireVersion.objects.latest_published().pk,
        }

        response = client.post(url("campaign_duplicate", campaign), data)

        assert response.status_code == 200
        assert "Choisissez au moins un mode" in response.text
        assert Campaign.objects.count() == 1


ACTIONS = ["campaign_edit", "campaign_close", "campaign_duplicate"]


@pytest.mark.parametrize("action", ACTIONS)
def test_another_establishment_gets_a_404(client, world, action):
    campaign = CampaignFactory(formation=world.formations.b, not_yet_open=True)
    before = (campaign.opens_on, campaign.closes_on)
    client.force_login(world.users.staff_a)

    assert client.get(url(action, campaign)).status_code == 404
    data = {"name": "x", "opens_on": days(2).isoformat(), "closes_on": days(3).isoformat()}
    assert client.post(url(action, campaign), data).status_code == 404

    campaign.refresh_from_db()
    assert (campaign.opens_on, campaign.closes_on, campaign.closed_at) == (*before, None)
    assert Campaign.objects.count() == 1


@pytest.mark.parametrize("action", ACTIONS)
@pytest.mark.parametrize("user_name", ["observer_departement", "observer_national", "moderator"])
def test_readers_get_a_403(client, world, action, user_name):
    campaign = CampaignFactory(formation=world.formations.b, not_yet_open=True)
    client.force_login(getattr(world.users, user_name))

    assert client.get(url("campaign_detail", campaign)).status_code == 200
    assert client.get(url(action, campaign)).status_code == 403
    data = {"name": "x", "opens_on": days(2).isoformat(), "closes_on": days(3).isoformat()}
    assert client.post(url(action, campaign), data).status_code == 403

    campaign.refresh_from_db()
    assert campaign.closed_at is None
    assert Campaign.objects.count() == 1


@pytest.mark.parametrize("action", ACTIONS)
def test_admin_may_act_on_any_campaign(client, world, action):
    campaign = CampaignFactory(formation=world.formations.b)
    client.force_login(world.users.admin)

    assert client.get(url(action, campaign)).status_code == 200


@pytest.mark.parametrize("action", ["campaign_detail", *ACTIONS])
def test_anonymous_is_sent_to_sign_in(client, db, action):
    campaign = CampaignFactory()

    response = client.get(url(action, campaign))

    assert response.status_code == 302
    assert response["Location"].startswith(reverse("accounts:login"))
