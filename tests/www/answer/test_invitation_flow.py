from datetime import timedelta
from unittest import mock

import pytest
from django.db import OperationalError
from django.utils import timezone

from sirius.audit.models import Event
from sirius.campaigns.enums import InvitationState
from sirius.moderation.enums import ModerationStatus
from sirius.responses.enums import Channel
from sirius.responses.models import Response, Verbatim
from tests.factories import CampaignFactory, invitation_create_for_test
from tests.responses.data import SECTION_POSTS, STORED_ANSWERS, VISIBLE_SECTIONS
from tests.www.answer.helpers import answer_everything, flat
from tests.www.public.html import elements, links, texts

pytestmark = pytest.mark.django_db


@pytest.fixture
def invited(campaign):
    invitation, token = invitation_create_for_test(campaign)
    return invitation, f"/r/{token}/"


class TestLanding:
    def test_says_who_asks_why_how_long_and_how_answers_are_used(self, client, invited):
        _invitation, url = invited
        response = client.get(url)

        assert response.status_code == 200
        assert texts(response, "h1") == ["Donne ton avis sur ta formation en apprentissage"]
        content = flat(response)
        for expected in [
            "Boulanger",
            "CFA du Pain",
            "Sirius est un service public",
            "centre de formation d’apprentis (on dit souvent « CFA »)",
            "environ 7 minutes",
            "Ton centre de formation ne saura pas qui a répondu",
            "5 apprentis au moins",
            "avis vérifié",
            "Nous publions les avis positifs comme négatifs",
            "nous ne changeons jamais tes mots",
            "Tu peux retirer ta réponse plus tard",
        ]:
            assert expected in content, expected
        assert links(response)["Tes données personnelles et tes droits"] == "/donnees-personnelles/"
        assert "Commencer" in texts(response, "button")


class TestFullFlow:
    def test_landing_sections_review_submit_thanks(
        self, client, invited, django_capture_on_commit_callbacks
    ):
        invitation, url = invited
        response = client.post(url)
        assert response["Location"] == f"{url}etape/situation/"

        steps = []
        next_url = response["Location"]
        for section_id in VISIBLE_SECTIONS:
            page = client.get(next_url)
            assert page.status_code == 200
            steps.append(" ".join(texts(page, "h1")))
            response = client.post(next_url, {**SECTION_POSTS[section_id], "action": "next"})
            assert response.status_code == 302
            next_url = response["Location"]
        assert steps[0] == "Ta situation Étape 1 sur 6"
        assert steps[-1] == "Avec tes mots Étape 6 sur 6"
        assert next_url == f"{url}relecture/"

        review = client.get(next_url)
        content = flat(review)
        assert "Je suis en formation en ce moment" in content
        assert "4 sur 5 — Bien" in content  # cfa_criteres cours
        assert "Les formateurs sont patients." in content
        assert "Envoyer" in texts(review, "button")

        with django_capture_on_commit_callbacks(execute=True) as callbacks:
            response = client.post(next_url)
        assert response["Location"] == f"{url}merci/"
        assert callbacks == []  # the analysis task is written in the same transaction

        stored = Response.objects.get()
        assert stored.channel == Channel.INVITATION
        assert stored.invitation == invitation
        assert stored.answers == STORED_ANSWERS
        assert stored.submitted_at is not None
        # Analysed at once in tests; nothing to flag, so both are published.
        assert list(Verbatim.objects.values_list("status", flat=True)) == [
            ModerationStatus.PUBLISHED,
            ModerationStatus.PUBLISHED,
        ]
        invitation.refresh_from_db()
        assert invitation.state == InvitationState.ANSWERED

        thanks = client.get(response["Location"])
        assert texts(thanks, "h1") == ["Merci, ta réponse est bien envoyée"]
        assert "5 apprentis au moins" in flat(thanks)
        assert links(thanks)["Retirer ma réponse"] == f"{url}retirer/"

    def test_interrupted_training_shows_the_arret_section(self, client, invited):
        _invitation, url = invited
        posts = {**SECTION_POSTS, "situation": {"situation": "interrompue", "annee_debut": "2024"}}
        review_url = answer_everything(
            client, url, posts, ["situation", "arret", *VISIBLE_SECTIONS[1:]]
        )

        client.post(review_url)

        answers = Response.objects.get().answers
        assert answers["raison_arret"] == {
            "choices": ["entreprise", "autre"],
            "other": "Déménagement",
        }

    def test_going_back_on_situation_hides_arret_and_drops_its_answer(self, client, invited):
        _invitation, url = invited
        client.post(url)
        client.post(
            f"{url}etape/situation/",
            {"situation": "interrompue", "annee_debut": "2024", "action": "next"},
        )
        client.post(f"{url}etape/arret/", {**SECTION_POSTS["arret"], "action": "next"})
        assert "raison_arret" in Response.objects.get().answers

        client.post(f"{url}etape/situation/", {**SECTION_POSTS["situation"], "action": "next"})

        assert "raison_arret" not in Response.objects.get().answers
        hidden = client.get(f"{url}etape/arret/")
        assert hidden.status_code == 302  # a hidden section is not shown


