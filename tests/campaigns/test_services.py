"""Campaign services: creation for many formations, dates, early closing, duplication."""

from datetime import date

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from sirius.audit.models import Event
from sirius.campaigns.models import Campaign
from sirius.campaigns.services import (
    CampaignError,
    campaign_close,
    campaign_duplicate,
    campaign_duplicate_initial,
    campaign_update_dates,
    campaigns_create_for_formations,
    shift_one_year,
)
from sirius.campaigns.stats import campaign_follow_up
from sirius.questionnaires.models import QuestionnaireVersion
from tests.campaigns.sending_helpers import contact_create
from tests.factories import CampaignFactory, FormationFactory, UserFactory

pytestmark = pytest.mark.django_db

TODAY = date(2026, 6, 15)


def messages(error):
    return error.value.message_dict if hasattr(error.value, "message_dict") else {}


def create(formations, **overrides):
    kwargs = {
        "formations": formations,
        "name": "Promotion 2026",
        "opens_on": date(2026, 9, 1),
        "closes_on": date(2026, 10, 31),
        "invitations_enabled": True,
        "open_link_enabled": True,
        "today": TODAY,
    }
    kwargs.update(overrides)
    return campaigns_create_for_formations(**kwargs)


class TestCreateForFormations:
    def test_one_campaign_per_formation(self):
        first, second = FormationFactory(), FormationFactory()
        staff = UserFactory(establishments=[first.formateur, second.formateur])

        campaigns = create([first, second, first], acting_user=staff)

        assert [c.formation for c in campaigns] == [first, second]
        assert Campaign.objects.count() == 2
        for campaign in campaigns:
            assert campaign.name == "Promotion 2026"
            assert campaign.questionnaire_version == QuestionnaireVersion.objects.latest_published()
            assert campaign.created_by == staff
        events = Event.objects.filter(verb="campaign.created", actor=staff)
        assert {e.object_id for e in events} == {str(c.pk) for c in campaigns}

    def test_refuses_a_formation_out_of_scope_and_creates_nothing(self):
        mine, theirs = FormationFactory(), FormationFactory()
        staff = UserFactory(establishments=[mine.formateur])

        with pytest.raises(ValidationError) as error:
            create([mine, theirs], acting_user=staff)

        assert messages(error) == {
            "formations": ["Vous ne pouvez pas créer de campagne pour cette formation."]
        }
        assert not Campaign.objects.exists()
        assert not Event.objects.exists()

    @pytest.mark.parametrize("trait", ["observer_national", "moderator"])
    def test_readers_may_not_create(self, trait):
        with pytest.raises(CampaignError, match="ne permet pas de créer"):
            create([FormationFactory()], acting_user=UserFactory(**{trait: True}))
        assert not Campaign.objects.exists()

    def test_needs_a_formation(self):
        with pytest.raises(ValidationError) as error:
            create([])
        assert messages(error) == {"formations": ["Choisissez au moins une formation."]}

    def test_refuses_dates_in_the_wrong_order(self):
        with pytest.raises(ValidationError) as error:
            create([FormationFactory()], opens_on=date(2026, 9, 2), closes_on=date(2026, 9, 1))
        assert messages(error) == {
            "closes_on": ["La date de fermeture doit être postérieure à la date d'ouverture."]
        }

    def test_refuses_an_opening_in_the_past(self):
        with pytest.raises(ValidationError) as error:
            create([FormationFactory()], opens_on=date(2026, 6, 14))
        assert messages(error) == {"opens_on": ["La date d'ouverture ne peut pas être passée."]}
        assert create([FormationFactory()], opens_on=TODAY)

    def test_needs_a_mode(self):
        with pytest.raises(CampaignError, match="Choisissez au moins un mode"):
            create([FormationFactory()], invitations_enabled=False, open_link_enabled=False)
        assert not Campaign.objects.exists()

    def test_refuses_an_unpublished_version(self):
        draft = QuestionnaireVersion.objects.latest_published()
        draft.pk = None
        draft.number = 99
        draft.published_at = None
        draft.save()

        with pytest.raises(CampaignError, match="Aucune version publiée"):
            create([FormationFactory()], questionnaire_version=draft)


