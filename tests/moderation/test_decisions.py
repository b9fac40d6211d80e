from datetime import timedelta

import pytest
from django.utils import timezone

from sirius.audit.models import Event
from sirius.moderation.analysis import Span
from sirius.moderation.decisions import (
    ModerationError,
    proposed_spans,
    reply_moderate,
    verbatim_moderate,
    verbatims_publish_unflagged,
)
from sirius.moderation.enums import ModerationStatus, RejectionReason
from sirius.moderation.models import Alert, EstablishmentReply, ModerationDecision
from sirius.responses.models import Verbatim
from tests.factories import UserFactory, verbatim_create_for_test
from tests.moderation.fakes import analysed

pytestmark = pytest.mark.django_db

PENDING = ModerationStatus.PENDING
PUBLISHED = ModerationStatus.PUBLISHED
MASKED = ModerationStatus.PUBLISHED_MASKED
REJECTED = ModerationStatus.REJECTED
ALERT = ModerationStatus.ALERT

TEXT_WITH_DATA = "Julie la formatrice est top, appelle-la au 06 12 34 56 78 si besoin."


@pytest.fixture
def moderator():
    return UserFactory(moderator=True)


@pytest.fixture
def verbatim():
    return analysed(verbatim_create_for_test(TEXT_WITH_DATA))


def reloaded(obj):
    obj.refresh_from_db()
    return obj


def assert_nothing_written(verbatim, status):
    assert reloaded(verbatim).status == status
    assert not ModerationDecision.objects.exists()
    assert not Event.objects.filter(verb="verbatim.moderated").exists()


class TestPublish:
    def test_publishing_records_who_when_from_and_to_and_an_audit_event(self, moderator, verbatim):
        now = timezone.now()

        decision = verbatim_moderate(
            verbatim=verbatim, actor=moderator, to_status=PUBLISHED, note=" relu ", now=now
        )

        verbatim = reloaded(verbatim)
        assert (verbatim.status, verbatim.published_at, verbatim.decided_at) == (
            PUBLISHED,
            now,
            now,
        )
        assert verbatim.public_text == TEXT_WITH_DATA
        assert (decision.actor, decision.from_status, decision.to_status) == (
            moderator,
            PENDING,
            PUBLISHED,
        )
        assert (decision.reason, decision.note, decision.masked_text) == ("", "relu", "")
        assert decision.verbatim == verbatim and decision.reply is None
        event = Event.objects.get(verb="verbatim.moderated")
        assert event.actor == moderator
        assert event.object_id == str(verbatim.pk)
        assert event.data["from"] == PENDING and event.data["to"] == PUBLISHED
        assert event.data["automatic"] is False

    def test_a_rejection_reason_on_a_publication_is_refused(self, moderator, verbatim):
        with pytest.raises(ModerationError, match="refus"):
            verbatim_moderate(
                verbatim=verbatim,
                actor=moderator,
                to_status=PUBLISHED,
                reason=RejectionReason.OFF_TOPIC,
            )
        assert_nothing_written(verbatim, PENDING)

    @pytest.mark.parametrize("to_status", [PENDING, "deleted", ""])
    def test_pending_or_unknown_statuses_are_not_decisions(self, moderator, verbatim, to_status):
        with pytest.raises(ModerationError):
            verbatim_moderate(verbatim=verbatim, actor=moderator, to_status=to_status)
        assert_nothing_written(verbatim, PENDING)


