"""A CFA creates campaigns for two formations, follows one up and closes it, in Debian's
Chromium driven by Playwright; axe-core scans every page reached."""

import os
from datetime import timedelta

import pytest
from django.utils import timezone

from sirius.campaigns.models import Campaign
from tests.browser import assert_accessible, requires_chromium
from tests.factories import FormationFactory, UserFactory, invitation_create_for_test

pytestmark = [pytest.mark.browser, requires_chromium, pytest.mark.django_db(transaction=True)]

# Set SIRIUS_SCREENSHOTS=/some/dir to keep screenshots of the pages for a visual check.
SCREENSHOTS = os.environ.get("SIRIUS_SCREENSHOTS", "")


def shot(page, name):
    if SCREENSHOTS:
        page.screenshot(path=os.path.join(SCREENSHOTS, f"{name}.png"), full_page=True)


def test_a_cfa_creates_follows_and_closes_campaigns(browser_page, live_server, client):
    bakery = FormationFactory(intitule="CAP Boulanger")
    FormationFactory(intitule="BTS Cuisine", formateur=bakery.formateur)
    FormationFactory(intitule="Bac pro Coiffure", formateur=bakery.formateur)
    FormationFactory(intitule="Formation d'un autre CFA")
    staff = UserFactory(establishments=[bakery.formateur])
    client.force_login(staff)
    page = browser_page
    page.context.add_cookies(
        [{"name": "sessionid", "value": client.cookies["sessionid"].value, "url": live_server.url}]
    )
    opens_on = timezone.localdate() + timedelta(days=2)

    page.goto(f"{live_server.url}/espace/campagnes/")
    assert_accessible(page)
    page.get_by_role("link", name="Créer des campagnes").click()
    assert "Formation d'un autre CFA" not in page.content()
    page.get_by_label("Nom de la campagne").fill("Promotion 2027")
    page.get_by_label("Date d'ouverture").fill(opens_on.isoformat())
    page.get_by_label("Date de fermeture").fill((opens_on + timedelta(days=30)).isoformat())
    page.get_by_label("Lien ouvert et QR code").check(force=True)
    page.get_by_label("Filtrer les formations").fill("boulanger")
    page.get_by_role("button", name="Filtrer la liste").click()
    assert page.get_by_label("Nom de la campagne").input_value() == "Promotion 2027"
    assert "BTS Cuisine" not in page.content()
    page.get_by_label("CAP Boulanger").check(force=True)
    page.get_by_label("Filtrer les formations").fill("cuisine")
    page.get_by_role("button", name="Filtrer la liste").click()
    page.get_by_label("BTS Cuisine").check(force=True)
    assert page.get_by_label("CAP Boulanger").is_checked()
    assert_accessible(page)
    shot(page, "create")
    page.get_by_role("button", name="Créer les campagnes").click()
    page.wait_for_url("**/espace/campagnes/")
    assert "2 campagnes sont créées." in page.content()
    assert Campaign.objects.filter(name="Promotion 2027").count() == 2
    assert_accessible(page)
    shot(page, "list")

    campaign = Campaign.objects.get(formation=bakery)
    for _ in range(3):
        invitation_create_for_test(campaign)
    page.get_by_role("link", name="Promotion 2027").first.click()
    page.goto(f"{live_server.url}/espace/campagnes/{campaign.public_id}/")
    assert "moins de 5 personnes auront répondu" in page.content()
    assert page.get_by_label("Lien à partager").input_value().endswith(f"/c/{campaign.public_id}/")
    assert_accessible(page)
    shot(page, "detail")

    page.get_by_role("link", name="Fermer la campagne").click()
    assert_accessible(page)
    page.get_by_role("button", name="Fermer la campagne maintenant").click()
    page.wait_for_url(f"**/espace/campagnes/{campaign.public_id}/")
    assert "elle ne reçoit plus de réponses" in page.content()
    campaign.refresh_from_db()
    assert campaign.closed_at is not None
