from datetime import datetime
from zoneinfo import ZoneInfo

import pytest
from django.conf import settings
from django.urls import reverse
from django.utils import timezone

from sirius.campaigns.models import Contact
from sirius.emails.enums import EmailKind
from sirius.emails.models import Email
from sirius.moderation.decisions import reply_moderate, verbatim_moderate
from sirius.moderation.enums import ModerationStatus, RejectionReason, ReportReason, ReportStatus
from sirius.moderation.models import EstablishmentReply, Report
from sirius.moderation.notifications import rejection_queue
from sirius.moderation.reports import (
    report_create_by_establishment,
    report_create_by_public,
    report_resolve,
)
from sirius.moderation.routing import verbatim_analyse
from tests.factories import UserFactory, verbatim_create_for_test
from tests.moderation.fakes import analysed, fake_analysis  # noqa: F401  (fixture)

pytestmark = pytest.mark.django_db


def how_reviews_work():
    return settings.SITE_URL + reverse("public:how_reviews_work")


@pytest.fixture
def moderator():
    return UserFactory(moderator=True)


def reject(verbatim, actor, reason=RejectionReason.ABUSIVE):
    return verbatim_moderate(verbatim=verbatim, actor=actor, to_status="rejected", reason=reason)


class TestRejectionEmail:
    def test_an_invited_respondent_is_told_why_in_plain_words(self, moderator):
        verbatim = analysed(verbatim_create_for_test("Texte insultant.", invitation=True))
        address = verbatim.response.invitation.contact.email

        reject(verbatim, moderator, RejectionReason.OFF_TOPIC)

        email = Email.objects.get()
        assert (email.to_address, email.kind) == (address, EmailKind.MODERATION_NOTICE)
        assert "Hors sujet" in email.body_text
        link = how_reviews_work()
        assert link in email.body_text and link in email.body_html
        assert verbatim.response.formation.intitule in email.body_text
        assert "ton commentaire" in email.body_text.lower()  # tutoiement
        assert "vous" not in email.body_text.lower()

    def test_publication_and_masking_send_nothing(self, moderator):
        verbatim = analysed(verbatim_create_for_test("Merci Julie !", invitation=True))

        verbatim_moderate(verbatim=verbatim, actor=moderator, to_status="published_masked")
        verbatim_moderate(verbatim=verbatim, actor=moderator, to_status="published")

        assert not Email.objects.exists()

    def test_an_open_link_answer_has_nobody_to_tell(self, moderator):
        reject(verbatim_create_for_test("Texte.", invitation=False), moderator)

        assert not Email.objects.exists()

    def test_nobody_is_told_once_the_roster_was_purged(self, moderator):
        verbatim = verbatim_create_for_test("Texte.", invitation=True)
        Contact.objects.filter(pk=verbatim.response.invitation.contact_id).update(
            email="", purged_at=timezone.now()
        )

        reject(verbatim, moderator)

        assert not Email.objects.exists()

    def test_a_purge_date_alone_is_enough_to_keep_silent(self, moderator):
        verbatim = verbatim_create_for_test("Texte.", invitation=True)
        Contact.objects.filter(pk=verbatim.response.invitation.contact_id).update(
            purged_at=timezone.now()
        )

        reject(verbatim, moderator)

        assert not Email.objects.exists()

    def test_a_contact_without_email_is_not_told(self, moderator):
        verbatim = verbatim_create_for_test("Texte.", invitation=True)
        Contact.objects.filter(pk=verbatim.response.invitation.contact_id).update(
            email="", phone="0612345678"
        )

        reject(verbatim, moderator)

        assert not Email.objects.exists()

    @pytest.mark.usefixtures("fake_analysis")
    def test_the_automatic_policy_never_writes_to_the_respondent(self):
        verbatim = verbatim_create_for_test("Mon patron me frappe.", invitation=True)

        verbatim_analyse(verbatim)

        assert not Email.objects.filter(kind=EmailKind.MODERATION_NOTICE).exists()

    def test_one_email_per_decision_even_when_queued_twice(self, moderator):
        verbatim = verbatim_create_for_test("Texte.", invitation=True)
        decision = reject(verbatim, moderator)

        rejection_queue(verbatim=verbatim, decision=decision)

        assert Email.objects.count() == 1

    def test_a_revised_reason_is_a_new_decision_and_a_new_email(self, moderator):
        verbatim = verbatim_create_for_test("Texte.", invitation=True)
        reject(verbatim, moderator, RejectionReason.SPAM)

        reject(verbatim, moderator, RejectionReason.DUPLICATE)

        bodies = list(Email.objects.order_by("pk").values_list("body_text", flat=True))
        assert len(bodies) == 2
        assert "Publicité ou spam" in bodies[0] and "Doublon" in bodies[1]