class TestMask:
    def test_the_proposed_spans_are_masked_and_no_span_text_is_left(self, moderator, verbatim):
        decision = verbatim_moderate(verbatim=verbatim, actor=moderator, to_status=MASKED)

        verbatim = reloaded(verbatim)
        assert verbatim.status == MASKED
        assert verbatim.public_text == (
            "[prénom] la formatrice est top, appelle-la au [téléphone] si besoin."
        )
        for span in proposed_spans(verbatim):
            assert span.text not in verbatim.public_text
        assert verbatim.text == TEXT_WITH_DATA  # the original is never rewritten
        assert decision.masked_text == verbatim.masked_text
        assert Event.objects.get(verb="verbatim.moderated").data["masked_spans"] == 2

    def test_the_moderator_may_adjust_the_spans(self, moderator, verbatim):
        start = TEXT_WITH_DATA.index("06")
        phone = Span("phone", start, start + len("06 12 34 56 78"), "ignored: taken from the text")

        verbatim_moderate(verbatim=verbatim, actor=moderator, to_status=MASKED, spans=[phone])

        verbatim = reloaded(verbatim)
        assert verbatim.public_text.startswith("Julie la formatrice")
        assert "[téléphone]" in verbatim.public_text
        assert "56 78" not in verbatim.public_text

    def test_a_word_found_twice_is_masked_everywhere_it_was_chosen(self, moderator):
        text = "Kevin est sympa. Merci Kevin !"
        verbatim = analysed(verbatim_create_for_test(text))

        verbatim_moderate(verbatim=verbatim, actor=moderator, to_status=MASKED)

        assert reloaded(verbatim).public_text == "[prénom] est sympa. Merci [prénom] !"

    def test_masking_without_any_span_is_refused(self, moderator):
        verbatim = analysed(verbatim_create_for_test("Rien à masquer ici."))

        with pytest.raises(ModerationError, match="zone"):
            verbatim_moderate(verbatim=verbatim, actor=moderator, to_status=MASKED)
        with pytest.raises(ModerationError, match="zone"):
            verbatim_moderate(verbatim=verbatim, actor=moderator, to_status=MASKED, spans=[])
        assert_nothing_written(verbatim, PENDING)

    @pytest.mark.parametrize(
        ("spans", "message"),
        [
            ([Span("name", 0, 5, "Julie"), Span("name", 3, 9, "ie la")], "chevauchent"),
            ([Span("name", 60, 200, "x")], "déborde"),
            ([Span("name", -1, 5, "Julie")], "déborde"),
            ([Span("name", 5, 5, "")], "déborde"),
        ],
    )
    def test_overlapping_or_outside_spans_are_refused(self, moderator, verbatim, spans, message):
        with pytest.raises(ModerationError, match=message):
            verbatim_moderate(verbatim=verbatim, actor=moderator, to_status=MASKED, spans=spans)
        assert_nothing_written(verbatim, PENDING)

    def test_publishing_unmasked_after_masking_drops_the_masked_copy(self, moderator, verbatim):
        verbatim_moderate(verbatim=verbatim, actor=moderator, to_status=MASKED)
        verbatim_moderate(verbatim=verbatim, actor=moderator, to_status=PUBLISHED)

        verbatim = reloaded(verbatim)
        assert (verbatim.masked_text, verbatim.public_text) == ("", TEXT_WITH_DATA)


class TestReject:
    def test_a_rejection_needs_a_reason_from_the_published_list(self, moderator, verbatim):
        for reason in ("", "negative_opinion"):
            with pytest.raises(ModerationError, match="motif"):
                verbatim_moderate(
                    verbatim=verbatim, actor=moderator, to_status=REJECTED, reason=reason
                )
        assert_nothing_written(verbatim, PENDING)

    def test_a_rejection_keeps_its_reason_and_is_not_public(self, moderator, verbatim):
        decision = verbatim_moderate(
            verbatim=verbatim,
            actor=moderator,
            to_status=REJECTED,
            reason=RejectionReason.PERSONAL_DATA,
        )

        verbatim = reloaded(verbatim)
        assert verbatim.status == REJECTED
        assert verbatim.rejection_reason == RejectionReason.PERSONAL_DATA
        assert verbatim.published_at is None
        assert not Verbatim.objects.published().filter(pk=verbatim.pk).exists()
        assert decision.reason == RejectionReason.PERSONAL_DATA
        assert Event.objects.get(verb="verbatim.moderated").data["reason"] == "personal_data"


class TestRevise:
    def test_publishing_a_rejected_text_adds_a_record_and_keeps_the_first(
        self, moderator, verbatim
    ):
        other = UserFactory(moderator=True)
        first = verbatim_moderate(
            verbatim=verbatim, actor=moderator, to_status=REJECTED, reason=RejectionReason.SPAM
        )
        later = timezone.now() + timedelta(minutes=5)

        verbatim_moderate(
            verbatim=verbatim, actor=other, to_status=PUBLISHED, note="Pas du spam.", now=later
        )

        verbatim = reloaded(verbatim)
        assert (verbatim.status, verbatim.rejection_reason) == (PUBLISHED, "")
        assert verbatim.published_at == later
        trail = list(
            verbatim.decisions.values_list("actor", "from_status", "to_status", "reason", "note")
        )
        assert trail == [
            (moderator.pk, PENDING, REJECTED, "spam", ""),
            (other.pk, REJECTED, PUBLISHED, "", "Pas du spam."),
        ]
        assert ModerationDecision.objects.get(pk=first.pk).to_status == REJECTED
        assert Event.objects.filter(verb="verbatim.moderated").count() == 2

    def test_rejecting_a_published_text_clears_its_publication_date(self, moderator, verbatim):
        verbatim_moderate(verbatim=verbatim, actor=moderator, to_status=PUBLISHED)

        verbatim_moderate(
            verbatim=verbatim, actor=moderator, to_status=REJECTED, reason=RejectionReason.ABUSIVE
        )

        verbatim = reloaded(verbatim)
        assert verbatim.published_at is None
        assert not verbatim.is_published

    def test_masking_a_published_text_keeps_its_first_publication_date(self, moderator, verbatim):
        first = timezone.now() - timedelta(days=3)
        verbatim_moderate(verbatim=verbatim, actor=moderator, to_status=PUBLISHED, now=first)

        verbatim_moderate(verbatim=verbatim, actor=moderator, to_status=MASKED)

        verbatim = reloaded(verbatim)
        assert verbatim.published_at == first
        assert verbatim.decided_at > first

    def test_a_decision_on_a_stale_screen_is_refused(self, moderator, verbatim):
        verbatim_moderate(verbatim=verbatim, actor=moderator, to_status=PUBLISHED)

        with pytest.raises(ModerationError, match="Publié"):
            verbatim_moderate(
                verbatim=verbatim,
                actor=UserFactory(moderator=True),
                to_status=REJECTED,
                reason=RejectionReason.SPAM,
                seen_status=PENDING,
            )

        assert reloaded(verbatim).status == PUBLISHED
        assert ModerationDecision.objects.count() == 1


