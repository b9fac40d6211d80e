"""The alerts list and detail: what a moderator reads, and each action's records."""

import html

import pytest
from django.urls import reverse

from sirius.audit.models import Event
from sirius.campaigns.models import Contact
from sirius.emails.models import Email
from sirius.moderation.alerting import alert_assign, alert_handle
from sirius.moderation.enums import AlertStatus, ModerationStatus
from sirius.moderation.models import Alert, AlertNote, ModerationDecision
from tests.factories import UserFactory, verbatim_create_for_test
from tests.www.public.html import texts

from .conftest import ALERT_TEXT

pytestmark = pytest.mark.django_db

LIST = reverse("backoffice:alert_list")


def page(response):
    return html.unescape(response.content.decode())


def url(name, alert):
    return reverse(f"backoffice:{name}", kwargs={"pk": alert.pk})


def other_alert(status=AlertStatus.OPEN, **fields):
    verbatim = verbatim_create_for_test(
        "On m'insulte tous les jours.", status=ModerationStatus.ALERT
    )
    return Alert.objects.create(verbatim=verbatim, kinds=["harassment"], status=status, **fields)


class TestList:
    def test_unhandled_first_oldest_first_then_handled(self, moderator_client, alert, moderator):
        handled = other_alert(status=AlertStatus.HANDLED, handled_at=alert.created_at)
        newer = other_alert(assigned_to=moderator, status=AlertStatus.IN_PROGRESS)

        response = moderator_client.get(LIST)

        assert [a.pk for a in response.context["page_obj"]] == [alert.pk, newer.pk, handled.pk]
        content = page(response)
        assert "Violence, menaces" in content and "Harcèlement" in content
        assert "Maud Modo" in content
        # The list never shows the text itself.
        assert "frappe" not in content

    def test_filters_by_status(self, moderator_client, alert):
        handled = other_alert(status=AlertStatus.HANDLED, handled_at=alert.created_at)

        response = moderator_client.get(LIST, {"status": "handled"})

        assert [a.pk for a in response.context["page_obj"]] == [handled.pk]

    def test_query_count_does_not_grow_with_alerts(
        self, moderator_client, alert, django_assert_num_queries
    ):
        for _ in range(3):
            other_alert()
        # session, user, count, page of alerts with their formation, CFA and assignee
        with django_assert_num_queries(4):
            assert moderator_client.get(LIST).status_code == 200


class TestDetail:
    def test_shows_the_text_its_context_and_reachability_without_the_address(
        self, moderator_client, alert
    ):
        response = moderator_client.get(url("alert_detail", alert))

        content = page(response)
        assert response.status_code == 200
        assert "<mark>Julie</mark>" in content
        assert "frappe" in content and "Violence, menaces" in content
        formation = alert.verbatim.response.formation
        assert formation.intitule in content and formation.formateur.name in content
        assert "75011 Paris" in content
        assert "Oui : il ou elle a répondu par une invitation personnelle" in content
        contact = alert.verbatim.response.invitation.contact
        assert contact.email not in content
        assert "Ce n'est pas une alerte" in texts(response, "h2")

    def test_an_open_link_answer_is_not_reachable(self, moderator_client):
        response = moderator_client.get(url("alert_detail", other_alert()))

        assert "Non : la réponse a été recueillie par le lien ouvert" in page(response)

    def test_a_purged_address_is_not_reachable(self, moderator_client, alert):
        contact = alert.verbatim.response.invitation.contact
        Contact.objects.filter(pk=contact.pk).update(purged_at=alert.created_at)

        response = moderator_client.get(url("alert_detail", alert))

        assert "Non : l'adresse e-mail de son invitation a été effacée." in page(response)

    def test_query_count(self, moderator_client, alert, moderator, django_assert_num_queries):
        alert_handle(alert=alert, actor=moderator, note="Appel au CFA fait.")
        # session, user, the alert with its text, formation, CFA, campaign and contact, notes,
        # events, decisions (a handled alert has no assign form, hence no list of moderators)
        with django_assert_num_queries(6):
            assert moderator_client.get(url("alert_detail", alert)).status_code == 200

    def test_query_count_of_an_open_alert(
        self, moderator_client, alert, moderator, django_assert_num_queries
    ):
        alert_assign(alert=alert, actor=moderator, assignee=moderator)
        # as above, plus the assignees named in events and the moderators of the assign form
        with django_assert_num_queries(8):
            assert moderator_client.get(url("alert_detail", alert)).status_code == 200


