"""A visitor reads a formation's reviews, reports one and reads how reviews work; a CFA answers
one. In Debian's Chromium driven by Playwright, with an axe-core scan of every page reached."""

import pytest

from sirius.moderation.enums import ModerationStatus
from sirius.moderation.models import EstablishmentReply, Report
from sirius.stats.recompute import aggregates_recompute
from tests.browser import assert_accessible, requires_chromium
from tests.factories import FormationFactory, UserFactory, verbatim_create_for_test
from tests.www.reviews_data import reviews_create

pytestmark = [pytest.mark.browser, requires_chromium, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def formation(settings):
    settings.SIRIUS_PUBLICATION_THRESHOLD = 3
    formation = FormationFactory(intitule="Pâtisserie")
    reviews_create(formation, 2, text="Bonne ambiance dans la promo {n}.")
    review = verbatim_create_for_test(
        "Les formateurs sont passionnés.",
        formation=formation,
        invitation=True,
        status=ModerationStatus.PUBLISHED,
    )
    EstablishmentReply.objects.create(
        verbatim=review,
        establishment=formation.formateur,
        text="Merci pour votre retour.",
        status=ModerationStatus.PUBLISHED,
        published_at=review.published_at,
    )
    aggregates_recompute()
    return formation


def test_a_visitor_reads_and_reports_a_review(live_server, browser_page, formation):
    page = browser_page
    page.goto(f"{live_server.url}/formations/{formation.cle_ministere_educatif}/")
    assert_accessible(page)
    assert page.get_by_text("Les formateurs sont passionnés.").is_visible()
    assert page.get_by_text("Merci pour votre retour.").is_visible()

    page.get_by_role("link", name="Signaler cet avis").first.click()
    page.wait_for_url("**/signaler/")
    assert_accessible(page)
    page.get_by_role("button", name="Envoyer le signalement").click()
    assert page.get_by_role("alert").is_visible()
    assert_accessible(page)  # with the error messages
    page.get_by_label("Propos injurieux ou diffamatoires").check(force=True)
    page.get_by_label("Expliquez ce qui pose problème").fill("Un formateur y est insulté.")
    page.get_by_label("Je déclare de bonne foi").check(force=True)
    page.get_by_role("button", name="Envoyer le signalement").click()

    page.wait_for_url("**/signaler/merci/")
    assert_accessible(page)
    assert Report.objects.get().explanation == "Un formateur y est insulté."
    page.get_by_role("link", name="Comment fonctionnent les avis").first.click()
    page.wait_for_url("**/comment-fonctionnent-les-avis/")
    assert_accessible(page)
    assert page.get_by_role("heading", name="Pourquoi un avis peut-il être refusé ?").is_visible()


def test_a_cfa_answers_a_review_with_a_live_counter(live_server, browser_page, formation, client):
    staff = UserFactory(establishments=[formation.formateur])
    client.force_login(staff)
    page = browser_page
    page.context.add_cookies(
        [{"name": "sessionid", "value": client.cookies["sessionid"].value, "url": live_server.url}]
    )

    page.goto(f"{live_server.url}/espace/avis/")
    assert_accessible(page)
    page.get_by_role("link", name="Répondre à cet avis sur Pâtisserie").first.click()
    page.wait_for_url("**/repondre/")
    assert_accessible(page)
    page.get_by_label("Votre réponse").fill("Merci, à bientôt !")
    assert page.get_by_text("18 caractères sur 1000").is_visible()
    page.get_by_role("button", name="Envoyer la réponse").click()

    page.wait_for_url("**/espace/avis/")
    assert page.get_by_text("Votre réponse est envoyée.").is_visible()
    assert_accessible(page)
    assert EstablishmentReply.objects.filter(author=staff).exists()
