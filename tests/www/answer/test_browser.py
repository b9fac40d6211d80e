"""An apprentice answers the default questionnaire in Debian's Chromium, driven by Playwright.

Only what a person uses: labels, roles, the keyboard. axe-core scans every page reached.
"""

import re

import pytest

from sirius.campaigns.enums import InvitationState
from sirius.moderation.enums import ModerationStatus
from sirius.responses.enums import Channel, QualityFlag
from sirius.responses.models import Response
from tests.browser import PHONE_VIEWPORT, assert_accessible, requires_chromium
from tests.factories import invitation_create_for_test

pytestmark = [pytest.mark.browser, requires_chromium, pytest.mark.django_db(transaction=True)]

CFA_RATINGS = {
    "l'accueil": "Très bien",
    "les cours et les formateurs": "Bien",
    "les équipements (ateliers, salles, matériel)": "Moyen",
    "l'aide et le suivi qu'on te donne": "Bien",
    "l'organisation entre les semaines à l'école et en entreprise": "Mauvais",
    # "l'ambiance" is rated with the keyboard.
}
COMPANY_RATINGS = {
    "ton intégration dans l'équipe": "Bien",
    "ton maître d'apprentissage (la personne qui te forme)": "Très bien",
    "le lien entre tes tâches et le métier que tu apprends": "Moyen",
    "tes horaires et ta charge de travail": "Très mauvais",
}


def group(page, name):
    return page.get_by_role("group", name=name, exact=True)


def tick(page, control):
    """Click the label of a radio or checkbox, as a person does (DSFR draws the box on it)."""
    page.locator(f'label[for="{control.get_attribute("id")}"]').click()
    assert control.is_checked()


def choose(page, label, scope=None):
    tick(page, (scope or page).get_by_role("radio", name=label, exact=True))


def rate(page, ratings):
    for item, label in ratings.items():
        choose(page, label, scope=group(page, item))


def next_step(page):
    page.get_by_role("button", name="Suivant").click()


def heading(page):
    return " ".join(page.get_by_role("heading", level=1).inner_text().split())


def reach(page, path_end):
    # A fragment (#q-…, from an error link) survives each POST and its redirect: ignore it.
    page.wait_for_url(re.compile(re.escape(path_end) + r"(#.*)?$"))


def arrive(page, path_end, title):
    """Wait for a section page and check its heading; then scan it."""
    reach(page, path_end)
    assert heading(page).startswith(title), heading(page)
    assert_accessible(page)


