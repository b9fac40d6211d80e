"""A visitor reads a formation's results and reviews, changes their order and finds earlier
years, in Debian's Chromium driven by Playwright, with an axe-core scan."""

import pytest

from sirius.moderation.enums import Theme, Tone
from tests.browser import assert_accessible, requires_chromium
from tests.factories import FormationFactory
from tests.www.public.formation_data import campaigns_in, review_create, stats_refresh

pytestmark = [pytest.mark.browser, requires_chromium, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def formation(settings):
    settings.SIRIUS_PUBLICATION_THRESHOLD = 5
    formation = FormationFactory(intitule="Pâtisserie", cfd="50022130")
    for n, rating in enumerate([5, 5, 4, 4, 3]):
        review_create(
            formation,
            f"Avis numéro {n}.",
            rating=rating,
            days_ago=n + 1,
            invitation=n == 4,
            themes=[(Theme.PEDAGOGIE, Tone.POSITIVE if n % 2 else Tone.NEGATIVE)],
        )
    campaigns_in(formation, 2025)
    earlier = FormationFactory(
        intitule="Pâtisserie",
        cfd=formation.cfd,
        code_postal=formation.code_postal,
        formateur=formation.formateur,
    )
    for n in range(5):
        review_create(earlier, f"Avis de l’an dernier {n}.")
    campaigns_in(earlier, 2024)
    stats_refresh()
    return formation


def test_a_visitor_reads_the_results_and_orders_the_reviews(live_server, browser_page, formation):
    page = browser_page
    page.goto(f"{live_server.url}/formations/{formation.cle_ministere_educatif}/")

    assert page.get_by_text("4,2/5").is_visible()
    assert page.get_by_role("heading", name="Répartition des notes").is_visible()
    assert page.get_by_role("heading", name="Les années précédentes").is_visible()
    assert page.get_by_text("Avis de l’an dernier 0.").is_visible()
    assert_accessible(page)

    page.get_by_label("Classer les avis").select_option("verifies")
    page.get_by_role("button", name="Classer").click()

    assert "ordre=verifies" in page.url
    first = page.locator("#avis article").first
    assert "Avis numéro 4." in first.inner_text()
    assert_accessible(page)


def test_below_the_threshold_the_page_says_what_is_missing(live_server, browser_page, db):
    formation = FormationFactory(intitule="Boulangerie")
    review_create(formation, "Un seul avis.")
    stats_refresh()
    page = browser_page
    page.goto(f"{live_server.url}/formations/{formation.cle_ministere_educatif}/")

    assert page.get_by_text("il en manque encore 4").is_visible()
    assert page.get_by_text("Un seul avis.").count() == 0
    assert_accessible(page)
