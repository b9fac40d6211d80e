import pytest
from django.db.models import QuerySet

from sirius.audit.models import Event
from sirius.moderation.enums import ModerationStatus
from sirius.moderation.models import REPLY_MAX_LENGTH, Alert, EstablishmentReply
from sirius.moderation.replies import ReplyRefused, reply_submit
from tests.factories import (
    EstablishmentFactory,
    FormationFactory,
    UserFactory,
    verbatim_create_for_test,
)
from tests.moderation.fakes import fake_analysis  # noqa: F401  (fixture)

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("fake_analysis")]

REPLY = "Merci pour ton avis : nous avons revu le planning des ateliers depuis."


@pytest.fixture(autouse=True)
def _settings(settings):
    settings.SIRIUS_MODERATION_AUTO_PUBLISH = True
    settings.SIRIUS_ALERT_REFERENTS = ["referent@example.org"]


@pytest.fixture
def formation():
    return FormationFactory(gestionnaire=EstablishmentFactory())


@pytest.fixture
def verbatim(formation):
    return verbatim_create_for_test(formation=formation, status=ModerationStatus.PUBLISHED)


@pytest.fixture
def staff(formation):
    return UserFactory(establishments=[formation.formateur])


def reloaded(obj):
    obj.refresh_from_db()
    return obj


class TestSubmit:
    def test_a_reply_is_recorded_then_analysed_and_published(self, verbatim, staff, formation):
        reply = reply_submit(verbatim=verbatim, actor=staff, text=f"  {REPLY}  ")

        reply = reloaded(reply)
        assert (reply.text, reply.author, reply.establishment) == (
            REPLY,
            staff,
            formation.formateur,
        )
        assert reply.analysed_at is not None
        assert reply.status == ModerationStatus.PUBLISHED
        event = Event.objects.get(verb="reply.submitted")
        assert (event.actor, event.data) == (staff, {"verbatim": str(verbatim.public_id)})

    def test_the_managing_centre_may_reply_too(self, verbatim, formation):
        manager = UserFactory(establishments=[formation.gestionnaire])

        reply = reply_submit(verbatim=verbatim, actor=manager, text=REPLY)

        assert reply.establishment == formation.gestionnaire

    def test_another_centre_cannot_reply(self, verbatim):
        outsider = UserFactory(establishments=[EstablishmentFactory()])

        with pytest.raises(ReplyRefused, match="ne concerne pas"):
            reply_submit(verbatim=verbatim, actor=outsider, text=REPLY)
        assert not EstablishmentReply.objects.exists()

    def test_a_moderator_without_centre_cannot_reply(self, verbatim):
        with pytest.raises(ReplyRefused):
            reply_submit(verbatim=verbatim, actor=UserFactory(moderator=True), text=REPLY)

    @pytest.mark.parametrize(
        "status",
        [ModerationStatus.PENDING, ModerationStatus.REJECTED, ModerationStatus.ALERT],
    )
    def test_only_a_published_review_gets_a_reply(self, formation, staff, status):
        verbatim = verbatim_create_for_test(formation=formation, status=status)

        with pytest.raises(ReplyRefused, match="publié"):
            reply_submit(verbatim=verbatim, actor=staff, text=REPLY)
        assert not EstablishmentReply.objects.exists()

    def test_a_masked_review_gets_a_reply(self, formation, staff):
        verbatim = verbatim_create_for_test(
            formation=formation, status=ModerationStatus.PUBLISHED_MASKED
        )

        assert reply_submit(verbatim=verbatim, actor=staff, text=REPLY).pk

    def test_the_length_limit_counts_the_text_without_surrounding_spaces(self, verbatim, staff):
        longest = "a" * REPLY_MAX_LENGTH

        with pytest.raises(ReplyRefused, match=f"{REPLY_MAX_LENGTH + 1} caractères"):
            reply_submit(verbatim=verbatim, actor=staff, text=longest + "b")
        for blank in ("", "   \n "):
            with pytest.raises(ReplyRefused, match="Écrivez"):
                reply_submit(verbatim=verbatim, actor=staff, text=blank)
        assert not EstablishmentReply.objects.exists()

        assert reply_submit(verbatim=verbatim, actor=staff, text=f"\n{longest} ").text == longest


class TestOnce:
    @pytest.mark.parametrize("auto_publish", [True, False])
    def test_a_second_reply_is_refused_while_one_is_live(
        self, settings, verbatim, staff, auto_publish
    ):
        settings.SIRIUS_MODERATION_AUTO_PUBLISH = auto_publish
        reply_submit(verbatim=verbatim, actor=staff, text=REPLY)
        colleague = UserFactory(establishments=[verbatim.response.formation.formateur])

        with pytest.raises(ReplyRefused, match="déjà répondu"):
            reply_submit(verbatim=verbatim, actor=colleague, text="Une autre réponse.")
        assert EstablishmentReply.objects.count() == 1

    def test_a_new_reply_is_allowed_after_a_rejection(self, verbatim, staff):
        first = reply_submit(verbatim=verbatim, actor=staff, text=REPLY)
        EstablishmentReply.objects.filter(pk=first.pk).update(
            status=ModerationStatus.REJECTED, rejection_reason="abusive", published_at=None
        )

        second = reply_submit(verbatim=verbatim, actor=staff, text="Une réponse plus sobre.")

        assert second.pk != first.pk
        assert verbatim.replies.count() == 2

    def test_two_replies_at_the_same_moment_make_one(self, monkeypatch, verbatim, staff):
        """The colleague's reply commits after our check saw nothing: the constraint decides."""
        colleague = UserFactory(establishments=[verbatim.response.formation.formateur])
        EstablishmentReply.objects.create(
            verbatim=verbatim,
            establishment=verbatim.response.formation.formateur,
            author=colleague,
            text="La réponse du collègue.",
        )
        real_exists = QuerySet.exists

        def exists_before_the_colleague_committed(queryset):
            return False if queryset.model is EstablishmentReply else real_exists(queryset)

        monkeypatch.setattr(QuerySet, "exists", exists_before_the_colleague_committed)

        with pytest.raises(ReplyRefused, match="déjà répondu"):
            reply_submit(verbatim=verbatim, actor=staff, text=REPLY)

        assert list(EstablishmentReply.objects.values_list("author", flat=True)) == [colleague.pk]
        assert not Event.objects.filter(verb="reply.submitted").exists()


def test_danger_words_in_a_reply_hold_it_without_raising_an_alert(verbatim, staff):
    reply = reply_submit(
        verbatim=verbatim, actor=staff, text="Personne ne frappe personne dans nos ateliers."
    )

    reply = reloaded(reply)
    assert reply.status == ModerationStatus.PENDING
    assert reply.flag_alert
    assert not Alert.objects.exists()
