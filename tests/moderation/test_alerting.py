from datetime import timedelta

import pytest
from django.conf import settings as django_settings
from django.urls import reverse
from django.utils import timezone
from django_tasks_db.management.commands.db_worker import Worker

from sirius.audit.models import Event
from sirius.campaigns.models import Contact
from sirius.emails.dispatch import email_dispatch_once
from sirius.emails.enums import EmailKind, EmailStatus
from sirius.emails.models import Email
from sirius.moderation.alerting import (
    AlertError,
    alert_annotate,
    alert_assign,
    alert_handle,
    alert_raise,
)
from sirius.moderation.decisions import verbatim_moderate
from sirius.moderation.enums import AlertKind, AlertStatus, ModerationStatus
from sirius.moderation.models import Alert
from sirius.moderation.routing import verbatim_analyse
from sirius.responses.models import Verbatim
from tests.factories import (
    CampaignFactory,
    FormationFactory,
    UserFactory,
    verbatim_create_for_test,
)
from tests.moderation.fakes import fake_analysis  # noqa: F401  (fixture)
from tests.moderation.submitting import invitation_with_contact, response_submit_with_text

DANGER = "Mon patron me frappe quand je me trompe, j'ai peur d'y retourner."
REFERENTS = ["referent-nord@example.org", "referent-sud@example.org"]


@pytest.fixture(autouse=True)
def _referents(settings):
    settings.SIRIUS_ALERT_REFERENTS = list(REFERENTS)


@pytest.fixture
def moderator():
    return UserFactory(moderator=True)


@pytest.fixture
def alert(db):
    return alert_raise(verbatim=verbatim_create_for_test(DANGER), kinds=[AlertKind.VIOLENCE])


def reloaded(obj):
    obj.refresh_from_db()
    return obj


@pytest.mark.django_db
class TestRaise:
    def test_each_referent_gets_one_email_when_the_alert_is_created(self, alert):
        emails = Email.objects.filter(kind=EmailKind.ALERT)
        assert sorted(emails.values_list("to_address", flat=True)) == REFERENTS
        assert Event.objects.filter(verb="alert.raised", object_id=str(alert.pk)).count() == 1

    def test_raising_it_again_returns_the_same_alert_and_sends_nothing_more(self, alert):
        again = alert_raise(verbatim=alert.verbatim, kinds=[AlertKind.HARASSMENT])

        assert again.pk == alert.pk
        assert reloaded(alert).kinds == [AlertKind.VIOLENCE]
        assert Email.objects.count() == len(REFERENTS)
        assert Event.objects.filter(verb="alert.raised").count() == 1

    def test_no_referent_configured_no_email(self, settings):
        settings.SIRIUS_ALERT_REFERENTS = []

        alert_raise(verbatim=verbatim_create_for_test(DANGER), kinds=[AlertKind.VIOLENCE])

        assert not Email.objects.exists()


@pytest.mark.django_db
@pytest.mark.usefixtures("fake_analysis")
def test_the_referent_email_names_the_formation_and_links_to_the_alert_but_not_the_apprentice():
    formation = FormationFactory(intitule="Cuisinier en desserts de restaurant")
    verbatim = verbatim_create_for_test(
        "Mon patron Kevin me frappe, écris-moi à sos.melissa@example.org",
        formation=formation,
        invitation=True,
    )
    contact = verbatim.response.invitation.contact
    Contact.objects.filter(pk=contact.pk).update(first_name="Mélissa")

    verbatim_analyse(verbatim)

    alert = Alert.objects.get(verbatim=verbatim)
    link = django_settings.SITE_URL + reverse("backoffice:alert_detail", kwargs={"pk": alert.pk})
    for email in Email.objects.filter(kind=EmailKind.ALERT):
        whole = f"{email.subject}\n{email.body_text}\n{email.body_html}"
        assert "Cuisinier en desserts de restaurant" in email.body_text
        assert formation.formateur.name in email.body_text
        assert link in email.body_text and link in email.body_html
        assert "violence" in email.body_text.lower()
        for secret in (contact.email, "Mélissa", "Kevin", "frappe", "sos.melissa", "patron"):
            assert secret not in whole