class TestSectionPage:
    def test_html_one_h1_a_fieldset_and_legend_per_question_and_emojis_hidden(
        self, client, invited
    ):
        _invitation, url = invited
        client.post(url)

        page = client.get(f"{url}etape/centre_formation/")

        assert len(texts(page, "h1")) == 1
        html = page.content.decode().split("<main", 1)[1].split("</main>", 1)[0]
        # the question's fieldset, then one fieldset per grid item
        assert html.count("<fieldset") == 1 + 6
        assert html.count("<legend") == 1 + 6
        assert 'aria-hidden="true">😍' in html
        assert html.count('type="radio"') == 30

    def test_errors_are_summarised_focused_and_tied_to_their_field(self, client, invited):
        _invitation, url = invited
        client.post(url)

        page = client.post(f"{url}etape/situation/", {"situation": "", "action": "next"})

        assert page.status_code == 200
        summary = elements(page, "div", id="erreurs")
        assert summary and summary[0]["tabindex"] == "-1" and "autofocus" in summary[0]
        assert links(page)["Où en es-tu dans cette formation ? : Choisis une réponse."] == (
            "#q-situation-1"
        )
        radios = elements(page, "input", name="situation")
        assert {radio["aria-describedby"] for radio in radios} == {"q-situation-erreur"}
        assert 'id="q-situation-erreur"' in page.content.decode()
        assert not Response.objects.get().answers

    def test_free_text_shows_its_maximum_length_and_keeps_too_long_text(self, client, invited):
        _invitation, url = invited
        answer_everything(client, url)
        long_text = "é" * 1501

        page = client.post(
            f"{url}etape/tes_mots/", {"commentaire_positif": long_text, "action": "next"}
        )

        assert page.status_code == 200
        content = flat(page)
        assert "1 500 caractères au plus." in content
        assert "Ton texte fait 1 501 caractères : 1 500 au plus." in content
        assert long_text in content

    def test_each_free_text_box_is_named_after_its_question(self, client, invited):
        _invitation, url = invited
        answer_everything(client, url)

        labels = texts(client.get(f"{url}etape/tes_mots/"), "label")

        for question in ("Qu'as-tu le plus aimé ?", "Qu'est-ce qui pourrait être mieux ?"):
            assert any(label.startswith(f"{question} : Ton texte") for label in labels), labels

    def test_previous_keeps_partial_answers_without_complaining(self, client, invited):
        _invitation, url = invited
        client.post(url)
        client.post(f"{url}etape/situation/", {**SECTION_POSTS["situation"], "action": "next"})

        response = client.post(
            f"{url}etape/recherche_entreprise/", {"recherche_facilite": "3", "action": "previous"}
        )

        assert response["Location"] == f"{url}etape/situation/"
        answers = Response.objects.get().answers
        assert answers["recherche_facilite"] == 3
        assert answers["recherche_aide_cfa"] is None

    def test_unknown_section_is_a_404(self, client, invited):
        _invitation, url = invited
        client.post(url)
        assert client.get(f"{url}etape/nimporte_quoi/").status_code == 404

    def test_landing_query_count_is_pinned(self, client, invited, django_assert_num_queries):
        _invitation, url = invited
        with django_assert_num_queries(3):  # the door, the first-visit mark, the version
            assert client.get(url).status_code == 200
        with django_assert_num_queries(1):  # the door only: the version is cached
            assert client.get(url).status_code == 200

    def test_query_count_is_pinned(self, client, invited, django_assert_num_queries):
        _invitation, url = invited
        client.post(url)
        with django_assert_num_queries(1):
            assert client.get(f"{url}etape/centre_formation/").status_code == 200
        # lookup, then in one transaction (a savepoint inside the test's): lock, save
        with django_assert_num_queries(5):
            client.post(f"{url}etape/situation/", {**SECTION_POSTS["situation"], "action": "next"})


