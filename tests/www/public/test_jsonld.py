"""The formation page's schema.org JSON-LD: a Course, with its rating and reviews only above the
publication threshold, safe inside its <script> element."""

import json
import re

import pytest
from django.urls import reverse
from django.utils import timezone

from sirius.moderation.enums import ModerationStatus
from sirius.stats.read import labels_forget
from tests.factories import EstablishmentFactory, FormationFactory
from tests.www.public.formation_data import review_create, stats_refresh

THRESHOLD = 5
JSONLD = re.compile(
    r'<script type="application/ld\+json" nonce="([^"]+)">(.*?)</script>', re.DOTALL
)


@pytest.fixture(autouse=True)
def threshold(settings):
    settings.SIRIUS_PUBLICATION_THRESHOLD = THRESHOLD
    labels_forget()
    yield
    labels_forget()


@pytest.fixture
def formation(db):
    centre = EstablishmentFactory(
        raison_sociale="CFA des métiers de bouche",
        adresse="12 rue des Fours",
        code_postal="69003",
        localite="Lyon",
    )
    return FormationFactory(
        intitule="Pâtisserie", diplome="CAP", cfd="50022130", rncp="RNCP35316", formateur=centre
    )


def course_of(client, formation):
    stats_refresh()
    response = client.get(reverse("public:formation", args=[formation.cle_ministere_educatif]))
    scripts = JSONLD.findall(response.content.decode())
    assert len(scripts) == 1
    nonce, text = scripts[0]
    assert f"'nonce-{nonce}'" in response["Content-Security-Policy"]
    return json.loads(text)


def reviews(formation, count, **kwargs):
    return [
        review_create(formation, f"Avis numéro {n}.", rating=rating, days_ago=n + 1, **kwargs)
        for n, rating in zip(range(count), [5, 5, 4, 4, 3] * 3, strict=False)
    ]


def test_course_describes_the_formation_and_its_provider(client, formation):
    course = course_of(client, formation)

    assert course["@context"] == "https://schema.org"
    assert course["@type"] == "Course"
    assert course["name"] == "Pâtisserie"
    assert course["courseCode"] == "50022130"
    assert "CAP en apprentissage" in course["description"]
    assert course["url"].endswith(f"/formations/{formation.cle_ministere_educatif}/")
    provider = course["provider"]
    assert provider["@type"] == "EducationalOrganization"
    assert provider["name"] == formation.formateur.name
    assert provider["address"] == {
        "@type": "PostalAddress",
        "addressCountry": "FR",
        "streetAddress": "12 rue des Fours",
        "postalCode": "69003",
        "addressLocality": "Lyon",
    }


def test_course_code_falls_back_to_the_rncp_code(client, formation):
    formation.cfd = ""
    formation.save(update_fields=["cfd"])

    assert course_of(client, formation)["courseCode"] == "RNCP35316"


@pytest.mark.parametrize("count", [THRESHOLD - 1, THRESHOLD])
def test_rating_and_reviews_only_above_the_threshold(client, formation, count):
    reviews(formation, count)

    course = course_of(client, formation)

    if count < THRESHOLD:
        assert "aggregateRating" not in course and "review" not in course
    else:
        assert course["aggregateRating"] == {
            "@type": "AggregateRating",
            "ratingValue": 4.2,
            "ratingCount": THRESHOLD,
            "bestRating": 5,
            "worstRating": 1,
        }
        assert len(course["review"]) == THRESHOLD


def test_rating_value_is_rounded_to_one_decimal(client, formation):
    for n, rating in enumerate([5, 5, 4, 4, 4, 4]):  # mean 4.333…
        review_create(formation, f"Avis {n}.", rating=rating)

    rating = course_of(client, formation)["aggregateRating"]

    assert rating["ratingValue"] == 4.3 and rating["ratingCount"] == 6


def test_at_most_ten_reviews_newest_first_with_no_name_and_their_public_text(client, formation):
    reviews(formation, 11)
    masked = review_create(formation, "Merci Julie !", status=ModerationStatus.PUBLISHED_MASKED)
    masked.masked_text = "Merci [prénom] !"
    masked.save(update_fields=["masked_text"])

    items = course_of(client, formation)["review"]

    assert len(items) == 10
    first = items[0]
    assert first["@type"] == "Review"
    assert first["author"] == {"@type": "Person", "name": "Apprenti·e"}
    assert first["reviewBody"] == "Merci [prénom] !"
    assert first["datePublished"] == timezone.localdate(masked.published_at).isoformat()
    assert [item["reviewBody"] for item in items[1:3]] == ["Avis numéro 0.", "Avis numéro 1."]
    assert "Julie" not in json.dumps(items)


def test_the_same_reviews_whatever_order_or_page_the_visitor_chose(client, formation):
    reviews(formation, 12)
    stats_refresh()
    url = reverse("public:formation", args=[formation.cle_ministere_educatif])

    def bodies(**params):
        text = JSONLD.search(client.get(url, params).content.decode()).group(2)
        return [item["reviewBody"] for item in json.loads(text)["review"]]

    assert bodies(ordre="anciens") == bodies() == bodies(page=2)


def test_text_that_could_close_the_script_is_escaped(client, formation):
    formation.intitule = "Cuisine </script><script>alert(1)</script> & <!-- co"
    formation.save(update_fields=["intitule"])
    reviews(formation, THRESHOLD - 1)
    review_create(formation, "Top </script> & <b>gras</b>")

    stats_refresh()
    html = client.get(
        reverse("public:formation", args=[formation.cle_ministere_educatif])
    ).content.decode()
    text = JSONLD.search(html).group(2)

    assert "<" not in text and ">" not in text and "&" not in text
    course = json.loads(text)
    assert course["name"] == formation.intitule
    assert course["review"][0]["reviewBody"] == "Top </script> & <b>gras</b>"
