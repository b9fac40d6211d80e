"""The queue of CFA replies: what it shows, and each decision's records and email."""

import html

import pytest
from django.urls import reverse

from sirius.audit.models import Event
from sirius.emails.models import Email
from sirius.moderation.enums import ModerationStatus
from sirius.moderation.models import ModerationDecision

from .conftest import reply_create

pytestmark = pytest.mark.django_db

QUEUE = reverse("backoffice:reply_queue")


def page(response):
    return html.unescape(response.content.decode())


def decide_url(reply):
    return reverse("backoffice:reply_decide", kwargs={"public_id": reply.public_id})


def decide(client, reply, decision, **data):
    return client.post(
        decide_url(reply),
        {"decision": decision, "seen_status": reply.status, "query": "status=pending", **data},
    )


class TestQueue:
    def test_pending_replies_oldest_first_with_the_review_and_highlights(
        self, moderator_client, reply, cfa_author
    ):
        newer = reply_create(cfa_author, text="Merci beaucoup.", spans=False)
        decided = reply_create(cfa_author, text="Bonne continuation.", spans=False)
        decided.status = ModerationStatus.REJECTED
        decided.rejection_reason = "off_topic"
        decided.save()

        response = moderator_client.get(QUEUE)

        assert [r.pk for r in response.context["page_obj"]] == [reply.pk, newer.pk]
        content = page(response)
        assert "Les cours sont bien mais les horaires changent." in content
        assert reply.establishment.name in content
        assert "<mark>Julie</mark>" in content
        assert "Publier avec masquage" in content

    def test_filters_by_status(self, moderator_client, reply, cfa_author):
        rejected = reply_create(cfa_author, text="Bonne continuation.", spans=False)
        rejected.status = ModerationStatus.REJECTED
        rejected.rejection_reason = "off_topic"
        rejected.save()

        response = moderator_client.get(QUEUE, {"status": "rejected"})

        assert [r.pk for r in response.context["page_obj"]] == [rejected.pk]

    def test_query_count_does_not_grow_with_replies(
        self, moderator_client, reply, cfa_author, django_assert_num_queries
    ):
        for _ in range(3):
            reply_create(cfa_author, text="Merci.", spans=False)
        # session, user, count, page of replies with their review, establishment and author
        with django_assert_num_queries(4):
            assert moderator_client.get(QUEUE).status_code == 200


class TestDecisions:
    def test_publish_records_the_decision_and_emails_the_author(
        self, moderator_client, reply, moderator
    ):
        response = decide(moderator_client, reply, "published")

        assert response.status_code == 302
        assert response.url == f"{QUEUE}?status=pending"
        reply.refresh_from_db()
        assert reply.status == ModerationStatus.PUBLISHED
        decision = ModerationDecision.objects.get(reply=reply)
        assert decision.actor == moderator
        assert Event.objects.filter(verb="reply.moderated", object_id=str(reply.pk)).exists()
        email = Email.objects.get()
        assert email.to_address == "direction@cfa.example.fr"
        assert "Votre réponse est publiée sous l'avis." in email.body_text
        assert "/gestion/" not in email.body_text

    def test_publish_masked_hides_the_proposed_spans(self, moderator_client, reply):
        decide(moderator_client, reply, "published_masked")

        reply.refresh_from_db()
        assert reply.status == ModerationStatus.PUBLISHED_MASKED
        assert reply.masked_text == "Merci pour votre avis, [prénom], nous allons en parler."
        assert "masquées" in Email.objects.get().body_text

    def test_refuse_needs_a_reason(self, moderator_client, reply):
        response = decide(moderator_client, reply, "rejected")

        assert "Choisissez un motif de refus" in page(moderator_client.get(response.url))
        reply.refresh_from_db()
        assert reply.status == ModerationStatus.PENDING
        assert not Email.objects.exists()

    def test_refuse_with_a_reason_tells_the_author_why(self, moderator_client, reply):
        decide(moderator_client, reply, "rejected", reason="abusive", note="Ton agressif.")

        reply.refresh_from_db()
        assert (reply.status, reply.rejection_reason) == (ModerationStatus.REJECTED, "abusive")
        email = Email.objects.get()
        assert "Propos injurieux ou diffamatoires" in email.body_text
        assert "Ton agressif." not in email.body_text  # the note stays internal

    def test_a_decision_taken_meanwhile_is_not_overwritten(self, moderator_client, reply):
        decide(moderator_client, reply, "published")

        response = decide(moderator_client, reply, "rejected", reason="spam")

        messages = page(moderator_client.get(response.url))
        assert "vient d'être modéré par quelqu'un d'autre" in messages
        reply.refresh_from_db()
        assert reply.status == ModerationStatus.PUBLISHED
        assert ModerationDecision.objects.count() == 1
