"""A moderator opens an alert, takes it, closes it, then reads the indicators, in Debian's
Chromium driven by Playwright; axe-core scans each page."""

import pytest

from sirius.moderation.enums import AlertStatus
from sirius.moderation.models import Alert
from tests.browser import assert_accessible, requires_chromium

pytestmark = [pytest.mark.browser, requires_chromium, pytest.mark.django_db(transaction=True)]


def test_a_moderator_handles_an_alert_and_reads_the_indicators(
    browser_page, live_server, client, moderator, alert, reply, public_report
):
    client.force_login(moderator)
    page = browser_page
    page.context.add_cookies(
        [{"name": "sessionid", "value": client.cookies["sessionid"].value, "url": live_server.url}]
    )

    page.goto(f"{live_server.url}/gestion/moderation/alertes/")
    assert_accessible(page)
    page.get_by_role("link", name=f"Alerte n° {alert.pk}").click()
    page.wait_for_url(f"**/alertes/{alert.pk}/")
    assert_accessible(page)

    page.get_by_role("button", name="Me l'attribuer").click()
    assert page.get_by_text("L'alerte est attribuée à Maud Modo.").is_visible()
    page.get_by_role("button", name="Marquer comme traitée").click()
    assert page.get_by_role("alert").is_visible()  # the closing note is required
    assert_accessible(page)
    closing = page.get_by_label("Note de clôture (obligatoire)")
    closing.fill("Référent du CFA prévenu par téléphone.")
    page.get_by_role("button", name="Marquer comme traitée").click()
    assert page.get_by_role("heading", name="Alerte traitée").is_visible()
    assert Alert.objects.get(pk=alert.pk).status == AlertStatus.HANDLED

    page.goto(f"{live_server.url}/gestion/moderation/indicateurs/")
    caption = "Textes publiés ou refusés par tonalité (365 derniers jours)"
    assert page.get_by_role("table", name=caption).is_visible()
    assert_accessible(page)

    for queue in ("reponses", "signalements"):
        page.goto(f"{live_server.url}/gestion/moderation/{queue}/")
        assert_accessible(page)