class TestAlert:
    def test_a_moderator_may_raise_an_alert_which_is_never_public(
        self, moderator, verbatim, settings
    ):
        settings.SIRIUS_ALERT_REFERENTS = []

        verbatim_moderate(verbatim=verbatim, actor=moderator, to_status=ALERT)

        verbatim = reloaded(verbatim)
        assert verbatim.status == ALERT
        assert verbatim.published_at is None
        assert Alert.objects.get().verbatim == verbatim

    def test_leaving_an_alert_needs_a_note(self, moderator, verbatim, settings):
        settings.SIRIUS_ALERT_REFERENTS = []
        verbatim_moderate(verbatim=verbatim, actor=moderator, to_status=ALERT)

        for note in ("", "   "):
            with pytest.raises(ModerationError, match="note"):
                verbatim_moderate(
                    verbatim=verbatim, actor=moderator, to_status=PUBLISHED, note=note
                )
        assert reloaded(verbatim).status == ALERT

        decision = verbatim_moderate(
            verbatim=verbatim,
            actor=moderator,
            to_status=MASKED,
            note="Faux positif : une blague entre apprentis.",
        )

        assert (decision.from_status, decision.to_status) == (ALERT, MASKED)
        assert reloaded(verbatim).is_published
        assert Alert.objects.count() == 1


class TestReplies:
    @pytest.fixture
    def reply(self):
        verbatim = verbatim_create_for_test(status=PUBLISHED)
        formation = verbatim.response.formation
        author = UserFactory(establishments=[formation.formateur])
        return EstablishmentReply.objects.create(
            verbatim=verbatim,
            establishment=formation.formateur,
            author=author,
            text="Merci pour votre retour, nous en parlons en équipe.",
        )

    def test_a_reply_is_decided_with_its_own_record_and_event(self, moderator, reply):
        decision = reply_moderate(reply=reply, actor=moderator, to_status=PUBLISHED)

        reply = reloaded(reply)
        assert reply.status == PUBLISHED and reply.published_at is not None
        assert decision.reply == reply and decision.verbatim is None
        event = Event.objects.get(verb="reply.moderated")
        assert event.object_type == "moderation.establishmentreply"

    def test_a_reply_cannot_be_an_alert(self, moderator, reply):
        with pytest.raises(ModerationError, match="alerte"):
            reply_moderate(reply=reply, actor=moderator, to_status=ALERT)

        assert reloaded(reply).status == PENDING
        assert not Alert.objects.exists()


class TestPublishUnflagged:
    def test_publishes_only_pending_analysed_unflagged_texts_one_decision_each(self, moderator):
        clean = [
            analysed(verbatim_create_for_test(f"Bonne ambiance, semaine {n}.")) for n in (1, 2)
        ]
        flagged = analysed(verbatim_create_for_test(TEXT_WITH_DATA))
        insult = analysed(verbatim_create_for_test("Le chef est un abruti."))
        not_analysed = verbatim_create_for_test("Pas encore analysé.")
        rejected = analysed(verbatim_create_for_test("Déjà refusé.", status=REJECTED))

        count = verbatims_publish_unflagged(actor=moderator, verbatims=Verbatim.objects.all())

        assert count == 2
        assert [reloaded(v).status for v in clean] == [PUBLISHED, PUBLISHED]
        for untouched, status in (
            (flagged, PENDING),
            (insult, PENDING),
            (not_analysed, PENDING),
            (rejected, REJECTED),
        ):
            assert reloaded(untouched).status == status
        assert list(ModerationDecision.objects.values_list("verbatim", "actor")) == [
            (clean[0].pk, moderator.pk),
            (clean[1].pk, moderator.pk),
        ]

    def test_only_within_the_given_selection(self, moderator):
        inside = analysed(verbatim_create_for_test("Très bien."))
        outside = analysed(verbatim_create_for_test("Très bien aussi."))

        verbatims_publish_unflagged(
            actor=moderator, verbatims=Verbatim.objects.filter(pk=inside.pk)
        )

        assert (reloaded(inside).status, reloaded(outside).status) == (PUBLISHED, PENDING)