class TestResumeAndReview:
    def test_leaving_and_coming_back_resumes_at_the_first_unanswered_section(self, client, invited):
        _invitation, url = invited
        client.post(url)
        client.post(f"{url}etape/situation/", {**SECTION_POSTS["situation"], "action": "next"})

        landing = client.get(url)

        resume = links(landing)["Reprendre là où tu t’es arrêté"]
        assert resume == f"{url}etape/recherche_entreprise/"
        assert client.post(url)["Location"] == resume
        back = client.get(f"{url}etape/situation/")
        checked = [e for e in elements(back, "input", name="situation") if "checked" in e]
        assert [e["value"] for e in checked] == ["en_cours"]

    def test_modify_from_review_comes_back_to_review(self, client, invited):
        _invitation, url = invited
        review_url = answer_everything(client, url)
        review = client.get(review_url)
        modify = [
            a["href"] for a in elements(review, "a") if a.get("href", "").endswith("?relecture=1")
        ]
        assert modify[0] == f"{url}etape/situation/?relecture=1"
        assert len(modify) == len(VISIBLE_SECTIONS)

        response = client.post(
            f"{url}etape/avis_general/?relecture=1",
            {"satisfaction_globale": "2", "recommandation": "non", "action": "next"},
        )

        assert response["Location"] == review_url
        assert "2 sur 5 — Peu satisfait" in flat(client.get(review_url))

    def test_review_refuses_to_send_an_incomplete_response(self, client, invited):
        _invitation, url = invited
        client.post(url)
        client.post(f"{url}etape/situation/", {**SECTION_POSTS["situation"], "action": "next"})

        review = client.get(f"{url}relecture/")
        assert "Envoyer" not in texts(review, "button")
        response = client.post(f"{url}relecture/")

        assert response["Location"] == f"{url}etape/recherche_entreprise/"
        assert Response.objects.get().submitted_at is None


class TestSubmitOnce:
    def test_double_submit_gives_one_response(self, client, invited):
        _invitation, url = invited
        review_url = answer_everything(client, url)

        first = client.post(review_url)
        second = client.post(review_url)

        assert first["Location"] == second["Location"] == f"{url}merci/"
        assert Response.objects.submitted().count() == 1
        assert Verbatim.objects.count() == 2

    def test_an_answered_invitation_says_so_and_offers_withdrawal(self, client, invited):
        _invitation, url = invited
        client.post(answer_everything(client, url))

        page = client.get(url)

        assert texts(page, "h1") == ["Tu as déjà répondu"]
        assert links(page)["Retirer ma réponse"] == f"{url}retirer/"
        assert client.get(f"{url}etape/situation/")["Location"] == url
        assert client.post(url)["Location"] == url