class TestUpdateDates:
    def test_before_opening_both_dates_move(self):
        campaign = CampaignFactory(opens_on=date(2026, 9, 1), closes_on=date(2026, 10, 1))
        staff = UserFactory()

        campaign_update_dates(
            campaign=campaign,
            opens_on=date(2026, 9, 8),
            closes_on=date(2026, 11, 1),
            acting_user=staff,
            today=TODAY,
        )

        campaign.refresh_from_db()
        assert (campaign.opens_on, campaign.closes_on) == (date(2026, 9, 8), date(2026, 11, 1))
        event = Event.objects.get(verb="campaign.dates_updated")
        assert event.actor == staff
        assert event.data == {
            "before": {"opens_on": "2026-09-01", "closes_on": "2026-10-01"},
            "after": {"opens_on": "2026-09-08", "closes_on": "2026-11-01"},
        }

    def test_once_open_the_opening_date_stays(self):
        campaign = CampaignFactory(opens_on=date(2026, 6, 1), closes_on=date(2026, 7, 1))

        with pytest.raises(ValidationError) as error:
            campaign_update_dates(
                campaign=campaign,
                opens_on=date(2026, 6, 20),
                closes_on=date(2026, 7, 1),
                today=TODAY,
            )
        assert messages(error) == {
            "opens_on": ["La campagne est déjà ouverte : sa date d'ouverture ne peut plus changer."]
        }

        campaign_update_dates(
            campaign=campaign, opens_on=date(2026, 6, 1), closes_on=date(2026, 8, 1), today=TODAY
        )
        campaign.refresh_from_db()
        assert campaign.closes_on == date(2026, 8, 1)

    @pytest.mark.parametrize(
        "opens_on, closes_on, field, message",
        [
            (date(2026, 9, 1), date(2026, 8, 31), "closes_on", "doit être postérieure"),
            (date(2026, 6, 14), date(2026, 10, 1), "opens_on", "ne peut pas être passée"),
        ],
    )
    def test_refusals_before_opening(self, opens_on, closes_on, field, message):
        campaign = CampaignFactory(opens_on=date(2026, 9, 1), closes_on=date(2026, 10, 1))

        with pytest.raises(ValidationError) as error:
            campaign_update_dates(
                campaign=campaign, opens_on=opens_on, closes_on=closes_on, today=TODAY
            )

        assert message in messages(error)[field][0]
        campaign.refresh_from_db()
        assert campaign.closes_on == date(2026, 10, 1)
        assert not Event.objects.filter(verb="campaign.dates_updated").exists()

    def test_the_closing_date_cannot_be_past(self):
        campaign = CampaignFactory(opens_on=date(2026, 6, 1), closes_on=date(2026, 7, 1))

        with pytest.raises(ValidationError) as error:
            campaign_update_dates(
                campaign=campaign,
                opens_on=date(2026, 6, 1),
                closes_on=date(2026, 6, 14),
                today=TODAY,
            )

        assert "pour arrêter la campagne maintenant, fermez-la" in messages(error)["closes_on"][0]

    @pytest.mark.parametrize("closed", ["early", "past"])
    def test_a_closed_campaign_keeps_its_dates(self, closed):
        if closed == "early":
            campaign = CampaignFactory(
                opens_on=date(2026, 6, 1), closes_on=date(2026, 7, 1), closed_at=timezone.now()
            )
        else:
            campaign = CampaignFactory(opens_on=date(2026, 5, 1), closes_on=date(2026, 6, 1))

        with pytest.raises(CampaignError, match="ses dates ne peuvent plus changer"):
            campaign_update_dates(
                campaign=campaign,
                opens_on=campaign.opens_on,
                closes_on=date(2026, 9, 1),
                today=TODAY,
            )


class TestClose:
    def test_sets_closed_at_and_records(self):
        campaign = CampaignFactory()
        staff = UserFactory()
        now = timezone.now()

        campaign_close(campaign=campaign, acting_user=staff, now=now)

        campaign.refresh_from_db()
        assert campaign.closed_at == now
        assert not campaign.is_open()
        assert Event.objects.get(verb="campaign.closed").actor == staff

    def test_not_twice(self):
        campaign = CampaignFactory(closed_at=timezone.now())

        with pytest.raises(CampaignError, match="Cette campagne est déjà fermée"):
            campaign_close(campaign=campaign)
        assert not Event.objects.filter(verb="campaign.closed").exists()

    def test_not_after_its_closing_date(self):
        campaign = CampaignFactory(closed=True)

        with pytest.raises(CampaignError):
            campaign_close(campaign=campaign)
        campaign.refresh_from_db()
        assert campaign.closed_at is None


