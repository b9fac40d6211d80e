import re
from urllib.parse import quote

import pytest

from sirius.stats.read import labels_forget
from tests.factories import FormationFactory
from tests.www.public.html import elements, parse

from .data import THRESHOLD, formation_below_threshold_create, formation_with_reviews_create

pytestmark = pytest.mark.django_db

# An actual catalogue key: it holds a « # », which the loader URL-encodes.
CATALOGUE_CLE = "084312P01213887534710005038875347100050-46130#L01"


@pytest.fixture
def formation(settings):
    settings.SIRIUS_PUBLICATION_THRESHOLD = THRESHOLD
    return formation_with_reviews_create()


def card_url(formation, widget_format=None):
    url = f"/widget/formations/{quote(formation.cle_ministere_educatif, safe='')}/"
    return f"{url}?format={widget_format}" if widget_format else url


def body_text(response):
    """The page's text as a visitor reads it, tags dropped and spaces collapsed."""
    return " ".join(re.sub(r"<[^>]+>", " ", response.content.decode()).replace(" ,", ",").split())


REVIEW_TEXTS = ("Avis 0.", "Avis 1.", "Avis 2.", "Avis 3.", "Avis refusé.")


def review_texts(response):
    """The test reviews the card shows, in the order of REVIEW_TEXTS."""
    return [text for text in REVIEW_TEXTS if text in response.content.decode()]


class TestCard:
    def test_score_format_shows_the_score_count_and_top_themes(self, client, formation):
        response = client.get(card_url(formation))

        assert response.status_code == 200
        text = body_text(response)
        assert "4,0/5 — 5 avis" in text
        assert "Pâtisserie" in text
        # The three most cited themes, most cited first, with their tones.
        assert text.index("Formateurs et pédagogie : 3 positifs, 1 négatif") < text.index(
            "Ambiance et intégration : 2 positifs, 0 négatif"
        )
        assert "Équipements" in text
        assert "Horaires" not in text
        assert review_texts(response) == []
        assert "data-sirius-empty" not in response.content.decode()

    def test_list_format_adds_the_three_latest_published_reviews_with_labels(
        self, client, formation
    ):
        response = client.get(card_url(formation, "list"))

        text = body_text(response)
        assert review_texts(response) == ["Avis 1.", "Avis 2.", "Avis 3."]
        assert text.index("Avis 3.") < text.index("Avis 2.") < text.index("Avis 1.")
        assert text.count("Avis vérifié") == 1
        assert text.count("Recueilli par le centre de formation") == 2
        assert text.count("Publié le ") == 3

    def test_an_unknown_format_is_the_score_format(self, client, formation):
        assert review_texts(client.get(card_url(formation, "everything"))) == []

    def test_links_to_the_formation_page_in_a_new_tab(self, client, formation):
        response = client.get(card_url(formation, "list"))

        parser = parse(response)
        anchors = [attrs for name, attrs in parser.elements if name == "a"]
        by_text = dict(zip(parser.texts["a"], anchors, strict=True))
        full_page = by_text["Voir tous les avis sur Sirius (nouvel onglet)"]
        assert full_page["href"] == f"/formations/{formation.cle_ministere_educatif}/#avis"
        assert full_page["target"] == "_blank"
        assert full_page["rel"] == "noopener"
        assert by_text["Comment fonctionnent les avis (nouvel onglet)"]["target"] == "_blank"

    def test_a_catalogue_key_with_a_hash_is_read_from_its_encoded_form(self, client, settings):
        settings.SIRIUS_PUBLICATION_THRESHOLD = THRESHOLD
        formation = formation_with_reviews_create(cle=CATALOGUE_CLE)

        response = client.get(card_url(formation))

        assert response.status_code == 200
        assert "4,0/5" in body_text(response)
        assert f'data-sirius-cle="{CATALOGUE_CLE}"' in response.content.decode()


class TestEmpty:
    def test_below_the_threshold_says_so_and_shows_nothing(self, client, settings):
        settings.SIRIUS_PUBLICATION_THRESHOLD = THRESHOLD
        formation = formation_below_threshold_create()

        response = client.get(card_url(formation, "list"))

        assert response.status_code == 200
        html = response.content.decode()
        assert "data-sirius-empty" in html
        assert "ne sont pas encore publiés" in body_text(response)
        assert "Trop tôt." not in html
        assert "/5" not in html

    def test_an_unknown_formation_is_a_404_that_says_so(self, client):
        response = client.get("/widget/formations/inconnue/")

        assert response.status_code == 404
        assert "data-sirius-empty" in response.content.decode()
        assert "n’est pas connue de Sirius" in body_text(response)

    def test_a_formation_without_any_response_is_empty(self, client):
        formation = FormationFactory()

        assert "data-sirius-empty" in client.get(card_url(formation)).content.decode()


class TestHeaders:
    @pytest.mark.parametrize("widget_format", ["score", "list"])
    def test_any_site_may_frame_the_card_and_caches_see_it_public(
        self, client, formation, widget_format
    ):
        response = client.get(card_url(formation, widget_format))

        assert "X-Frame-Options" not in response.headers
        csp = response.headers["Content-Security-Policy"]
        assert "frame-ancestors *" in csp
        assert "'none'" not in csp.split("frame-ancestors")[1].split(";")[0]
        assert response.headers["Cache-Control"] == "public, max-age=300"
        assert "Set-Cookie" not in response.headers
        assert "Vary" not in response.headers or "Cookie" not in response.headers["Vary"]

    def test_the_rest_of_the_site_still_refuses_framing(self, client):
        response = client.get("/comment-fonctionnent-les-avis/")

        assert response.headers["X-Frame-Options"] == "DENY"
        assert "frame-ancestors 'none'" in response.headers["Content-Security-Policy"]

    def test_the_empty_page_may_be_framed_too(self, client):
        response = client.get("/widget/formations/inconnue/")

        assert "X-Frame-Options" not in response.headers
        assert "frame-ancestors *" in response.headers["Content-Security-Policy"]

    def test_only_get(self, client, formation):
        assert client.post(card_url(formation)).status_code == 405


class TestQueries:
    def test_list_format(self, client, formation, django_assert_num_queries):
        labels_forget()
        # The formation with its establishments and aggregate, the question labels (cached a
        # minute), its three latest published reviews.
        with django_assert_num_queries(3):
            client.get(card_url(formation, "list"))

    def test_score_format(self, client, formation, django_assert_num_queries):
        labels_forget()
        with django_assert_num_queries(2):
            client.get(card_url(formation, "score"))

    def test_below_the_threshold(self, client, settings, django_assert_num_queries):
        settings.SIRIUS_PUBLICATION_THRESHOLD = THRESHOLD
        formation = formation_below_threshold_create()
        with django_assert_num_queries(1):
            client.get(card_url(formation, "list"))


class TestWeight:
    def test_the_card_page_and_its_assets_stay_light(self, client, formation):
        """Partner pages show many cards: the HTML of a full card and its stylesheet and
        script together weigh under 8 KB."""
        page = client.get(card_url(formation, "list")).content
        assets = [
            b"".join(client.get(attrs["href"]).streaming_content)
            for attrs in elements(client.get(card_url(formation)), "link", rel="stylesheet")
        ] + [
            b"".join(client.get(attrs["src"]).streaming_content)
            for attrs in elements(client.get(card_url(formation)), "script")
        ]

        assert len(assets) == 2
        assert len(page) + sum(len(asset) for asset in assets) < 8_000
