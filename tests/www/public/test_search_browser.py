"""Search results with scores, an establishment page and the transparency and accessibility
pages, in Debian's Chromium with an axe-core scan."""

import pytest

from sirius.stats.enums import Scope
from tests.browser import PHONE_VIEWPORT, assert_accessible, requires_chromium
from tests.factories import EstablishmentFactory, FormationFactory
from tests.www.public.aggregates import aggregate_create, scored

pytestmark = [pytest.mark.browser, requires_chromium]


@pytest.mark.django_db(transaction=True)
def test_a_visitor_ranks_results_by_score_and_reads_how_it_works(live_server, browser_page):
    cfa = EstablishmentFactory(enseigne="CFA Hôtellerie Lyon")

    def at_lyon(intitule, latitude):
        return FormationFactory(
            intitule=intitule,
            formateur=cfa,
            code_postal="69003",
            localite="Lyon",
            departement="69",
            latitude=latitude,
            longitude=4.85,
        )

    scored(at_lyon("CAP Pâtissier", 45.76), {5: 5})
    scored(at_lyon("CAP Cuisine", 45.77), {5: 120, 4: 80})
    at_lyon("CAP Boulanger", 45.75)
    aggregate_create(scope=Scope.ESTABLISHMENT, key=cfa.siret, notes={5: 125, 4: 80})

    page = browser_page
    page.goto(f"{live_server.url}/formations/?lieu=69003&rayon=30")
    assert_accessible(page)
    page.get_by_label("Trier par").select_option("note")
    page.get_by_role("button", name="Trier").click()
    page.wait_for_url("**tri=note*")
    assert_accessible(page)
    titles = page.locator(".fr-card__title").all_inner_texts()
    assert titles == ["CAP Cuisine", "CAP Pâtissier", "CAP Boulanger"]
    assert page.get_by_text("4,6/5 — 200 avis").is_visible()
    assert page.get_by_text("Pas encore assez d’avis").is_visible()

    page.set_viewport_size(PHONE_VIEWPORT)
    assert_accessible(page)
    page.get_by_role("link", name="Comment les formations sont classées").click()
    page.wait_for_url("**/comment-fonctionnent-les-avis/#classement")
    assert_accessible(page)
    assert page.get_by_role("heading", name="Comment les formations sont-elles classées ?")

    page.goto(f"{live_server.url}/etablissements/{cfa.siret}/")
    assert_accessible(page)
    assert page.get_by_text("4,6/5 — 205 avis").is_visible()

    page.goto(f"{live_server.url}/accessibilite/")
    assert_accessible(page)
    assert page.get_by_role("heading", level=1).inner_text() == "Déclaration d’accessibilité"
