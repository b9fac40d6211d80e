import pytest
from django.core.management import call_command

from sirius.campaigns.models import Campaign
from sirius.demo.management.commands.seed_demo import DEMO_CAMPAIGN_NAME
from sirius.referentiel.models import Formation

pytestmark = pytest.mark.django_db


def seed(capsys):
    call_command("seed_demo")
    return capsys.readouterr().out


def test_seed_demo_opens_a_campaign_and_prints_fresh_links_on_every_run(capsys, client):
    first = seed(capsys)
    campaign = Campaign.objects.get(name=DEMO_CAMPAIGN_NAME)
    campaigns = Campaign.objects.count()  # plus those of the demo reviews
    assert campaign.is_open()
    assert campaign.invitations_enabled and campaign.open_link_enabled
    assert campaign.formation == Formation.objects.order_by("pk").first()
    assert f"/c/{campaign.public_id}/" in first
    assert first.count("/r/") == 3

    second = seed(capsys)

    assert Campaign.objects.count() == campaigns
    assert campaign.invitations.count() == 6
    links = [line.split()[-1] for line in second.splitlines() if "/r/" in line]
    assert len(links) == 3 and not set(links) & set(first.split())
    path = links[0].split("://", 1)[1].split("/", 1)[1]
    assert client.get(f"/{path}").status_code == 200
    assert client.get(f"/c/{campaign.public_id}/").status_code == 200
