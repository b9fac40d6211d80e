import pytest
from django.urls import reverse

from sirius.audit.models import Event
from sirius.emails.models import Email
from sirius.moderation.enums import ModerationStatus, RejectionReason
from sirius.moderation.models import ModerationDecision
from tests.factories import verbatim_create_for_test

from .texts import analysed_verbatim

QUEUE = reverse("backoffice:moderation_queue")


def _decide(client, verbatim, decision, **fields):
    url = reverse("backoffice:verbatim_decide", kwargs={"public_id": verbatim.public_id})
    data = {"decision": decision, "seen_status": verbatim.status, **fields}
    return client.post(url, data)


def _text(response):
    return " ".join(response.content.decode().split())


@pytest.mark.django_db
class TestDecisions:
    @pytest.mark.parametrize(
        ("decision", "message"),
        [
            (ModerationStatus.PUBLISHED, "Le texte est publié."),
            (ModerationStatus.ALERT, "Le texte est placé en alerte."),
        ],
    )
    def test_each_decision_is_stored_with_its_record_and_audit_event(
        self, moderator_client, moderator, decision, message
    ):
        verbatim = analysed_verbatim("Bonne formation.")

        response = _decide(moderator_client, verbatim, decision, note="Vu")

        assert response.status_code == 302
        verbatim.refresh_from_db()
        assert verbatim.status == decision
        record = ModerationDecision.objects.get(verbatim=verbatim)
        assert (record.actor, record.from_status, record.to_status, record.note) == (
            moderator,
            ModerationStatus.PENDING,
            decision,
            "Vu",
        )
        event = Event.objects.get(verb="verbatim.moderated", object_id=str(verbatim.pk))
        assert event.actor == moderator
        assert event.data["to"] == decision
        assert message in _text(moderator_client.get(response["Location"]))

    def test_rejection_stores_the_reason(self, moderator_client):
        verbatim = analysed_verbatim("Achetez mes chaussures sur monsite.")

        _decide(moderator_client, verbatim, "rejected", reason=RejectionReason.SPAM)

        verbatim.refresh_from_db()
        assert verbatim.status == ModerationStatus.REJECTED
        assert verbatim.rejection_reason == RejectionReason.SPAM
        assert verbatim.decisions.get().reason == RejectionReason.SPAM
        assert Event.objects.filter(verb="verbatim.moderated", data__to="rejected").exists()

    def test_rejecting_an_invited_respondents_text_tells_them_why(self, moderator_client):
        verbatim = analysed_verbatim("Achetez mes chaussures.", invitation=True)

        _decide(moderator_client, verbatim, "rejected", reason=RejectionReason.SPAM)

        email = Email.objects.get()
        assert email.to_address == verbatim.response.invitation.contact.email
        assert "Publicité ou spam" in email.body_text

    def test_rejection_without_reason_is_refused_and_keeps_the_note(self, moderator_client):
        verbatim = analysed_verbatim("Texte hors sujet.")

        response = _decide(moderator_client, verbatim, "rejected", note="Parle de foot")

        assert response.status_code == 400
        html = _text(response)
        assert "Choisissez un motif de refus pour refuser ce texte." in html
        assert ">Parle de foot</textarea>" in html
        verbatim.refresh_from_db()
        assert verbatim.status == ModerationStatus.PENDING
        assert not verbatim.decisions.exists()

    def test_a_concurrent_decision_is_explained(self, moderator_client):
        verbatim = analysed_verbatim("Texte vu par deux personnes.")
        _decide(moderator_client, verbatim, "published")

        response = _decide(
            moderator_client, verbatim, "rejected", reason=RejectionReason.SPAM
        )  # the stale page still says « pending »

        assert response.status_code == 400
        assert (
            "Ce texte vient d&#x27;être modéré par quelqu&#x27;un d&#x27;autre : "
            "il est maintenant « Publié »." in _text(response)
        )
        verbatim.refresh_from_db()
        assert verbatim.status == ModerationStatus.PUBLISHED
        assert verbatim.decisions.count() == 1

    def test_lifting_an_alert_needs_a_note(self, moderator_client):
        verbatim = analysed_verbatim("Texte en alerte.", status=ModerationStatus.ALERT)

        response = _decide(moderator_client, verbatim, "published")

        assert "Pour lever une alerte, expliquez pourquoi dans la note." in _text(response)
        verbatim.refresh_from_db()
        assert verbatim.status == ModerationStatus.ALERT

    def test_redirects_to_the_queue_with_its_filters_anchored_on_the_next_card(
        self, moderator_client
    ):
        verbatim = analysed_verbatim("Premier.")
        following = analysed_verbatim("Deuxième.")
        back = f"{QUEUE}?signal=none&page=1"

        response = _decide(
            moderator_client, verbatim, "published", next=back, next_card=following.public_id
        )

        assert response["Location"] == f"{back}#texte-{following.public_id}"

    def test_an_outside_next_url_is_ignored(self, moderator_client):
        verbatim = analysed_verbatim("Premier.")
        response = _decide(moderator_client, verbatim, "published", next="https://evil.example/")
        assert response["Location"] == QUEUE


