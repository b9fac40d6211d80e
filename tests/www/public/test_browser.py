"""A visitor searches for a formation in Debian's Chromium, driven by Playwright."""

import os
import shutil

import pytest
from django.db import connection

from sirius.referentiel.enums import Niveau
from tests.factories import EstablishmentFactory, FormationFactory

CHROMIUM = "/usr/bin/chromium"

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(not shutil.which(CHROMIUM), reason="Chromium is not installed"),
]


@pytest.fixture
def page(monkeypatch):
    # Playwright's sync API runs an event loop in this thread; Django's async-unsafe check would
    # refuse the database queries of the test itself.
    monkeypatch.setitem(os.environ, "DJANGO_ALLOW_ASYNC_UNSAFE", "true")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox"])
        page = browser.new_page(viewport={"width": 1280, "height": 900})
        errors = []
        page.on("console", lambda message: message.type == "error" and errors.append(message.text))
        yield page
        browser.close()
    # A request thread of the live server may still hold its PostgreSQL session when the test
    # database is dropped ("accessed by other users"): end those sessions.
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT pg_terminate_backend(pid) FROM pg_stat_activity"
                " WHERE datname = current_database() AND pid <> pg_backend_pid()"
            )
    assert errors == [], "console errors (a CSP violation shows up here)"


@pytest.mark.django_db(transaction=True)
def test_a_visitor_searches_and_opens_a_formation(live_server, page):
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

    page.goto(live_server.url + "/")
    assert page.locator("html").get_attribute("lang") == "fr"
    page.get_by_label("Diplôme ou métier").fill("patissier")
    page.get_by_label("Ville, code postal ou département").fill("lyon")
    page.get_by_role("button", name="Rechercher").click()

    page.wait_for_url("**/formations/?*")
    assert page.get_by_role("heading", level=2, name="1 formation trouvée").is_visible()
    assert page.get_by_label("Diplôme ou métier").input_value() == "patissier"
    page.get_by_role("link", name="Pâtissier").click()

    page.wait_for_url(f"**/formations/{formation.cle_ministere_educatif}/")
    assert page.get_by_role("heading", level=1).inner_text() == "Pâtissier"
    assert page.get_by_role("heading", name="Avis des apprentis").is_visible()
    assert page.get_by_role("link", name="CFA Hôtellerie Lyon").is_visible()
