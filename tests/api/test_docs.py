"""The OpenAPI document and Swagger UI, served from our own static files under our CSP."""

import pytest

from tests.browser import requires_chromium


def test_openapi_document_lists_every_endpoint(client, db):
    document = client.get("/api/v1/openapi.json").json()

    assert document["info"]["title"] == "API publique Sirius"
    assert set(document["paths"]) == {
        "/api/v1/formations",
        "/api/v1/formations/{cle_ministere_educatif}",
        "/api/v1/formations/{cle_ministere_educatif}/avis",
        "/api/v1/etablissements/{siret}",
    }
    detail = document["paths"]["/api/v1/formations/{cle_ministere_educatif}"]["get"]
    assert detail["security"][0] == {}  # the key is optional
    assert document["components"]["securitySchemes"]["ApiKeyOptional"]["name"] == "X-Api-Key"


def test_docs_page_loads_swagger_from_our_static_files(client, db):
    response = client.get("/api/v1/docs")

    assert response.status_code == 200
    html = response.content.decode()
    assert "/static/ninja/swagger-ui-bundle.js" in html
    assert "/static/ninja/swagger-ui.css" in html
    assert "cdn" not in html.lower()
    assert "script-src 'self'" in response["Content-Security-Policy"]


@pytest.mark.browser
@requires_chromium
@pytest.mark.django_db(transaction=True)
def test_swagger_ui_runs_under_our_csp(live_server, browser_page, settings):
    from .data import world_create

    settings.SIRIUS_PUBLICATION_THRESHOLD = 3
    world_create()
    page = browser_page
    requested = []
    page.on("request", lambda request: requested.append(request.url))

    page.goto(f"{live_server.url}/api/v1/docs")

    page.get_by_text("API publique Sirius").first.wait_for()
    page.get_by_text("/api/v1/formations/{cle_ministere_educatif}/avis").first.wait_for()
    # the browser_page fixture fails the test on any console error, CSP violations included
    assert all(url.startswith(live_server.url) for url in requested), requested
