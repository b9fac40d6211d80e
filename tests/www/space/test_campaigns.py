"""Campaign pages of the CFA space: list, detail, creation, and who may see and do what."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from sirius.audit.models import Event
from sirius.campaigns.enums import InvitationState
from sirius.campaigns.models import Campaign
from sirius.questionnaires.models import QuestionnaireVersion
from tests.accounts.world import EXPECTED_FORMATIONS
from tests.factories import CampaignFactory, invitation_create_for_test

LIST = reverse("space:campaign_list")
CREATE = reverse("space:campaign_create")


def url(name, campaign):
    return reverse(f"space:{name}", kwargs={"public_id": campaign.public_id})


@pytest.fixture
def campaigns(world):
    """One campaign per formation of the world, named after it."""
    return {
        name: CampaignFactory(formation=getattr(world.formations, name), name=f"Campagne {name}")
        for name in ("a", "b", "b2", "managed", "managed_by_b")
    }


def create_data(*keys, **overrides):
    today = timezone.localdate()
    data = {
        "name": "Promotion 2027",
        "opens_on": (today + timedelta(days=3)).isoformat(),
        "closes_on": (today + timedelta(days=40)).isoformat(),
        "questionnaire_version": QuestionnaireVersion.objects.latest_published().pk,
        "invitations_enabled": "on",
        "formations": list(keys),
    }
    data.update(overrides)
    return {key: value for key, value in data.items() if value is not None}


class TestList:
    def test_lists_only_the_campaigns_in_scope(self, client, world, campaigns):
        client.force_login(world.users.staff_b)

        response = client.get(LIST)

        assert response.status_code == 200
        listed = {campaign.name for campaign in response.context["page_obj"]}
        assert listed == {"Campagne b", "Campagne b2", "Campagne managed_by_b"}
        assert url("campaign_detail", campaigns["a"]) not in response.text
        assert "Créer des campagnes" in response.text

    def test_shows_status_modes_and_counts(self, client, world):
        open_ = CampaignFactory(
            formation=world.formations.a, name="Ouverte", open_link_enabled=False
        )
        CampaignFactory(formation=world.formations.a, name="Future", not_yet_open=True)
        CampaignFactory(formation=world.formations.a, name="Passée", closed=True)
        for _ in range(3):
            invitation_create_for_test(open_)
        client.force_login(world.users.staff_a)

        response = client.get(LIST)

        rows = {c.name: c for c in response.context["page_obj"]}
        assert rows["Ouverte"].status_label == "Ouverte"
        assert rows["Future"].status_label == "À venir"
        assert rows["Passée"].status_label == "Fermée"
        assert rows["Ouverte"].invited_count == 3
        assert rows["Future"].invited_count == 0
        # Only campaigns with an open link can be picked for posters.
        assert f'value="{open_.public_id}"' not in response.text
        assert f'value="{rows["Future"].public_id}"' in response.text

    @pytest.mark.parametrize(
        "query, expected",
        [
            ({"statut": "ouverte"}, {"Ouverte"}),
            ({"statut": "a-venir"}, {"Future"}),
            ({"statut": "fermee"}, {"Passée", "Fermée tôt"}),
            ({"mode": "lien"}, {"Future", "Passée", "Fermée tôt"}),
            ({"q": "futur"}, {"Future"}),
            ({"q": "Boulangerie"}, {"Ouverte", "Future", "Passée", "Fermée tôt"}),
        ],
    )
    def test_filters(self, client, world, query, expected):
        formation = world.formations.a
        CampaignFactory(formation=formation, name="Ouverte", open_link_enabled=False)
        CampaignFactory(formation=formation, name="Future", not_yet_open=True)
        CampaignFactory(formation=formation, name="Passée", closed=True)
        CampaignFactory(formation=formation, name="Fermée tôt", closed_at=timezone.now())
        client.force_login(world.users.staff_a)

        response = client.get(LIST, query)

        assert {c.name for c in response.context["page_obj"]} == expected

    def test_filters_cannot_widen_the_scope(self, client, world, campaigns):
        client.force_login(world.users.staff_a)

        response = client.get(LIST, {"q": "Cuisine"})

        assert list(response.context["page_obj"]) == []

    def test_paginates_with_a_fixed_number_of_queries(
        self, client, world, django_assert_num_queries
    ):
        for _ in range(25):
            invitation_create_for_test(CampaignFactory(formation=world.formations.a))
        client.force_login(world.users.staff_a)
        client.get(LIST)  # warm the session

        # session, user, count, page (with counts as subqueries)
        with django_assert_num_queries(4):
            response = client.get(LIST)
        assert len(response.context["page_obj"]) == 20
        with django_assert_num_queries(4):
            response = client.get(LIST, {"page": 2})
        assert len(response.context["page_obj"]) == 5

    def test_observer_reads_without_create_button(self, client, world, campaigns):
        client.force_login(world.users.observer_departement)

        response = client.get(LIST)

        listed = {campaign.name for campaign in response.context["page_obj"]}
        assert listed == {"Campagne b", "Campagne managed_by_b"}
        assert "Créer des campagnes" not in response.text


class TestDetail:
    def test_shows_the_campaign_and_its_open_link(self, client, world, campaigns):
        campaign = campaigns["a"]
        client.force_login(world.users.staff_a)

        response = client.get(url("campaign_detail", campaign))

        assert response.status_code == 200
        assert "Boulangerie Alpha" in response.text
        assert f"/c/{campaign.public_id}/" in response.text
        assert url("campaign_poster", campaign) in response.text
        assert url("campaign_edit", campaign) in response.text
        assert url("campaign_close", campaign) in response.text

    def test_no_link_and_no_kit_without_the_open_link(self, client, world):
        campaign = CampaignFactory(formation=world.formations.a, invitations_only=True)
        client.force_login(world.users.staff_a)

        response = client.get(url("campaign_detail", campaign))

        assert f"/c/{campaign.public_id}/" not in response.text
        assert url("campaign_poster", campaign) not in response.text

    def test_follow_up_numbers(self, client, world, django_assert_num_queries):
        from tests.www.space.campaign_data import follow_up_campaign

        campaign = follow_up_campaign(world.formations.a)
        client.force_login(world.users.staff_a)
        client.get(LIST)

        # session, user, campaign, invitation counts, response counts
        with django_assert_num_queries(5):
            response = client.get(url("campaign_detail", campaign))

        follow_up = response.context["follow_up"]
        assert (follow_up.invited, follow_up.sent, follow_up.bounced) == (8, 6, 1)
        assert (follow_up.unsubscribed, follow_up.link_opened) == (1, 4)
        assert (follow_up.started, follow_up.completed) == (2, 4)
        assert (follow_up.completed_by_invitation, follow_up.completed_by_open_link) == (3, 1)
        assert follow_up.response_rate == 38  # 3 / 8
        assert "38 %" in response.text
        assert "moins de 5 personnes auront répondu" not in response.text

    def test_warns_under_five_invited(self, client, world):
        campaign = CampaignFactory(formation=world.formations.a)
        for _ in range(4):
            invitation_create_for_test(campaign)
        client.force_login(world.users.staff_a)

        response = client.get(url("campaign_detail", campaign))

        assert response.context["few_invited"]
        assert "les résultats resteront masqués tant que moins de 5 personnes auront répondu" in (
            response.text
        )

        invitation_create_for_test(campaign)
        response = client.get(url("campaign_detail", campaign))
        assert "moins de 5 personnes auront répondu" not in response.text

    def test_no_per_person_data(self, client, world):
        from sirius.campaigns.models import Contact

        campaign = CampaignFactory(formation=world.formations.a)
        contact = Contact.objects.create(
            formation=campaign.formation, email="lea.dupont@example.fr", first_name="Léa"
        )
        invitation, _ = invitation_create_for_test(campaign)
        invitation.contact = contact
        invitation.state = InvitationState.ANSWERED
        invitation.save()
        client.force_login(world.users.staff_a)

        response = client.get(url("campaign_detail", campaign))

        assert "lea.dupont" not in response.text
        assert "Léa" not in response.text

    def test_observer_sees_no_action(self, client, world, campaigns):
        campaign = campaigns["b"]
        client.force_login(world.users.observer_departement)

        response = client.get(url("campaign_detail", campaign))

        assert response.status_code == 200
        assert url("campaign_edit", campaign) not in response.text
        assert url("campaign_close", campaign) not in response.text
        assert url("campaign_duplicate", campaign) not in response.text


class TestCreate:
    def test_creates_one_campaign_per_formation(self, client, world):
        client.force_login(world.users.staff_b)
        keys = [
            world.formations.b.cle_ministere_educatif,
            world.formations.b2.cle_ministere_educatif,
        ]

        response = client.post(CREATE, create_data(*keys, open_link_enabled="on"))

        assert response.status_code == 302
        assert response["Location"] == LIST
        created = Campaign.objects.filter(name="Promotion 2027")
        assert {c.formation for c in created} == {world.formations.b, world.formations.b2}
        assert all(c.invitations_enabled and c.open_link_enabled for c in created)
        assert all(c.created_by == world.users.staff_b for c in created)
        assert Event.objects.filter(verb="campaign.created").count() == 2

    def test_one_formation_leads_to_its_campaign(self, client, world):
        client.force_login(world.users.staff_a)

        response = client.post(CREATE, create_data(world.formations.a.cle_ministere_educatif))

        campaign = Campaign.objects.get()
        assert response["Location"] == url("campaign_detail", campaign)

    def test_lists_the_formations_in_scope_with_the_latest_version(self, client, world):
        client.force_login(world.users.staff_b)

        response = client.get(CREATE)

        assert response.status_code == 200
        listed = set(response.context["form"].listed_formations)
        assert listed == {world.formations.b, world.formations.b2, world.formations.managed_by_b}
        assert "Boulangerie Alpha" not in response.text
        latest = QuestionnaireVersion.objects.latest_published()
        assert response.context["form"]["questionnaire_version"].value() == latest.pk
        assert f'<option value="{latest.pk}" selected>' in response.text
        assert 'type="date"' in response.text

    def test_the_filter_narrows_the_list_and_keeps_what_was_typed(self, client, world):
        client.force_login(world.users.staff_b)
        data = create_data(
            world.formations.managed_by_b.cle_ministere_educatif, filtre="Coiffure", filtrer="1"
        )
        data["name"] = "Ma campagne tapée"

        response = client.post(CREATE, data)

        assert response.status_code == 200
        assert not Campaign.objects.exists()
        listed = set(response.context["form"].listed_formations)
        # The checked formation stays listed even though it does not match.
        assert listed == {world.formations.b2, world.formations.managed_by_b}
        assert 'value="Ma campagne tapée"' in response.text
        assert "fr-input-group--error" not in response.text

    def test_errors_keep_what_was_typed(self, client, world):
        client.force_login(world.users.staff_a)
        data = create_data(
            world.formations.a.cle_ministere_educatif, invitations_enabled=None, name="Tapé"
        )

        response = client.post(CREATE, data)

        assert response.status_code == 200
        assert not Campaign.objects.exists()
        assert "Choisissez au moins un mode" in response.text
        assert 'value="Tapé"' in response.text
        assert f'value="{data["opens_on"]}"' in response.text
        assert "checked" in response.text

    def test_refuses_dates_in_the_wrong_order(self, client, world):
        client.force_login(world.users.staff_a)
        today = timezone.localdate()
        data = create_data(
            world.formations.a.cle_ministere_educatif,
            opens_on=(today + timedelta(days=10)).isoformat(),
            closes_on=(today + timedelta(days=9)).isoformat(),
        )

        response = client.post(CREATE, data)

        assert "La date de fermeture doit être postérieure" in response.text
        assert not Campaign.objects.exists()

    def test_refuses_an_opening_in_the_past(self, client, world):
        client.force_login(world.users.staff_a)
        yesterday = timezone.localdate() - timedelta(days=1)
        data = create_data(
            world.formations.a.cle_ministere_educatif, opens_on=yesterday.isoformat()
        )

        response = client.post(CREATE, data)

        assert "La date d&#x27;ouverture ne peut pas être passée." in response.text
        assert not Campaign.objects.exists()

    def test_refuses_a_formation_of_another_establishment(self, client, world):
        client.force_login(world.users.staff_a)
        keys = [
            world.formations.a.cle_ministere_educatif,
            world.formations.b.cle_ministere_educatif,
        ]

        response = client.post(CREATE, create_data(*keys))

        assert response.status_code == 200
        assert "ne fait pas partie de votre périmètre" in response.text
        assert not Campaign.objects.exists()

    def test_requires_a_formation(self, client, world):
        client.force_login(world.users.staff_a)

        response = client.post(CREATE, create_data())

        assert "Choisissez au moins une formation." in response.text
        assert not Campaign.objects.exists()

    def test_admin_may_create_anywhere(self, client, world):
        client.force_login(world.users.admin)

        client.post(CREATE, create_data(world.formations.b.cle_ministere_educatif))

        assert Campaign.objects.get().formation == world.formations.b

    @pytest.mark.parametrize("user_name", ["observer_national", "moderator", "no_role"])
    def test_readers_are_refused(self, client, world, user_name):
        client.force_login(getattr(world.users, user_name))

        assert client.get(CREATE).status_code == 403
        response = client.post(CREATE, create_data(world.formations.b.cle_ministere_educatif))
        assert response.status_code == 403
        assert not Campaign.objects.exists()


@pytest.mark.parametrize(
    "path",
    [LIST, CREATE, reverse("space:campaign_posters")],
)
def test_anonymous_is_sent_to_sign_in(client, db, path):
    response = client.get(path)

    assert response.status_code == 302
    assert response["Location"].startswith(reverse("accounts:login"))


@pytest.mark.parametrize("user_name", sorted(EXPECTED_FORMATIONS))
def test_detail_is_a_404_outside_scope(client, world, campaigns, user_name):
    client.force_login(getattr(world.users, user_name))
    expected = EXPECTED_FORMATIONS[user_name]

    for name, campaign in campaigns.items():
        response = client.get(url("campaign_detail", campaign))
        assert response.status_code == (200 if name in expected else 404), name

    listed = {c.pk for c in client.get(LIST).context["page_obj"]}
    assert listed == {campaigns[name].pk for name in expected}


def test_the_dashboard_links_to_the_campaigns(client, world):
    client.force_login(world.users.staff_a)

    assert LIST in client.get(reverse("space:dashboard")).text
