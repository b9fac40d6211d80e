"""The analysis tasks with the real analysers, from a submission through the answering services."""

from datetime import timedelta

import pytest
from django_tasks import TaskResultStatus
from django_tasks_db.management.commands.db_worker import Worker

from sirius.emails.dispatch import email_dispatch_once
from sirius.emails.enums import EmailKind, EmailStatus
from sirius.emails.models import Email
from sirius.moderation.decisions import proposed_spans, verbatim_moderate
from sirius.moderation.enums import AlertKind, ModerationStatus
from sirius.moderation.models import Alert, ModerationDecision
from sirius.moderation.tasks import reply_analyse, verbatims_analyse
from sirius.responses.models import Verbatim
from sirius.responses.services import response_withdraw
from tests.factories import CampaignFactory, UserFactory
from tests.moderation.submitting import invitation_with_contact, response_submit_with_text

DANGER = "mon patron me frappe quand je fais une erreur, j'ose plus y aller"
ADVICE = "Vas-y, les formateurs sont vraiment à l'écoute."
PERSONAL = (
    "Super formation grâce à Julien Moreau, écris-lui à julien.moreau@gmail.com "
    "ou appelle le 06 12 34 56 78."
)


@pytest.fixture(autouse=True)
def _settings(settings):
    settings.SIRIUS_ALERT_REFERENTS = ["referent@example.org"]
    settings.SIRIUS_MODERATION_AUTO_PUBLISH = True


def texts(response):
    return {v.question_id: v for v in Verbatim.objects.filter(response=response)}


@pytest.mark.django_db
class TestVerbatimsAnalyse:
    def test_a_submission_is_analysed_and_routed_text_by_text(self):
        campaign = CampaignFactory()
        response = response_submit_with_text(
            DANGER, campaign=campaign, invitation=invitation_with_contact(campaign), advice=ADVICE
        )

        danger, advice = (
            texts(response)["commentaire_positif"],
            texts(response)["commentaire_conseil"],
        )
        assert danger.status == ModerationStatus.ALERT
        assert AlertKind.VIOLENCE in Alert.objects.get(verbatim=danger).kinds
        assert advice.status == ModerationStatus.PUBLISHED
        assert advice.themes.filter(theme="pedagogie").exists()
        assert [e.to_address for e in Email.objects.all()] == ["referent@example.org"]

    def test_running_the_task_again_changes_nothing(self):
        response = response_submit_with_text(DANGER, campaign=CampaignFactory(), advice=ADVICE)
        decisions, emails = ModerationDecision.objects.count(), Email.objects.count()

        result = verbatims_analyse.enqueue(response.pk)

        assert (result.status, result.return_value) == (TaskResultStatus.SUCCESSFUL, 0)
        assert (ModerationDecision.objects.count(), Email.objects.count()) == (decisions, emails)
        assert Alert.objects.count() == 1

    def test_a_response_withdrawn_before_the_worker_ran_leaves_nothing_to_do(self, settings):
        settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}}
        campaign = CampaignFactory()
        invitation = invitation_with_contact(campaign)
        response = response_submit_with_text(DANGER, campaign=campaign, invitation=invitation)
        response_withdraw(invitation=invitation)
        settings.TASKS = {
            "default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}
        }

        result = verbatims_analyse.enqueue(response.pk)

        assert (result.status, result.return_value) == (TaskResultStatus.SUCCESSFUL, 0)
        assert not Alert.objects.exists() and not Email.objects.exists()

    def test_masking_the_proposed_spans_leaves_none_of_their_text(self):
        response = response_submit_with_text(PERSONAL, campaign=CampaignFactory())
        verbatim = texts(response)["commentaire_positif"]
        assert verbatim.status == ModerationStatus.PENDING
        spans = proposed_spans(verbatim)
        assert {span.kind for span in spans} >= {"name", "email", "phone"}

        verbatim_moderate(
            verbatim=verbatim,
            actor=UserFactory(moderator=True),
            to_status=ModerationStatus.PUBLISHED_MASKED,
        )

        verbatim.refresh_from_db()
        for span in spans:
            assert span.text not in verbatim.public_text
        for fragment in ("Moreau", "gmail", "56 78"):
            assert fragment not in verbatim.public_text
        assert verbatim.public_text.startswith("Super formation grâce à ")


@pytest.mark.django_db
def test_a_reply_gone_before_the_worker_ran_is_skipped():
    result = reply_analyse.enqueue(987654)

    assert (result.status, result.return_value) == (TaskResultStatus.SUCCESSFUL, False)


@pytest.mark.django_db(transaction=True)
def test_a_real_danger_text_reaches_the_referent_within_a_minute(settings, smtp_server):
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    settings.SIRIUS_EMAIL_RATE_PER_MINUTE = 0
    campaign = CampaignFactory()
    invitation = invitation_with_contact(campaign, first_name="Sofiane")
    response = response_submit_with_text(DANGER, campaign=campaign, invitation=invitation)

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
    email_dispatch_once(worker="test-email-worker")

    [message] = smtp_server.messages
    assert message["To"] == "referent@example.org"
    whole = message.as_string()
    for secret in ("Sofiane", invitation.contact.email, "frappe", "patron"):
        assert secret not in whole
    verbatim = texts(response)["commentaire_positif"]
    email = Email.objects.get(kind=EmailKind.ALERT)
    assert email.status == EmailStatus.SENT
    assert email.sent_at - verbatim.created_at < timedelta(seconds=60)
