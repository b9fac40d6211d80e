"""An admin uploads a new version of the default questionnaire, previews it and publishes it, in
Debian's Chromium driven by Playwright; axe-core scans every page reached."""

import json

import pytest

from sirius.questionnaires.definition import default_definition
from sirius.questionnaires.models import QuestionnaireVersion
from tests.browser import assert_accessible, requires_chromium
from tests.factories import UserFactory

pytestmark = [pytest.mark.browser, requires_chromium, pytest.mark.django_db(transaction=True)]


def test_an_admin_uploads_previews_and_publishes_a_version(
    browser_page, live_server, client, tmp_path
):
    admin = UserFactory(admin=True)
    client.force_login(admin)
    page = browser_page
    page.context.add_cookies(
        [{"name": "sessionid", "value": client.cookies["sessionid"].value, "url": live_server.url}]
    )
    definition = default_definition()
    definition["sections"][-1]["questions"][0]["label"] = "Qu'as-tu préféré ?"
    path = tmp_path / "questionnaire.json"
    path.write_text(json.dumps(definition, ensure_ascii=False), encoding="utf-8")

    page.goto(f"{live_server.url}/gestion/questionnaires/")
    assert_accessible(page)
    page.get_by_role("link", name="Importer une nouvelle version").click()
    assert_accessible(page)

    invalid = tmp_path / "invalide.json"
    invalid.write_text('{"title": "T",}', encoding="utf-8")
    page.get_by_label("Fichier de la définition").set_input_files(str(invalid))
    page.get_by_role("button", name="Importer le fichier").click()
    assert page.get_by_role("alert").is_visible()
    assert "erreur de syntaxe ligne 1, colonne 15" in page.content()
    assert_accessible(page)

    page.get_by_label("Fichier de la définition").set_input_files(str(path))
    page.get_by_role("button", name="Importer le fichier").click()
    page.wait_for_url("**/versions/2/")
    assert page.get_by_role("heading", level=2, name="Aperçu").is_visible()
    assert page.get_by_role("group", name="Qu'as-tu préféré ?").is_visible()
    assert page.get_by_role("radio").first.is_disabled()
    assert_accessible(page)

    page.get_by_role("link", name="Publier cette version").click()
    assert_accessible(page)
    page.get_by_role("button", name="Publier cette version").click()
    page.wait_for_url("**/versions/2/")
    assert "La version 2 est publiée." in page.content()
    assert QuestionnaireVersion.objects.latest_published().number == 2
