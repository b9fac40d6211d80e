"""The share kit pages: QR codes and posters of the campaigns a user may see."""

import re

import pytest
import segno
from django.urls import reverse

from sirius.campaigns.links import open_link
from tests.campaigns.test_sharekit import PNG_SIGNATURE, pdf_page_count
from tests.factories import CampaignFactory

POSTERS = reverse("space:campaign_posters")
KIT = ["campaign_qr_svg", "campaign_qr_png", "campaign_poster"]


def url(name, campaign):
    return reverse(f"space:{name}", kwargs={"public_id": campaign.public_id})


@pytest.fixture
def mine(world):
    return CampaignFactory(formation=world.formations.a)


@pytest.fixture
def theirs(world):
    return CampaignFactory(formation=world.formations.b)


def test_qr_svg(client, world, mine):
    client.force_login(world.users.staff_a)

    response = client.get(url("campaign_qr_svg", mine))

    assert response.status_code == 200
    assert response["Content-Type"] == "image/svg+xml"
    assert response["Content-Disposition"].startswith('attachment; filename="qr-sirius-')
    assert response["Content-Disposition"].endswith('.svg"')
    path = re.search(rb' d="([^"]+)"', response.content).group(1).decode()
    assert path in segno.make(open_link(mine), error="q").svg_inline(scale=10)


def test_qr_png(client, world, mine):
    client.force_login(world.users.staff_a)

    response = client.get(url("campaign_qr_png", mine))

    assert response["Content-Type"] == "image/png"
    assert response.content.startswith(PNG_SIGNATURE)
    assert response["Content-Disposition"].endswith('.png"')


def test_poster(client, world, mine):
    client.force_login(world.users.staff_a)

    response = client.get(url("campaign_poster", mine))

    assert response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF")
    assert pdf_page_count(response.content) == 1
    disposition = response["Content-Disposition"]
    assert disposition.startswith('attachment; filename="affiche-sirius-boulangerie-alpha-')


def test_several_posters_in_one_pdf(client, world, mine):
    other = CampaignFactory(formation=world.formations.a)
    client.force_login(world.users.staff_a)

    response = client.get(POSTERS, {"campagne": [mine.public_id, other.public_id]})

    assert response.status_code == 200
    assert pdf_page_count(response.content) == 2
    assert "affiches-sirius-2-campagnes-" in response["Content-Disposition"]


def test_several_posters_leave_out_other_establishments(client, world, mine, theirs):
    client.force_login(world.users.staff_a)

    response = client.get(POSTERS, {"campagne": [mine.public_id, theirs.public_id, "pas-un-id"]})

    assert pdf_page_count(response.content) == 1
    assert "affiches-sirius-1-campagnes-" in response["Content-Disposition"]


def test_posters_of_nothing_visible_is_a_404(client, world, theirs):
    client.force_login(world.users.staff_a)

    assert client.get(POSTERS, {"campagne": [theirs.public_id]}).status_code == 404
    assert client.get(POSTERS).status_code == 404


@pytest.mark.parametrize("name", KIT)
def test_another_establishment_gets_a_404(client, world, theirs, name):
    client.force_login(world.users.staff_a)

    assert client.get(url(name, theirs)).status_code == 404


@pytest.mark.parametrize("name", KIT)
def test_no_kit_without_the_open_link(client, world, name):
    campaign = CampaignFactory(formation=world.formations.a, invitations_only=True)
    client.force_login(world.users.staff_a)

    assert client.get(url(name, campaign)).status_code == 404
    assert client.get(POSTERS, {"campagne": [campaign.public_id]}).status_code == 404


@pytest.mark.parametrize("name", KIT)
def test_observers_may_download_the_kit_in_scope(client, world, theirs, name):
    client.force_login(world.users.observer_departement)

    assert client.get(url(name, theirs)).status_code == 200


@pytest.mark.parametrize("name", KIT)
def test_anonymous_is_sent_to_sign_in(client, db, name):
    response = client.get(url(name, CampaignFactory()))

    assert response.status_code == 302
    assert response["Location"].startswith(reverse("accounts:login"))