class TestActions:
    def test_assign_to_me_then_to_another_moderator_then_nobody(
        self, moderator_client, alert, moderator
    ):
        colleague = UserFactory(admin=True, first_name="Alex", last_name="Admin")

        response = moderator_client.post(url("alert_assign", alert), {"to_me": "1"})
        assert response.status_code == 302
        alert.refresh_from_db()
        assert (alert.assigned_to, alert.status) == (moderator, AlertStatus.IN_PROGRESS)

        moderator_client.post(url("alert_assign", alert), {"assignee": colleague.pk})
        alert.refresh_from_db()
        assert alert.assigned_to == colleague

        moderator_client.post(url("alert_assign", alert), {"assignee": ""})
        alert.refresh_from_db()
        assert alert.assigned_to is None
        assert Event.objects.filter(verb="alert.assigned").count() == 3
        detail = page(moderator_client.get(url("alert_detail", alert)))
        assert "Attribuée à Alex Admin" in detail and "Attribution retirée" in detail

    def test_cannot_assign_to_an_establishment_user(self, moderator_client, alert):
        response = moderator_client.post(url("alert_assign", alert), {"assignee": UserFactory().pk})

        assert response.status_code == 200
        alert.refresh_from_db()
        assert alert.assigned_to is None

    def test_add_a_note(self, moderator_client, alert, moderator):
        response = moderator_client.post(
            url("alert_annotate", alert), {"text": "CFA appelé, référent prévenu."}, follow=True
        )

        assert "La note est ajoutée." in page(response)
        assert AlertNote.objects.get(alert=alert).author == moderator
        assert "CFA appelé, référent prévenu." in page(response)

    def test_an_empty_note_is_refused(self, moderator_client, alert):
        response = moderator_client.post(url("alert_annotate", alert), {"text": "  "})

        assert response.status_code == 200
        assert "Écrivez la note avant de l'ajouter." in page(response)
        assert not AlertNote.objects.exists()

    def test_handle_needs_a_closing_note(self, moderator_client, alert):
        response = moderator_client.post(url("alert_handle", alert), {"note": ""})

        assert response.status_code == 200
        assert "Dites en une phrase ce qui a été fait" in page(response)
        alert.refresh_from_db()
        assert alert.status == AlertStatus.OPEN

    def test_handle_with_a_note(self, moderator_client, alert, moderator):
        moderator_client.post(url("alert_handle", alert), {"note": "Inspection du travail saisie."})

        alert.refresh_from_db()
        assert (alert.status, alert.handled_by) == (AlertStatus.HANDLED, moderator)
        assert alert.notes.get().text == "Inspection du travail saisie."
        assert Event.objects.filter(verb="alert.handled", object_id=str(alert.pk)).exists()
        # Handling twice is refused with the service's message.
        response = moderator_client.post(url("alert_handle", alert), {"note": "Encore"})
        assert response.status_code == 200
        assert "Cette alerte est déjà traitée." in page(response)

    def test_not_an_alert_publishes_the_text_and_closes_the_alert(
        self, moderator_client, alert, moderator
    ):
        response = moderator_client.post(
            url("alert_dismiss", alert),
            {"decision": "published_masked", "note": "Expression imagée, pas de violence."},
        )

        assert response.status_code == 302
        verbatim = alert.verbatim
        verbatim.refresh_from_db()
        assert verbatim.status == ModerationStatus.PUBLISHED_MASKED
        assert "[prénom]" in verbatim.masked_text and "Julie" not in verbatim.masked_text
        decision = ModerationDecision.objects.get(verbatim=verbatim)
        assert (decision.actor, decision.from_status) == (moderator, ModerationStatus.ALERT)
        alert.refresh_from_db()
        assert alert.status == AlertStatus.HANDLED
        assert alert.notes.get().text == "Fausse alerte : Expression imagée, pas de violence."

    def test_not_an_alert_needs_a_decision(self, moderator_client, alert):
        response = moderator_client.post(url("alert_dismiss", alert), {"note": "Rien de grave."})

        assert "Choisissez ce que devient le texte." in page(response)
        alert.verbatim.refresh_from_db()
        assert alert.verbatim.status == ModerationStatus.ALERT

    def test_not_an_alert_without_a_note_changes_nothing(self, moderator_client, alert):
        response = moderator_client.post(url("alert_dismiss", alert), {"decision": "published"})

        assert response.status_code == 200
        assert "Pour lever une alerte, expliquez pourquoi dans la note." in page(response)
        alert.verbatim.refresh_from_db()
        assert alert.verbatim.status == ModerationStatus.ALERT
        assert not ModerationDecision.objects.exists()

    def test_not_an_alert_rejected_needs_a_reason_and_emails_the_respondent_the_reason_only(
        self, moderator_client, alert
    ):
        data = {"decision": "rejected", "note": "Hors sujet, pas un danger."}
        response = moderator_client.post(url("alert_dismiss", alert), data)
        assert response.status_code == 200
        assert "Choisissez un motif de refus" in page(response)

        moderator_client.post(url("alert_dismiss", alert), {**data, "reason": "off_topic"})

        alert.verbatim.refresh_from_db()
        assert alert.verbatim.status == ModerationStatus.REJECTED
        email = Email.objects.get()
        assert email.to_address == alert.verbatim.response.invitation.contact.email
        # The moderators' pages and notes never reach the respondent.
        assert "/gestion/" not in email.body_text and "alerte" not in email.body_text.lower()
        assert ALERT_TEXT not in email.body_text
