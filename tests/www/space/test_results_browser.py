"""A CFA reads a formation's results in Chromium, filters its comments; axe-core scans the pages."""

import pytest
from django.urls import reverse

from sirius.moderation.enums import Theme, Tone
from sirius.moderation.models import VerbatimTheme
from sirius.stats.read import labels_forget
from tests.browser import assert_accessible, requires_chromium
from tests.factories import FormationFactory, UserFactory, verbatim_create_for_test
from tests.www.space.results_data import responses_create

pytestmark = [pytest.mark.browser, requires_chromium, pytest.mark.django_db(transaction=True)]


def test_a_cfa_reads_its_results(browser_page, live_server, client, settings):
    settings.SIRIUS_PUBLICATION_THRESHOLD = 5
    labels_forget()
    formation = FormationFactory(intitule="CAP Boulanger", niveau=3)
    campaign = responses_create(formation, 6)
    verbatim = verbatim_create_for_test(
        "Des formateurs patients.", formation=formation, status="published"
    )
    VerbatimTheme.objects.create(verbatim=verbatim, theme=Theme.PEDAGOGIE, tone=Tone.POSITIVE)
    staff = UserFactory(establishments=[formation.formateur])
    observer = UserFactory(observer_national=True)
    client.force_login(staff)
    page = browser_page
    page.context.add_cookies(
        [{"name": "sessionid", "value": client.cookies["sessionid"].value, "url": live_server.url}]
    )

    page.goto(f"{live_server.url}{reverse('space:results')}")
    assert_accessible(page)
    page.get_by_role("link", name="CAP Boulanger").click()
    assert page.get_by_role("heading", name="Réponses question par question").is_visible()
    assert_accessible(page)
    page.get_by_label("Tonalité").select_option("negative")
    page.get_by_role("button", name="Filtrer").click()
    assert "Des formateurs patients." not in page.content()
    page.get_by_label("Tonalité").select_option("positive")
    page.get_by_role("button", name="Filtrer").click()
    assert "Des formateurs patients." in page.content()

    campaign_page = reverse("space:campaign_results", kwargs={"public_id": campaign.public_id})
    page.goto(f"{live_server.url}{campaign_page}")
    assert page.get_by_role("heading", name="Du questionnaire envoyé à la réponse").is_visible()
    assert_accessible(page)

    client.force_login(observer)
    page.context.clear_cookies()
    page.context.add_cookies(
        [{"name": "sessionid", "value": client.cookies["sessionid"].value, "url": live_server.url}]
    )
    page.goto(f"{live_server.url}{reverse('space:observer')}")
    assert page.get_by_role("heading", name="Satisfaction par niveau").is_visible()
    assert_accessible(page)
