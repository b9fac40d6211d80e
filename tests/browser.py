"""Browser tests: Playwright driving Debian's Chromium, with an axe-core accessibility scan.

Use the `browser_page` fixture (a page at desktop size; call `browser_page.set_viewport_size()` for
a phone) with pytest-django's `live_server`, and `assert_accessible(page)` on each page reached.
"""

import os
import shutil

import pytest
from django.db import connection

CHROMIUM = "/usr/bin/chromium"
PHONE_VIEWPORT = {"width": 360, "height": 740}
BLOCKING_IMPACTS = {"serious", "critical"}

requires_chromium = pytest.mark.skipif(
    not shutil.which(CHROMIUM), reason="Chromium is not installed (bin/install_system_packages)"
)


@pytest.fixture
def browser_page(monkeypatch, request):
    # Playwright's sync API runs an event loop in this thread; Django's async-unsafe check would
    # refuse the database queries of the test itself.
    monkeypatch.setitem(os.environ, "DJANGO_ALLOW_ASYNC_UNSAFE", "true")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM,
            args=["--no-sandbox", "--disable-background-networking", "--disable-component-update"],
        )
        page = browser.new_page(viewport={"width": 1280, "height": 900}, locale="fr-FR")
        errors = []
        page.on("console", lambda message: message.type == "error" and errors.append(message.text))
        yield page
        # Playwright's sync API runs the test in a greenlet with its own context, hence its own
        # Django connection: close it here, or the pg_terminate_backend below kills it while a
        # later browser test of this process still holds it ("terminating connection").
        connection.close()
        browser.close()
    # A request thread of the live server may still hold its PostgreSQL session when the test
    # database is dropped ("accessed by other users"): end those sessions.
    if "live_server" in request.fixturenames and connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT pg_terminate_backend(pid) FROM pg_stat_activity"
                " WHERE datname = current_database() AND pid <> pg_backend_pid()"
            )
    assert errors == [], "console errors (a CSP violation shows up here)"


def assert_accessible(page):
    """No serious or critical axe-core violation on the page as it is now."""
    from axe_playwright_python.sync_playwright import Axe

    violations = Axe().run(page).response["violations"]
    blocking = [
        f"{violation['id']} ({violation['impact']}): {violation['help']} — "
        + ", ".join(node["target"][0] for node in violation["nodes"][:3])
        for violation in violations
        if violation["impact"] in BLOCKING_IMPACTS
    ]
    assert blocking == [], f"accessibility violations on {page.url}:\n" + "\n".join(blocking)