@pytest.mark.django_db
class TestFollowUp:
    def test_assigning_puts_an_open_alert_in_progress(self, alert, moderator):
        alert_assign(alert=alert, actor=moderator, assignee=moderator)

        alert = reloaded(alert)
        assert (alert.status, alert.assigned_to) == (AlertStatus.IN_PROGRESS, moderator)
        event = Event.objects.get(verb="alert.assigned")
        assert (event.actor, event.data) == (moderator, {"assignee": moderator.pk})

    def test_unassigning_keeps_it_in_progress(self, alert, moderator):
        alert_assign(alert=alert, actor=moderator, assignee=moderator)
        alert_assign(alert=alert, actor=moderator, assignee=None)

        alert = reloaded(alert)
        assert (alert.status, alert.assigned_to) == (AlertStatus.IN_PROGRESS, None)

    def test_notes_are_kept_in_order_and_an_empty_note_is_refused(self, alert, moderator):
        alert_annotate(alert=alert, actor=moderator, text="  Appel au CFA, référent absent. ")
        alert_annotate(alert=alert, actor=moderator, text="Rappel demain matin.")
        with pytest.raises(AlertError):
            alert_annotate(alert=alert, actor=moderator, text="   ")

        assert list(alert.notes.values_list("text", "author")) == [
            ("Appel au CFA, référent absent.", moderator.pk),
            ("Rappel demain matin.", moderator.pk),
        ]
        assert Event.objects.filter(verb="alert.annotated").count() == 2

    def test_handling_needs_a_closing_note_and_happens_once(self, alert, moderator):
        with pytest.raises(AlertError, match="ce qui a été fait"):
            alert_handle(alert=alert, actor=moderator, note=" ")
        assert reloaded(alert).status == AlertStatus.OPEN

        now = timezone.now()
        alert_handle(
            alert=alert, actor=moderator, note="Signalé à l'inspection du travail.", now=now
        )

        alert = reloaded(alert)
        assert (alert.status, alert.handled_at, alert.handled_by) == (
            AlertStatus.HANDLED,
            now,
            moderator,
        )
        assert alert.notes.get().text == "Signalé à l'inspection du travail."
        with pytest.raises(AlertError, match="déjà traitée"):
            alert_handle(alert=alert, actor=moderator, note="Encore.")
        with pytest.raises(AlertError, match="déjà traitée"):
            alert_assign(alert=alert, actor=moderator, assignee=moderator)
        assert Event.objects.filter(verb="alert.handled").count() == 1

    def test_handling_an_alert_never_publishes_the_text(self, alert, moderator):
        alert_handle(alert=alert, actor=moderator, note="Apprenti rappelé, il est en sécurité.")

        assert not Verbatim.objects.published().exists()

    def test_taking_the_text_out_of_alert_closes_the_alert_as_a_false_alarm(self, moderator):
        verbatim = verbatim_create_for_test("Le film parle d'un patron qui frappe.")
        verbatim_moderate(verbatim=verbatim, actor=moderator, to_status=ModerationStatus.ALERT)
        alert = Alert.objects.get(verbatim=verbatim)

        verbatim_moderate(
            verbatim=verbatim,
            actor=moderator,
            to_status=ModerationStatus.PUBLISHED,
            note="Il parle d'un film.",
        )

        alert = reloaded(alert)
        assert alert.status == AlertStatus.HANDLED
        assert alert.handled_by == moderator
        assert [note.text for note in alert.notes.all()] == ["Fausse alerte : Il parle d'un film."]
        assert Event.objects.filter(verb="alert.dismissed").count() == 1


@pytest.mark.django_db(transaction=True)
@pytest.mark.usefixtures("fake_analysis")
def test_the_referent_is_emailed_within_a_minute_of_the_submission(settings, smtp_server):
    """The whole path as in production: submit, the task worker, then the email worker."""
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    settings.SIRIUS_ALERT_REFERENTS = ["referent@example.org"]
    settings.SIRIUS_EMAIL_RATE_PER_MINUTE = 0
    invitation = invitation_with_contact(CampaignFactory(), first_name="Mélissa")

    response = response_submit_with_text(
        DANGER, campaign=invitation.campaign, invitation=invitation
    )
    verbatim = Verbatim.objects.get(response=response, question_id="commentaire_positif")
    assert verbatim.status == ModerationStatus.PENDING  # nothing ran yet: the task is queued

    Worker(
        queue_names=["*"],
        interval=0,
        batch=True,
        backend_name="default",
        startup_delay=False,
        max_tasks=None,
        worker_id="test-worker",
        excluded_queue_names=[],
    ).run()
    assert reloaded(verbatim).status == ModerationStatus.ALERT
    email_dispatch_once(worker="test-email-worker")

    [message] = smtp_server.messages
    assert message["To"] == "referent@example.org"
    assert "danger" in message["Subject"]
    body = message.get_body(preferencelist=("plain",)).get_content()
    assert "frappe" not in body and "Mélissa" not in body
    email = Email.objects.get(kind=EmailKind.ALERT)
    assert email.status == EmailStatus.SENT
    assert email.sent_at - verbatim.created_at < timedelta(seconds=60)
