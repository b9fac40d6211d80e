"""A moderator works the queue with the keyboard in Debian's Chromium driven by Playwright."""

import pytest

from sirius.moderation.enums import ModerationStatus, RejectionReason
from tests.browser import assert_accessible, requires_chromium
from tests.factories import FormationFactory, UserFactory

from .texts import analysed_verbatim

pytestmark = [pytest.mark.browser, requires_chromium, pytest.mark.django_db(transaction=True)]


def test_a_moderator_publishes_and_rejects_with_shortcuts(browser_page, live_server, client):
    client.force_login(UserFactory(moderator=True))
    page = browser_page
    page.context.add_cookies(
        [{"name": "sessionid", "value": client.cookies["sessionid"].value, "url": live_server.url}]
    )
    formation = FormationFactory()
    first = analysed_verbatim("Les formateurs sont patients.", formation=formation)
    second = analysed_verbatim("Achetez mes baskets sur mon site.", formation=formation)
    third = analysed_verbatim(
        "Julie m'a bien aidé.", spans=[("name", "Julie")], formation=formation
    )

    page.goto(f"{live_server.url}/gestion/moderation/")
    assert page.get_by_role("heading", name="Raccourcis clavier").is_visible()
    assert_accessible(page)

    page.keyboard.press("j")
    assert page.evaluate("document.activeElement.id") == f"texte-{first.public_id}"
    assert "Texte 1 sur 3" in page.locator("[data-sirius-announce]").text_content()
    page.keyboard.press("p")
    page.wait_for_url(f"**/gestion/moderation/#texte-{second.public_id}")
    assert page.get_by_text("Le texte est publié.").is_visible()
    first.refresh_from_db()
    assert first.status == ModerationStatus.PUBLISHED
    # The next card has the focus: the shortcuts act on it.
    assert page.evaluate("document.activeElement.id") == f"texte-{second.public_id}"

    page.keyboard.press("r")
    reason = page.locator(f"#reason-{second.public_id}")
    assert page.evaluate("document.activeElement.id") == f"reason-{second.public_id}"
    reason.select_option(RejectionReason.SPAM.value)
    page.keyboard.press("Enter")
    page.wait_for_url(f"**/gestion/moderation/#texte-{third.public_id}")
    assert page.get_by_text("Le texte est refusé.").is_visible()
    second.refresh_from_db()
    assert (second.status, second.rejection_reason) == ("rejected", RejectionReason.SPAM)

    # Typing in a field is not a shortcut (« p » here does not publish).
    assert page.evaluate("document.activeElement.id") == f"texte-{third.public_id}"
    page.keyboard.press("n")
    page.keyboard.type("pas de souci")
    assert page.locator(f"#note-{third.public_id}").input_value() == "pas de souci"
    third.refresh_from_db()
    assert third.status == ModerationStatus.PENDING

    page.keyboard.press("Escape")
    page.keyboard.press("?")
    assert page.locator("[data-sirius-shortcuts-list]").is_hidden()
    assert_accessible(page)
    page.keyboard.press("?")
    assert page.locator("[data-sirius-shortcuts-list]").is_visible()

    page.keyboard.press("m")
    page.wait_for_url("**/gestion/moderation/")
    assert page.get_by_text("Le texte est publié avec masquage.").is_visible()
    third.refresh_from_db()
    assert third.status == ModerationStatus.PUBLISHED_MASKED
    assert third.masked_text == "[prénom] m'a bien aidé."
    assert third.decisions.get().note == "pas de souci"
