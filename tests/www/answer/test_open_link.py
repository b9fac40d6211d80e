import pytest

from sirius.responses.enums import Channel, QualityFlag
from sirius.responses.models import Response
from tests.factories import CampaignFactory
from tests.www.answer.helpers import answer_everything, flat
from tests.www.public.html import links, texts

pytestmark = pytest.mark.django_db


@pytest.fixture
def url(campaign):
    return f"/c/{campaign.public_id}/"


@pytest.fixture(autouse=True)
def _slow_enough(settings):
    settings.SIRIUS_MIN_SECONDS_TO_ANSWER = 0


class TestOpenLink:
    def test_full_flow_records_the_open_link_channel_and_hashes_only(self, client, url):
        landing = client.get(url)
        assert "Avis recueilli par le centre de formation" in flat(landing)

        client.post(answer_everything(client, url))

        response = Response.objects.get()
        assert response.channel == Channel.OPEN_LINK
        assert response.invitation is None
        assert response.submitted_at is not None
        assert len(response.address_hash) == 64 and "127.0.0.1" not in response.address_hash
        assert len(response.browser_key_hash) == 64
        assert response.quality_flags == []
        thanks = client.get(f"{url}merci/")
        assert texts(thanks, "h1") == ["Merci, ta réponse est bien envoyée"]
        assert "Retirer ma réponse" not in links(thanks)

    def test_same_browser_resumes_through_its_cookie(self, client, url):
        client.post(url)
        client.post(f"{url}etape/situation/", {"situation": "en_cours", "annee_debut": "2025"})

        landing = client.get(url)
        again = client.post(url)

        assert links(landing)["Reprendre là où tu t’es arrêté"] == (
            f"{url}etape/recherche_entreprise/"
        )
        assert again["Location"] == f"{url}etape/recherche_entreprise/"
        assert Response.objects.count() == 1

    def test_another_browser_starts_its_own_response(self, client, url):
        from django.test import Client

        client.post(url)
        Client().post(url)

        assert Response.objects.count() == 2

    def test_a_forged_cookie_is_ignored(self, client, url, campaign):
        client.post(url)
        client.cookies[f"sirius_reponse_{campaign.public_id.hex}"] = "forged"

        assert client.get(f"{url}etape/situation/")["Location"] == url

    def test_honeypot_is_flagged_not_dropped(self, client, url):
        client.post(url, {"site_web": "http://spam.example"})

        assert Response.objects.get().quality_flags == [QualityFlag.HONEYPOT]

    def test_too_fast_is_flagged(self, client, url, settings):
        settings.SIRIUS_MIN_SECONDS_TO_ANSWER = 90

        client.post(answer_everything(client, url))

        assert Response.objects.get().quality_flags == [QualityFlag.TOO_FAST]

    def test_second_submission_from_the_same_browser_is_flagged(self, client, url):
        client.post(answer_everything(client, url))
        client.post(answer_everything(client, url))

        flags = list(Response.objects.order_by("pk").values_list("quality_flags", flat=True))
        assert flags == [[], [QualityFlag.DUPLICATE_BROWSER]]

    def test_rate_limit_per_address(self, client, url, settings):
        settings.SIRIUS_OPEN_LINK_MAX_PER_ADDRESS_PER_HOUR = 2
        from django.test import Client

        for _ in range(2):
            assert Client().post(url).status_code == 302
        refused = Client().post(url)

        assert refused.status_code == 429
        assert texts(refused, "h1") == ["Trop de réponses en même temps"]
        other_address = Client(REMOTE_ADDR="10.0.0.9").post(url)
        assert other_address.status_code == 302

    def test_rate_limit_per_campaign(self, url, settings):
        settings.SIRIUS_OPEN_LINK_MAX_PER_CAMPAIGN_PER_HOUR = 2
        from django.test import Client

        for index in range(2):
            assert Client(REMOTE_ADDR=f"10.0.0.{index}").post(url).status_code == 302

        assert Client(REMOTE_ADDR="10.0.0.50").post(url).status_code == 429
        other = CampaignFactory()
        assert Client(REMOTE_ADDR="10.0.0.50").post(f"/c/{other.public_id}/").status_code == 302

    def test_campaign_without_open_link_gives_the_invalid_link_page(self, client):
        campaign = CampaignFactory(invitations_only=True)

        page = client.get(f"/c/{campaign.public_id}/")

        assert page.status_code == 404
        assert texts(page, "h1") == ["Ce lien ne fonctionne pas"]

    def test_closed_campaign(self, client):
        campaign = CampaignFactory(closed=True)

        assert client.get(f"/c/{campaign.public_id}/").status_code == 410
        assert client.post(f"/c/{campaign.public_id}/").status_code == 410
        assert not Response.objects.exists()

    def test_section_query_count_is_pinned(self, client, url, django_assert_num_queries):
        client.post(url)
        with django_assert_num_queries(2):  # the campaign, then the cookie's response
            assert client.get(f"{url}etape/situation/").status_code == 200