def test_an_apprentice_answers_the_whole_questionnaire_on_a_phone(
    live_server, browser_page, campaign
):
    invitation, token = invitation_create_for_test(campaign)
    base = f"{live_server.url}/r/{token}/"
    page = browser_page
    page.set_viewport_size(PHONE_VIEWPORT)

    # The landing page says what this is about, then « Commencer ».
    page.goto(base)
    assert heading(page) == "Donne ton avis sur ta formation en apprentissage"
    assert page.get_by_text("Boulanger").first.is_visible()
    assert page.get_by_text("Avis vérifié", exact=True).is_visible()
    assert_accessible(page)
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE_VIEWPORT["width"]
    page.get_by_role("button", name="Commencer").click()

    # Ta situation: « Suivant » with nothing checked shows the errors, focused.
    arrive(page, "/etape/situation/", "Ta situation Étape 1 sur 6")
    next_step(page)
    page.wait_for_load_state()
    summary = page.get_by_role("heading", name="Il y a un problème dans tes réponses")
    assert summary.is_visible()
    assert page.evaluate("document.activeElement.id") == "erreurs"
    links = page.locator("#erreurs").get_by_role("link").all_inner_texts()
    assert links[0].startswith("Où en es-tu dans cette formation ? : "), links
    message = links[0].removeprefix("Où en es-tu dans cette formation ? : ")
    # The fieldset's name carries its error, so a screen reader reads both.
    question = page.get_by_role("group", name=f"Où en es-tu dans cette formation ? {message}")
    assert question.get_by_text(message).is_visible()
    assert_accessible(page)
    page.locator("#erreurs").get_by_role("link").first.click()
    assert page.url.endswith("#q-situation-1")

    # Stopping before the end makes the « arret » section appear; Enter submits the page.
    choose(page, "J'ai arrêté avant la fin")
    choose(page, "2024")
    page.keyboard.press("Enter")
    arrive(page, "/etape/arret/", "Ton arrêt de formation Étape 2 sur 7")
    tick(page, page.get_by_role("checkbox", name="Ça se passait mal dans l'entreprise"))
    tick(page, page.get_by_role("checkbox", name="Autre", exact=True))
    page.get_by_label("Si tu as coché « Autre », précise").fill("J'ai déménagé")
    next_step(page)

    arrive(page, "/etape/recherche_entreprise/", "Trouver ton entreprise Étape 3 sur 7")
    choose(page, "Difficile")
    choose(page, "Oui, un peu")
    next_step(page)

    # The centre: a grid, one row rated with the keyboard (Space, then arrows).
    arrive(page, "/etape/centre_formation/", "Ton centre de formation Étape 4 sur 7")
    rate(page, CFA_RATINGS)
    ambiance = group(page, "l'ambiance")
    ambiance.get_by_role("radio", name="Très mauvais", exact=True).focus()
    page.keyboard.press("Space")
    for _ in range(3):
        page.keyboard.press("ArrowRight")
    assert ambiance.get_by_role("radio", name="Bien", exact=True).is_checked()

    # « Précédent » keeps both this page's answers and the previous page's.
    page.get_by_role("button", name="Précédent").click()
    arrive(page, "/etape/recherche_entreprise/", "Trouver ton entreprise Étape 3 sur 7")
    assert page.get_by_role("radio", name="Difficile", exact=True).is_checked()
    assert page.get_by_role("radio", name="Oui, un peu", exact=True).is_checked()
    next_step(page)
    arrive(page, "/etape/centre_formation/", "Ton centre de formation Étape 4 sur 7")
    assert group(page, "l'accueil").get_by_role("radio", name="Très bien", exact=True).is_checked()
    assert group(page, "l'ambiance").get_by_role("radio", name="Bien", exact=True).is_checked()
    next_step(page)

    arrive(page, "/etape/entreprise/", "Ton entreprise Étape 5 sur 7")
    rate(page, COMPANY_RATINGS)
    next_step(page)

    arrive(page, "/etape/avis_general/", "Ton avis général Étape 6 sur 7")
    choose(page, "Satisfait")
    choose(page, "Oui", scope=group(page, "Recommanderais-tu cette formation ?"))
    next_step(page)

    arrive(page, "/etape/tes_mots/", "Avec tes mots Étape 7 sur 7")
    group(page, "Qu'as-tu le plus aimé ? Facultatif.").get_by_role("textbox").fill("Les ateliers.")
    conseil = "Quel conseil donnerais-tu à quelqu'un qui hésite à commencer cette formation ?"
    group(page, f"{conseil} Facultatif.").get_by_role("textbox").fill("Accroche-toi.")
    next_step(page)

    # The review page lists the answers; one « Modifier » link changes one.
    reach(page, "/relecture/")
    assert heading(page) == "Vérifie tes réponses"
    assert_accessible(page)
    main = page.get_by_role("main")
    for shown in ["J'ai arrêté avant la fin", "J'ai déménagé", "Les ateliers.", "Accroche-toi."]:
        assert main.get_by_text(shown).first.is_visible(), shown
    page.get_by_role("link", name="Modifier « Ton avis général »").click()
    arrive(page, "/etape/avis_general/?relecture=1", "Ton avis général Étape 6 sur 7")
    choose(page, "Peut-être")
    page.get_by_role("button", name="Enregistrer et revenir à la relecture").click()
    reach(page, "/relecture/")
    assert main.get_by_text("Peut-être").is_visible()
    assert_accessible(page)

    page.get_by_role("button", name="Envoyer").click()
    reach(page, "/merci/")
    assert heading(page) == "Merci, ta réponse est bien envoyée"
    assert page.get_by_role("link", name="Retirer ma réponse").is_visible()
    assert_accessible(page)

    response = Response.objects.get()
    assert response.is_submitted
    assert response.channel == Channel.INVITATION
    assert response.invitation_id == invitation.pk
    assert response.answers == {
        "situation": "interrompue",
        "annee_debut": "2024",
        "raison_arret": {"choices": ["entreprise", "autre"], "other": "J'ai déménagé"},
        "recherche_facilite": 2,
        "recherche_aide_cfa": "un_peu",
        "cfa_criteres": {
            "accueil": 5,
            "cours": 4,
            "equipements": 3,
            "accompagnement": 4,
            "rythme": 2,
            "ambiance": 4,
        },
        "entreprise_criteres": {
            "integration": 4,
            "maitre_apprentissage": 5,
            "taches": 3,
            "horaires": 1,
        },
        "satisfaction_globale": 4,
        "recommandation": "peut_etre",
        "commentaire_positif": "Les ateliers.",
        "commentaire_ameliorer": None,
        "commentaire_conseil": "Accroche-toi.",
    }
    assert sorted(response.verbatims.values_list("question_id", "text", "status")) == [
        ("commentaire_conseil", "Accroche-toi.", ModerationStatus.PUBLISHED),
        ("commentaire_positif", "Les ateliers.", ModerationStatus.PUBLISHED),
    ]
    invitation.refresh_from_db()
    assert invitation.state == InvitationState.ANSWERED


