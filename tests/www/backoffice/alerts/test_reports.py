"""The queue of reports: what it shows, resolving them, and deciding on the review at once."""

import html

import pytest
from django.urls import reverse

from sirius.audit.models import Event
from sirius.emails.models import Email
from sirius.moderation.enums import ModerationStatus, ReportStatus
from sirius.moderation.models import ModerationDecision

pytestmark = pytest.mark.django_db

QUEUE = reverse("backoffice:report_queue")


def page(response):
    return html.unescape(response.content.decode())


def resolve(client, report, status, **data):
    report.verbatim.refresh_from_db()
    return client.post(
        reverse("backoffice:report_decide", kwargs={"public_id": report.public_id}),
        {"status": status, "seen_status": report.verbatim.status, **data},
    )


class TestQueue:
    def test_open_reports_oldest_first_with_source_but_never_the_public_email(
        self, moderator_client, public_report, establishment_report
    ):
        response = moderator_client.get(QUEUE)

        assert [r.pk for r in response.context["page_obj"]] == [
            public_report.pk,
            establishment_report.pk,
        ]
        content = page(response)
        assert "Le formateur Kevin Durand est nul." in content
        assert "Le nom d'un formateur est cité." in content
        assert "Public — a laissé une adresse pour la suite donnée" in content
        assert "lecteur@example.org" not in content
        assert establishment_report.establishment.name in content
        verbatim_url = reverse(
            "backoffice:verbatim_detail", kwargs={"public_id": public_report.verbatim.public_id}
        )
        assert verbatim_url in content

    def test_filters_by_source_and_status(
        self, moderator_client, public_report, establishment_report
    ):
        response = moderator_client.get(QUEUE, {"source": "establishment"})
        assert [r.pk for r in response.context["page_obj"]] == [establishment_report.pk]

        resolve(moderator_client, public_report, "dismissed", note="Rien d'illicite.")
        response = moderator_client.get(QUEUE, {"status": "dismissed"})
        assert [r.pk for r in response.context["page_obj"]] == [public_report.pk]
        response = moderator_client.get(QUEUE)
        assert [r.pk for r in response.context["page_obj"]] == [establishment_report.pk]

    def test_query_count_does_not_grow_with_reports(
        self, moderator_client, public_report, establishment_report, django_assert_num_queries
    ):
        # session, user, count, page of reports with review, formation, CFA, reporter
        with django_assert_num_queries(4):
            assert moderator_client.get(QUEUE).status_code == 200


class TestResolve:
    def test_dismissed_emails_the_public_reporter_and_keeps_the_review(
        self, moderator_client, public_report, moderator
    ):
        response = resolve(moderator_client, public_report, "dismissed", note="Avis licite.")

        assert response.status_code == 302
        public_report.refresh_from_db()
        assert (public_report.status, public_report.handled_by) == (
            ReportStatus.DISMISSED,
            moderator,
        )
        assert public_report.verbatim.status == ModerationStatus.PUBLISHED
        assert Event.objects.filter(verb="report.resolved").count() == 1
        email = Email.objects.get()
        assert email.to_address == "lecteur@example.org"
        assert "n'est pas fondé" in email.body_text and "Avis licite." in email.body_text
        assert "/gestion/" not in email.body_text

    def test_upheld_with_masking_masks_the_review_and_emails_the_cfa(
        self, moderator_client, establishment_report, moderator
    ):
        establishment_report.verbatim.analysis = {
            "spans": [{"kind": "name", "start": 3, "end": 6, "text": "CFA"}]
        }
        establishment_report.verbatim.save(update_fields=["analysis"])

        resolve(
            moderator_client,
            establishment_report,
            "upheld",
            verbatim_decision="published_masked",
            note="Nom masqué.",
        )

        verbatim = establishment_report.verbatim
        verbatim.refresh_from_db()
        assert verbatim.status == ModerationStatus.PUBLISHED_MASKED
        decision = ModerationDecision.objects.get(verbatim=verbatim)
        assert (decision.actor, decision.note) == (moderator, "Signalement fondé : Nom masqué.")
        establishment_report.refresh_from_db()
        assert establishment_report.status == ReportStatus.UPHELD
        email = Email.objects.get()
        assert email.to_address == "direction@cfa.example.fr"
        assert "est fondé" in email.body_text

    def test_upheld_unpublishing_needs_a_reason_and_then_does_both(
        self, moderator_client, public_report
    ):
        data = {"verbatim_decision": "rejected", "note": "Nom d'un formateur."}
        response = resolve(moderator_client, public_report, "upheld", **data)
        assert "Choisissez un motif de refus" in page(moderator_client.get(response.url))
        public_report.refresh_from_db()
        assert public_report.status == ReportStatus.OPEN  # neither the report nor the review

        resolve(moderator_client, public_report, "upheld", reason="personal_data", **data)

        public_report.refresh_from_db()
        public_report.verbatim.refresh_from_db()
        assert public_report.status == ReportStatus.UPHELD
        assert public_report.verbatim.status == ModerationStatus.REJECTED
        assert public_report.verbatim.rejection_reason == "personal_data"
        # The report outcome to the reader; the review's author came through the open link.
        assert list(Email.objects.values_list("to_address", flat=True)) == ["lecteur@example.org"]

    def test_upheld_on_a_published_review_must_change_it(self, moderator_client, public_report):
        response = resolve(moderator_client, public_report, "upheld", note="Fondé.")

        assert "dépubliez-le ou masquez-le" in page(moderator_client.get(response.url))
        public_report.refresh_from_db()
        assert public_report.status == ReportStatus.OPEN
        assert not Email.objects.exists()

    def test_a_note_is_required(self, moderator_client, public_report):
        response = resolve(moderator_client, public_report, "dismissed", note=" ")

        assert "Expliquez votre décision" in page(moderator_client.get(response.url))
        public_report.refresh_from_db()
        assert public_report.status == ReportStatus.OPEN

    def test_resolving_twice_is_refused(self, moderator_client, public_report):
        resolve(moderator_client, public_report, "dismissed", note="Avis licite.")

        response = resolve(moderator_client, public_report, "upheld", note="Finalement non.")

        assert "Ce signalement est déjà traité." in page(moderator_client.get(response.url))
        public_report.refresh_from_db()
        assert public_report.status == ReportStatus.DISMISSED
        assert Email.objects.count() == 1

    def test_a_decided_report_shows_its_outcome_without_actions(
        self, moderator_client, public_report
    ):
        resolve(moderator_client, public_report, "dismissed", note="Avis licite.")

        content = page(moderator_client.get(QUEUE, {"status": "dismissed"}))

        assert "Avis licite." in content
        assert "Signalement fondé</button>" not in content
