"""A visitor searches for a formation in Debian's Chromium, driven by Playwright."""

import pytest

from sirius.referentiel.enums import Niveau
from tests.browser import assert_accessible, requires_chromium
from tests.factories import EstablishmentFactory, FormationFactory

pytestmark = [pytest.mark.browser, requires_chromium]


@pytest.mark.django_db(transaction=True)
def test_a_visitor_searches_and_opens_a_formation(live_server, browser_page):
    formation = FormationFactory(
        intitule="Pâtissier",
        diplome="CAP",
        niveau=Niveau.CAP,
        code_postal="69003",
        localite="Lyon",
        departement="69",
        formateur=EstablishmentFactory(enseigne="CFA Hôtellerie Lyon"),
    )
    FormationFactory(intitule="Cuisine", diplome="CAP", localite="Paris")

    page = browser_page
    page.goto(live_server.url + "/")
    assert_accessible(page)
    assert page.locator("html").get_attribute("lang") == "fr"
    page.get_by_label("Diplôme ou métier").fill("patissier")
    page.get_by_label("Ville, code postal ou département").fill("lyon")
    page.get_by_role("button", name="Rechercher").click()

    page.wait_for_url("**/formations/?*")
    assert_accessible(page)
    assert page.get_by_role("heading", level=2, name="1 formation trouvée").is_visible()
    assert page.get_by_label("Diplôme ou métier").input_value() == "patissier"
    page.get_by_role("link", name="Pâtissier").click()

    page.wait_for_url(f"**/formations/{formation.cle_ministere_educatif}/")
    assert_accessible(page)
    assert page.get_by_role("heading", level=1).inner_text() == "Pâtissier"
    assert page.get_by_role("heading", name="Avis des apprentis", exact=True).is_visible()
    assert page.get_by_role("link", name="CFA Hôtellerie Lyon").is_visible()