class TestDuplicate:
    def test_shift_one_year(self):
        assert shift_one_year(date(2025, 9, 1)) == date(2026, 9, 1)
        assert shift_one_year(date(2028, 2, 29)) == date(2029, 2, 28)

    def test_initial_values_are_the_next_school_year(self):
        campaign = CampaignFactory(
            name="Apprentis 2025-2026",
            opens_on=date(2025, 9, 1),
            closes_on=date(2025, 10, 15),
            invitations_enabled=False,
        )

        initial = campaign_duplicate_initial(campaign)

        assert initial == {
            "name": "Apprentis 2026-2027",
            "opens_on": date(2026, 9, 1),
            "closes_on": date(2026, 10, 15),
            "questionnaire_version": QuestionnaireVersion.objects.latest_published(),
            "invitations_enabled": False,
            "open_link_enabled": True,
        }

    def test_duplicates_for_the_same_formation(self):
        campaign = CampaignFactory(
            name="Apprentis 2025", opens_on=date(2025, 9, 1), closes_on=date(2025, 10, 15)
        )
        staff = UserFactory(establishments=[campaign.formation.formateur])

        duplicate = campaign_duplicate(campaign=campaign, acting_user=staff, today=TODAY)

        assert duplicate.pk != campaign.pk
        assert duplicate.formation == campaign.formation
        assert duplicate.name == "Apprentis 2026"
        assert (duplicate.opens_on, duplicate.closes_on) == (date(2026, 9, 1), date(2026, 10, 15))
        event = Event.objects.get(verb="campaign.duplicated")
        assert event.object_id == str(duplicate.pk)
        assert event.data == {"from": str(campaign.public_id)}

    def test_refuses_another_establishment(self):
        campaign = CampaignFactory(opens_on=date(2025, 9, 1), closes_on=date(2025, 10, 15))
        stranger = UserFactory(establishments=[FormationFactory().formateur])

        with pytest.raises(ValidationError):
            campaign_duplicate(campaign=campaign, acting_user=stranger, today=TODAY)
        assert Campaign.objects.count() == 1
        assert not Event.objects.filter(verb="campaign.duplicated").exists()

    def test_a_year_later_is_still_past_refused(self):
        campaign = CampaignFactory(opens_on=date(2024, 9, 1), closes_on=date(2024, 10, 15))

        with pytest.raises(ValidationError) as error:
            campaign_duplicate(campaign=campaign, today=TODAY)
        assert "opens_on" in messages(error)


class TestFollowUp:
    def test_counts(self):
        from tests.www.space.campaign_data import follow_up_campaign

        campaign = follow_up_campaign(FormationFactory())
        CampaignFactory()  # another campaign's numbers stay out

        follow_up = campaign_follow_up(campaign)

        assert follow_up.invited == 8
        assert follow_up.sent == 6
        assert follow_up.bounced == 1
        assert follow_up.unsubscribed == 1
        assert follow_up.link_opened == 4
        assert follow_up.started == 2
        assert follow_up.completed == 4
        assert follow_up.response_rate == 38

    def test_no_rate_without_invitations(self):
        assert campaign_follow_up(CampaignFactory()).response_rate is None


class TestInvitationsOnCreation:
    def test_a_campaign_created_open_invites_its_roster_at_once(self):
        formation = FormationFactory()
        contact_create(formation, email="lea@example.org")
        contact_create(formation, email="sam@example.org")
        today = timezone.localdate()

        (campaign,) = create([formation], opens_on=today, closes_on=today, today=today)

        assert sorted(campaign.invitations.values_list("contact__email", flat=True)) == [
            "lea@example.org",
            "sam@example.org",
        ]

    def test_a_campaign_created_for_later_invites_nobody_yet(self):
        formation = FormationFactory()
        contact_create(formation, email="lea@example.org")

        (campaign,) = create([formation])  # opens on 1 September 2026

        assert not campaign.invitations.exists()