@pytest.mark.django_db
class TestMasking:
    TEXT = "Julie et Marc Durand sont top, appelez Julie au 06 12 34 56 78."

    def _verbatim(self):
        return analysed_verbatim(self.TEXT, spans=[("name", "Julie"), ("phone", "06 12 34 56 78")])

    def test_every_proposed_span_is_checked_by_default(self, moderator_client):
        self._verbatim()
        html = _text(moderator_client.get(QUEUE))
        assert 'name="spans" value="0" checked>' in html
        assert 'name="spans" value="1" checked>' in html
        assert "« Julie » (Nom ou prénom)" in html

    def test_accepted_and_extra_spans_are_masked(self, moderator_client):
        verbatim = self._verbatim()

        _decide(
            moderator_client,
            verbatim,
            "published_masked",
            spans=["1"],
            extra_words="julie\nMarc Durand",
            extra_kind="name",
        )

        verbatim.refresh_from_db()
        assert verbatim.status == ModerationStatus.PUBLISHED_MASKED
        assert verbatim.masked_text == (
            "[prénom] et [prénom] sont top, appelez [prénom] au [téléphone]."
        )
        for word in ("Julie", "Marc", "Durand", "06 12"):
            assert word not in verbatim.public_text
        assert verbatim.text == self.TEXT
        assert verbatim.decisions.get().masked_text == verbatim.masked_text

    def test_a_span_left_unchecked_stays_visible(self, moderator_client):
        verbatim = self._verbatim()

        _decide(moderator_client, verbatim, "published_masked", spans=["1"])

        verbatim.refresh_from_db()
        assert verbatim.masked_text == (
            "Julie et Marc Durand sont top, appelez Julie au [téléphone]."
        )

    def test_an_extra_word_absent_from_the_text_is_refused(self, moderator_client):
        verbatim = self._verbatim()

        response = _decide(
            moderator_client, verbatim, "published_masked", spans=["0"], extra_words="Kevin"
        )

        assert "« Kevin » n&#x27;apparaît pas dans le texte." in _text(response)
        verbatim.refresh_from_db()
        assert verbatim.status == ModerationStatus.PENDING

    def test_masking_needs_something_to_mask(self, moderator_client):
        verbatim = self._verbatim()
        response = _decide(moderator_client, verbatim, "published_masked")
        assert "Cochez une zone proposée ou indiquez les mots à masquer." in _text(response)


@pytest.mark.django_db
class TestBulkPublication:
    URL = reverse("backoffice:verbatims_publish_unflagged")

    def test_publishes_only_pending_unflagged_texts(self, moderator_client, moderator):
        clean = [analysed_verbatim("Très bien."), analysed_verbatim("Bonne ambiance.")]
        flagged = analysed_verbatim("Appelle Julie.", spans=[("name", "Julie")])
        insult = analysed_verbatim("Insulte.", flags=["insult"])
        not_analysed = verbatim_create_for_test("Pas encore analysé.")
        rejected = verbatim_create_for_test("Refusé.", status=ModerationStatus.REJECTED)
        queue = moderator_client.get(QUEUE)
        assert "Publier les 2 textes sans signal" in _text(queue)

        response = moderator_client.post(self.URL, {"expected": "2"})

        assert response["Location"] == QUEUE
        for verbatim in clean:
            verbatim.refresh_from_db()
            assert verbatim.status == ModerationStatus.PUBLISHED
            assert verbatim.decisions.get().actor == moderator
        for verbatim, status in [
            (flagged, "pending"),
            (insult, "pending"),
            (not_analysed, "pending"),
            (rejected, "rejected"),
        ]:
            verbatim.refresh_from_db()
            assert verbatim.status == status
        assert "2 textes sans signal publiés." in _text(moderator_client.get(QUEUE))

    def test_respects_the_queue_filters(self, moderator_client):
        pepite = analysed_verbatim("Formidable.", flags=["pepite"])
        other = analysed_verbatim("Bien.")

        moderator_client.post(f"{self.URL}?signal=pepite", {"expected": "1"})

        pepite.refresh_from_db()
        other.refresh_from_db()
        assert (pepite.status, other.status) == ("published", "pending")

    def test_a_changed_count_asks_again(self, moderator_client):
        verbatim = analysed_verbatim("Très bien.")
        analysed_verbatim("Arrivé entre-temps.")

        response = moderator_client.post(self.URL, {"expected": "1"})

        verbatim.refresh_from_db()
        assert verbatim.status == ModerationStatus.PENDING
        assert "il y en a maintenant 2" in _text(moderator_client.get(response["Location"]))
