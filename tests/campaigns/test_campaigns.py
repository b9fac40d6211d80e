import hashlib
import re
from datetime import date, timedelta

import pytest
from django.core.management import CommandError, call_command
from django.db import IntegrityError, transaction
from django.utils import timezone

from sirius.audit.models import Event
from sirius.campaigns.models import Campaign, Invitation
from sirius.campaigns.services import CampaignError, campaign_create, invitation_create
from sirius.questionnaires.models import QuestionnaireVersion
from tests.factories import CampaignFactory, FormationFactory, UserFactory

pytestmark = pytest.mark.django_db


class TestCampaign:
    def test_needs_at_least_one_door(self):
        with pytest.raises(IntegrityError), transaction.atomic():
            CampaignFactory(invitations_enabled=False, open_link_enabled=False)

    def test_cannot_close_before_it_opens(self):
        with pytest.raises(IntegrityError), transaction.atomic():
            CampaignFactory(opens_on=date(2026, 3, 2), closes_on=date(2026, 3, 1))

    def test_dates_are_inclusive(self):
        campaign = CampaignFactory.build(opens_on=date(2026, 3, 1), closes_on=date(2026, 3, 31))

        assert not campaign.is_open(date(2026, 2, 28))
        assert campaign.is_open(date(2026, 3, 1))
        assert campaign.is_open(date(2026, 3, 31))
        assert not campaign.is_open(date(2026, 4, 1))

    def test_uses_the_latest_published_questionnaire_by_default(self):
        campaign = campaign_create(
            formation=FormationFactory(),
            name="Printemps",
            opens_on=date(2026, 3, 1),
            closes_on=date(2026, 3, 31),
        )

        assert campaign.questionnaire_version == QuestionnaireVersion.objects.latest_published()
        assert Event.objects.filter(verb="campaign.created").count() == 1

    def test_service_refuses_a_campaign_without_a_door(self):
        with pytest.raises(CampaignError):
            campaign_create(
                formation=FormationFactory(),
                name="x",
                opens_on=date(2026, 3, 1),
                closes_on=date(2026, 3, 31),
                invitations_enabled=False,
            )

    def test_visible_to_scopes_through_the_formation(self):
        mine, other = CampaignFactory(), CampaignFactory()
        staff = UserFactory(establishments=[mine.formation.formateur])

        assert list(Campaign.objects.visible_to(staff)) == [mine]
        assert other not in Campaign.objects.visible_to(UserFactory(establishments=[]))


class TestInvitation:
    def test_stores_only_the_sha256_of_a_long_random_token(self):
        campaign = CampaignFactory()

        invitation, token = invitation_create(campaign=campaign)

        assert len(token) >= 43  # 32 random bytes
        assert invitation.token_hash == hashlib.sha256(token.encode()).hexdigest()
        assert token not in str(Invitation.objects.values().get())
        assert Invitation.objects.for_token(token).get() == invitation
        assert invitation.expires_at > timezone.now() + timedelta(days=60)

    def test_tokens_differ(self):
        campaign = CampaignFactory()
        tokens = {invitation_create(campaign=campaign)[1] for _ in range(20)}
        assert len(tokens) == 20

    def test_refused_when_the_campaign_has_no_invitations(self):
        with pytest.raises(CampaignError):
            invitation_create(campaign=CampaignFactory(open_link_only=True))


class TestCreateInvitationsCommand:
    def test_prints_one_full_link_per_invitation(self, capsys, settings):
        settings.SITE_URL = "https://sirius.example"
        campaign = CampaignFactory()

        call_command("create_invitations", str(campaign.public_id), "--count", "3")

        lines = capsys.readouterr().out.split()
        assert len(lines) == 3
        for line in lines:
            token = re.fullmatch(r"https://sirius\.example/r/([A-Za-z0-9_-]{43})/", line).group(1)
            assert Invitation.objects.for_token(token).exists()

    def test_unknown_campaign(self):
        with pytest.raises(CommandError, match="Aucune campagne"):
            call_command("create_invitations", "pas-un-uuid")

    def test_campaign_without_invitations(self):
        campaign = CampaignFactory(open_link_only=True)
        with pytest.raises(CommandError, match="invitations personnelles"):
            call_command("create_invitations", str(campaign.public_id))
        assert not Invitation.objects.exists()