class TestReplyOutcome:
    @pytest.fixture
    def reply(self):
        verbatim = verbatim_create_for_test(status=ModerationStatus.PUBLISHED)
        establishment = verbatim.response.formation.formateur
        author = UserFactory(email="direction@cfa.example.org", establishments=[establishment])
        return EstablishmentReply.objects.create(
            verbatim=verbatim, establishment=establishment, author=author, text="Merci Julie !"
        )

    @pytest.mark.parametrize(
        ("to_status", "reason", "expected"),
        [
            ("published", "", "Votre réponse est publiée sous l'avis."),
            ("published_masked", "", "des données personnelles y ont été masquées"),
            ("rejected", RejectionReason.ABUSIVE, "Propos injurieux ou diffamatoires"),
        ],
    )
    def test_the_author_is_told_the_outcome(self, moderator, reply, to_status, reason, expected):
        analysed(reply)

        reply_moderate(reply=reply, actor=moderator, to_status=to_status, reason=reason)

        email = Email.objects.get()
        assert email.to_address == "direction@cfa.example.org"
        assert expected in email.body_text
        assert settings.SITE_URL + reverse("space:reviews") in email.body_text
        assert "vous" in email.body_text.lower()  # vouvoiement for CFA staff

    def test_the_date_written_is_the_french_date(self, moderator, reply):
        late_evening_utc = datetime(2026, 3, 9, 23, 30, tzinfo=ZoneInfo("UTC"))
        EstablishmentReply.objects.filter(pk=reply.pk).update(created_at=late_evening_utc)
        reply.refresh_from_db()

        reply_moderate(reply=reply, actor=moderator, to_status="published")

        assert "le 10/03/2026" in Email.objects.get().body_text

    def test_a_deleted_author_is_not_written_to(self, moderator, reply):
        reply.author.delete()
        reply.refresh_from_db()

        reply_moderate(reply=reply, actor=moderator, to_status="published")

        assert not Email.objects.exists()


class TestReportOutcome:
    @pytest.fixture
    def verbatim(self):
        return verbatim_create_for_test("Avis publié.", status=ModerationStatus.PUBLISHED)

    def test_the_public_reporter_is_told_when_they_left_an_email(self, moderator, verbatim):
        report = report_create_by_public(
            verbatim=verbatim, reason=ReportReason.PERSONAL_DATA, email="lecteur@example.org"
        )

        report_resolve(
            report=report, actor=moderator, status=ReportStatus.DISMISSED, note="Aucun nom cité."
        )

        email = Email.objects.get()
        assert email.to_address == "lecteur@example.org"
        assert "n'est pas fondé" in email.body_text
        assert "données personnelles" in email.body_text
        assert "Aucun nom cité." in email.body_text
        assert how_reviews_work() in email.body_text

    def test_an_anonymous_public_report_is_resolved_silently(self, moderator, verbatim):
        report = report_create_by_public(verbatim=verbatim, reason=ReportReason.DEFAMATION)

        report_resolve(report=report, actor=moderator, status=ReportStatus.UPHELD)

        assert Report.objects.get().status == ReportStatus.UPHELD
        assert not Email.objects.exists()

    def test_the_cfa_staff_member_who_reported_is_told(self, moderator, verbatim):
        staff = UserFactory(
            email="qualite@cfa.example.org",
            establishments=[verbatim.response.formation.formateur],
        )
        report = report_create_by_establishment(
            verbatim=verbatim,
            actor=staff,
            reason=ReportReason.AUTHENTICITY,
            explanation="Cet apprenti n'a jamais été inscrit chez nous.",
        )

        report_resolve(report=report, actor=moderator, status=ReportStatus.UPHELD)

        email = Email.objects.get()
        assert email.to_address == "qualite@cfa.example.org"
        assert "est fondé" in email.body_text

    def test_the_report_date_is_the_french_date(self, moderator, verbatim):
        report = report_create_by_public(
            verbatim=verbatim, reason=ReportReason.OTHER, explanation="Pub.", email="l@example.org"
        )
        Report.objects.filter(pk=report.pk).update(
            created_at=datetime(2026, 6, 30, 22, 15, tzinfo=ZoneInfo("UTC"))
        )

        report_resolve(report=report, actor=moderator, status=ReportStatus.DISMISSED)

        assert "signalé un avis le 01/07/2026" in Email.objects.get().body_text