class TestRefusals:
    def test_unknown_expired_and_withdrawn_tokens_get_the_same_page(self, client, campaign):
        expired, expired_token = invitation_create_for_test(campaign)
        expired.expires_at = timezone.now() - timedelta(seconds=1)
        expired.save()
        _withdrawn, withdrawn_token = invitation_create_for_test(campaign)
        client.post(f"/r/{withdrawn_token}/")
        client.post(f"/r/{withdrawn_token}/retirer/")

        pages = [
            client.get(f"/r/{token}/")
            for token in ("x" * 43, expired_token, withdrawn_token, "court")
        ]

        assert {page.status_code for page in pages} == {404}
        bodies = {flat(page).split("<main", 1)[1].split("</main>", 1)[0] for page in pages}
        assert len(bodies) == 1
        assert texts(pages[0], "h1") == ["Ce lien ne fonctionne pas"]
        assert client.post(f"/r/{withdrawn_token}/").status_code == 404
        assert client.get(f"/r/{withdrawn_token}/etape/situation/").status_code == 404

    def test_closed_campaign_refuses_answers_with_a_clear_page(self, client):
        _invitation, token = invitation_create_for_test(CampaignFactory(closed=True))

        page = client.get(f"/r/{token}/")
        started = client.post(f"/r/{token}/")

        assert page.status_code == 410
        assert texts(page, "h1") == ["Ce questionnaire est fermé"]
        assert started.status_code == 410
        assert not Response.objects.exists()

    def test_not_yet_open_campaign_says_when_it_opens(self, client):
        campaign = CampaignFactory(not_yet_open=True)
        _invitation, token = invitation_create_for_test(campaign)

        page = client.get(f"/r/{token}/")

        assert page.status_code == 200
        assert texts(page, "h1") == ["Ce questionnaire n’est pas encore ouvert"]
        assert client.post(f"/r/{token}/").status_code == 200
        assert not Response.objects.exists()

    def test_campaign_that_closed_while_answering(self, client, invited):
        invitation, url = invited
        review_url = answer_everything(client, url)
        campaign = invitation.campaign
        campaign.opens_on = timezone.localdate() - timedelta(days=30)
        campaign.closes_on = timezone.localdate() - timedelta(days=1)
        campaign.save()

        assert client.post(review_url).status_code == 410
        assert Response.objects.get().submitted_at is None

    def test_invitation_link_of_a_campaign_without_invitations_does_not_work(self, client):
        campaign = CampaignFactory()
        _invitation, token = invitation_create_for_test(campaign)
        campaign.invitations_enabled = False
        campaign.save()

        assert client.get(f"/r/{token}/").status_code == 404


class TestWithdrawal:
    def test_withdraw_deletes_the_response_and_the_link_stops_working(self, client, invited):
        invitation, url = invited
        client.post(answer_everything(client, url))
        confirm = client.get(f"{url}retirer/")
        assert "Supprimer ma réponse" in texts(confirm, "button")

        response = client.post(f"{url}retirer/")

        assert response["Location"] == "/reponse-supprimee/"
        done = client.get(response["Location"])
        assert texts(done, "h1") == ["Ta réponse a été supprimée"]
        assert not Response.objects.exists()
        assert not Verbatim.objects.exists()
        event = Event.objects.get(verb="response.withdrawn")
        assert "patients" not in str(event.data) and "accroche" not in str(event.data)
        invitation.refresh_from_db()
        assert invitation.withdrawn_at is not None
        assert client.get(url).status_code == 404


class TestDatabaseFailure:
    def test_a_failed_save_shows_a_french_error_and_keeps_what_was_typed(self, client, invited):
        _invitation, url = invited
        answer_everything(client, url)

        with mock.patch(
            "sirius.www.answer.views.response_save_section",
            side_effect=OperationalError("database is down"),
        ):
            page = client.post(
                f"{url}etape/tes_mots/",
                {"commentaire_positif": "Mon texte précieux", "action": "next"},
            )

        assert page.status_code == 503
        content = flat(page)
        assert "Ta réponse n’a pas pu être enregistrée" in content
        assert "Mon texte précieux" in content

    def test_a_failed_submit_shows_a_french_error(self, client, invited):
        _invitation, url = invited
        review_url = answer_everything(client, url)

        with mock.patch(
            "sirius.www.answer.views.response_submit",
            side_effect=OperationalError("database is down"),
        ):
            page = client.post(review_url)

        assert page.status_code == 503
        assert "Ta réponse n’a pas pu être envoyée" in flat(page)
        assert Response.objects.get().submitted_at is None


class TestHelpAfterSubmitting:
    def _thanks(self, client, url, comment):
        tes_mots = {**SECTION_POSTS["tes_mots"], "commentaire_ameliorer": comment}
        review_url = answer_everything(client, url, {**SECTION_POSTS, "tes_mots": tes_mots})
        return client.get(client.post(review_url)["Location"])

    def test_a_text_suggesting_danger_puts_help_first(self, client, invited):
        _invitation, url = invited
        thanks = self._thanks(client, url, "Mon patron me frappe quand je me trompe.")

        content = flat(thanks)
        assert "Ce que tu as écrit nous inquiète" in content
        assert content.index("3114") < content.index("Et maintenant ?")
        assert "119" in content

    def test_otherwise_help_is_offered_after_the_rest(self, client, invited):
        _invitation, url = invited
        thanks = self._thanks(client, url, "Plus de pratique en atelier.")

        content = flat(thanks)
        assert "nous inquiète" not in content
        assert "Si ça ne va pas, tu peux en parler" in content
        assert content.index("Et maintenant ?") < content.index("3114")