def test_the_open_link_resumes_in_the_same_browser(live_server, browser_page, campaign):
    base = f"{live_server.url}/c/{campaign.public_id}/"
    page = browser_page
    page.goto(base)
    assert page.get_by_text("Avis recueilli par le centre de formation", exact=True).is_visible()
    page.get_by_role("button", name="Commencer").click()
    reach(page, "/etape/situation/")
    choose(page, "Je suis en formation en ce moment")
    choose(page, "2025")
    next_step(page)
    reach(page, "/etape/recherche_entreprise/")
    choose(page, "Facile")
    # Closing the browser and opening it again: only the (persistent) cookies are kept.
    cookies = page.context.storage_state()
    page.close()  # left without « Suivant »: this page's choice is lost, the first page's kept
    page = page.context.browser.new_context(storage_state=cookies, locale="fr-FR").new_page()
    errors = []
    page.on("console", lambda message: message.type == "error" and errors.append(message.text))
    page.goto(base)
    page.get_by_role("link", name="Reprendre là où tu t’es arrêté").click()
    reach(page, "/etape/recherche_entreprise/")
    assert not page.get_by_role("radio", name="Facile", exact=True).is_checked()
    page.get_by_role("button", name="Précédent").click()
    reach(page, "/etape/situation/")
    assert page.get_by_role("radio", name="Je suis en formation en ce moment").is_checked()
    assert page.get_by_role("radio", name="2025").is_checked()
    next_step(page)

    reach(page, "/etape/recherche_entreprise/")
    choose(page, "Facile")
    choose(page, "Non")
    next_step(page)
    reach(page, "/etape/centre_formation/")
    rate(page, {**CFA_RATINGS, "l'ambiance": "Bien"})
    next_step(page)
    reach(page, "/etape/entreprise/")
    rate(page, COMPANY_RATINGS)
    next_step(page)
    reach(page, "/etape/avis_general/")
    choose(page, "Très satisfait")
    choose(page, "Oui", scope=group(page, "Recommanderais-tu cette formation ?"))
    next_step(page)
    reach(page, "/etape/tes_mots/")
    next_step(page)  # three optional texts left blank
    reach(page, "/relecture/")
    page.get_by_role("button", name="Envoyer").click()
    reach(page, "/merci/")
    assert heading(page) == "Merci, ta réponse est bien envoyée"
    assert not page.get_by_role("link", name="Retirer ma réponse").count()
    assert errors == [], "console errors on the reopened page"

    response = Response.objects.get()
    assert response.channel == Channel.OPEN_LINK
    assert response.invitation_id is None
    assert response.is_submitted
    assert response.answers["recherche_facilite"] == 4
    assert response.answers["satisfaction_globale"] == 5
    assert QualityFlag.TOO_FAST in response.quality_flags  # answered in a few seconds
    assert not response.verbatims.exists()
