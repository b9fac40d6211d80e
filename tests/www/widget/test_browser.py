"""A partner site embeds two widgets under a strict Content-Security-Policy, from another origin
than Sirius's: in Debian's Chromium driven by Playwright, with an axe-core scan of the card."""

import threading
from functools import partial
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import quote

import pytest
from playwright.sync_api import expect

from tests.browser import assert_accessible, requires_chromium

from .data import THRESHOLD, formation_below_threshold_create, formation_with_reviews_create

pytestmark = [pytest.mark.browser, requires_chromium, pytest.mark.django_db(transaction=True)]

DEFAULT_IFRAME_HEIGHT = 150
HOST_PAGE = """<!DOCTYPE html>
<html lang="fr">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy"
      content="default-src 'none'; script-src {sirius}; frame-src {sirius}; img-src 'self'">
<title>Centre de formation partenaire</title>
</head>
<body>
<main>
<h1>Nos formations</h1>
<h2>Pâtisserie</h2>
<div id="avec-avis" data-sirius-formation="{with_reviews}" data-format="list"></div>
<h2>Pâtisserie, autre site</h2>
<div id="note" data-sirius-formation="{other_with_reviews}"></div>
<h2>Boulangerie</h2>
<div id="sans-avis" data-sirius-formation="{without_reviews}"></div>
</main>
<script src="{sirius}/widget.js" async></script>
</body>
</html>
"""
# The partner's own listener: Playwright adds it before the page's scripts, outside its CSP.
EMPTY_LISTENER = """
window.siriusEmpty = [];
document.addEventListener("sirius:empty", (event) => {
  window.siriusEmpty.push({ formation: event.detail.formation, target: event.target.id });
});
"""


class QuietHandler(SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


@pytest.fixture
def partner_site(tmp_path):
    """A static site on its own port (another origin than the live server); yields its URL."""
    (tmp_path / "favicon.ico").write_bytes(b"")
    server = ThreadingHTTPServer(("127.0.0.1", 0), partial(QuietHandler, directory=str(tmp_path)))
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield tmp_path, f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()
    server.server_close()


def wait_until(page, expression, attempts=100):
    """Poll `expression` from Python: Playwright's `wait_for_function` polls with `eval`, which
    the partner page's strict CSP refuses (no 'unsafe-eval'); `page.evaluate` is not affected."""
    for _attempt in range(attempts):
        if page.evaluate(expression):
            return
        page.wait_for_timeout(100)
    raise AssertionError(f"still false after {attempts / 10:.0f} s: {expression}")


def test_a_partner_page_shows_a_sized_card_and_hears_about_an_empty_one(
    live_server, browser_page, partner_site, settings
):
    settings.SIRIUS_PUBLICATION_THRESHOLD = THRESHOLD
    with_reviews = formation_with_reviews_create(
        cle="084312P01213887534710005038875347100050-46130#L01"
    )
    other_with_reviews = formation_with_reviews_create()
    without_reviews = formation_below_threshold_create()
    site_dir, site_url = partner_site
    (site_dir / "index.html").write_text(
        HOST_PAGE.format(
            sirius=live_server.url,
            with_reviews=with_reviews.cle_ministere_educatif,
            other_with_reviews=other_with_reviews.cle_ministere_educatif,
            without_reviews=without_reviews.cle_ministere_educatif,
        ),
        encoding="utf-8",
    )
    page = browser_page
    page.add_init_script(EMPTY_LISTENER)

    page.goto(f"{site_url}/index.html")

    wait_until(page, "window.siriusEmpty.length === 1")
    assert page.evaluate("window.siriusEmpty") == [
        {"formation": without_reviews.cle_ministere_educatif, "target": "sans-avis"}
    ]
    assert page.locator("#sans-avis iframe").count() == 0

    iframe = page.locator("#avec-avis iframe")
    assert iframe.get_attribute("loading") == "lazy"
    card = page.frame_locator("#avec-avis iframe")
    # The frame loads after the host page: wait for it rather than reading it at once.
    expect(card.get_by_text("4,0/5")).to_be_visible()
    expect(card.get_by_text("Avis 3.")).to_be_visible()
    assert (
        card.get_by_role("link", name="Voir tous les avis sur Sirius").get_attribute("target")
        == "_blank"
    )
    wait_until(
        page,
        f"""() => {{
          const height = document.querySelector("#avec-avis iframe").getBoundingClientRect().height;
          return height > 100 && height !== {DEFAULT_IFRAME_HEIGHT};
        }}""",
    )
    frame = page.frame(url=lambda url: "/widget/formations/084312" in url)
    # The card may resize once more (fonts): give the frame a moment to fit its content.
    for _attempt in range(50):
        content_height = frame.evaluate("document.documentElement.getBoundingClientRect().height")
        if abs(iframe.bounding_box()["height"] - content_height) <= 1:
            break
        page.wait_for_timeout(100)
    assert abs(iframe.bounding_box()["height"] - content_height) <= 1
    # The score card is shorter, and each frame is titled after its formation and centre.
    wait_until(page, "document.querySelector('#note iframe').getBoundingClientRect().height > 100")
    assert page.locator("#note iframe").bounding_box()["height"] < content_height
    assert iframe.get_attribute("title") == (
        f"Avis des apprentis : Pâtisserie, {with_reviews.formateur.name} – Sirius"
    )
    assert page.locator("#note iframe").get_attribute("title") == (
        f"Avis des apprentis : Pâtisserie, {other_with_reviews.formateur.name} – Sirius"
    )
    assert_accessible(page)


def test_the_bare_card_is_accessible(live_server, browser_page, settings):
    settings.SIRIUS_PUBLICATION_THRESHOLD = THRESHOLD
    formation = formation_with_reviews_create()
    page = browser_page
    base = f"{live_server.url}/widget/formations/{quote(formation.cle_ministere_educatif)}/"

    page.goto(f"{base}?format=list")
    assert page.get_by_role("heading", name="Avis des apprentis").is_visible()
    assert_accessible(page)

    page.set_viewport_size({"width": 320, "height": 600})
    page.goto(f"{base}?format=score")
    assert_accessible(page)
