import re

import pytest

pytestmark = pytest.mark.django_db

MAX_LOADER_BYTES = 5_000


def loader(client):
    return client.get("/widget.js")


def test_the_loader_is_served_as_cacheable_javascript(client):
    response = loader(client)

    assert response.status_code == 200
    assert response.headers["Content-Type"] == "text/javascript; charset=utf-8"
    assert response.headers["Cache-Control"] == "public, max-age=3600"
    assert response.headers["X-Content-Type-Options"] == "nosniff"
    assert "Set-Cookie" not in response.headers


def test_the_loader_is_small(client):
    assert len(loader(client).content) < MAX_LOADER_BYTES


def test_the_loader_needs_nothing_a_strict_csp_refuses(client):
    """No eval-like call, no markup parsed from strings, no style attribute or style sheet:
    a host page with `script-src <our host>` and no `unsafe-*` runs it (the browser test
    checks it too, in Chromium)."""
    source = loader(client).content.decode()

    for refused in (
        r"\beval\(",
        r"new Function",
        r"setTimeout\(\s*[\"']",
        r"innerHTML",
        r"insertAdjacentHTML",
        r"document\.write",
        r"setAttribute\(\s*[\"']style",
        r"createElement\(\s*[\"']style",
    ):
        assert not re.search(refused, source), refused


def test_the_loader_frames_the_card_url_of_its_own_origin(client):
    source = loader(client).content.decode()

    assert "document.currentScript" in source
    assert '"/widget/formations/" + encodeURIComponent(cle)' in source
    assert "event.origin !== origin" in source


def test_only_get(client):
    assert client.post("/widget.js").status_code == 405
