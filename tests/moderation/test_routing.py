import pytest

from sirius.audit.models import Event
from sirius.emails.models import Email
from sirius.moderation.enums import AlertKind, ModerationStatus, Theme, Tone
from sirius.moderation.models import Alert, EstablishmentReply, ModerationDecision
from sirius.moderation.routing import analysis_context, reply_analyse, verbatim_analyse
from tests.factories import (
    EstablishmentFactory,
    FormationFactory,
    UserFactory,
    verbatim_create_for_test,
)
from tests.moderation.fakes import fake_analysis  # noqa: F401  (fixture)

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("fake_analysis")]

DANGER = "Mon patron me frappe quand je me trompe."


def reloaded(obj):
    obj.refresh_from_db()
    return obj


@pytest.fixture(autouse=True)
def _referents(settings):
    settings.SIRIUS_ALERT_REFERENTS = ["referent@example.org"]
    settings.SIRIUS_MODERATION_AUTO_PUBLISH = True


class TestVerbatim:
    def test_an_unflagged_text_is_published_automatically(self):
        verbatim = verbatim_create_for_test("Les formateurs expliquent bien.")

        assert verbatim_analyse(verbatim) is True

        verbatim = reloaded(verbatim)
        assert verbatim.status == ModerationStatus.PUBLISHED
        assert verbatim.published_at is not None and verbatim.analysed_at is not None
        decision = ModerationDecision.objects.get(verbatim=verbatim)
        assert decision.actor is None and decision.is_automatic
        assert (decision.from_status, decision.to_status) == ("pending", "published")
        assert Event.objects.get(verb="verbatim.moderated").data["automatic"] is True
        assert not Email.objects.exists()

    def test_without_automatic_publication_it_waits(self, settings):
        settings.SIRIUS_MODERATION_AUTO_PUBLISH = False
        verbatim = verbatim_create_for_test("Les formateurs expliquent bien.")

        verbatim_analyse(verbatim)

        verbatim = reloaded(verbatim)
        assert verbatim.status == ModerationStatus.PENDING
        assert verbatim.analysed_at is not None
        assert not ModerationDecision.objects.exists()

    def test_personal_data_waits_for_a_moderator_with_the_proposal_stored(self):
        verbatim = verbatim_create_for_test("Julie est top, son 06 12 34 56 78.")

        verbatim_analyse(verbatim)

        verbatim = reloaded(verbatim)
        assert verbatim.status == ModerationStatus.PENDING
        assert verbatim.flag_personal_data and not verbatim.flag_insult
        assert [span["kind"] for span in verbatim.analysis["spans"]] == ["name", "phone"]
        assert verbatim.analysis["masked"] == "[prénom] est top, son [téléphone]."
        assert not ModerationDecision.objects.exists()

    def test_an_insult_waits_for_a_moderator(self):
        verbatim = verbatim_create_for_test("Le formateur de maths est un connard.")

        verbatim_analyse(verbatim)

        verbatim = reloaded(verbatim)
        assert verbatim.status == ModerationStatus.PENDING
        assert verbatim.flag_insult
        assert verbatim.analysis["insult_terms"] == ["connard"]

    def test_an_alert_is_never_published_and_raises_one_alert(self):
        verbatim = verbatim_create_for_test(DANGER)

        verbatim_analyse(verbatim)

        verbatim = reloaded(verbatim)
        assert verbatim.status == ModerationStatus.ALERT
        assert verbatim.flag_alert and verbatim.published_at is None
        alert = Alert.objects.get(verbatim=verbatim)
        assert alert.kinds == [AlertKind.VIOLENCE]
        decision = ModerationDecision.objects.get(verbatim=verbatim)
        assert (decision.actor, decision.to_status) == (None, ModerationStatus.ALERT)
        assert Event.objects.filter(verb="alert.raised").count() == 1
        assert list(Email.objects.values_list("to_address", flat=True)) == ["referent@example.org"]

    def test_an_alert_is_raised_even_when_the_text_also_has_personal_data(self):
        verbatim = verbatim_create_for_test(f"Kevin, le chef, me harcèle. {DANGER}")

        verbatim_analyse(verbatim)

        assert reloaded(verbatim).status == ModerationStatus.ALERT
        assert sorted(Alert.objects.get().kinds) == ["harassment", "violence"]

    def test_themes_are_stored_as_rows_with_their_tone(self):
        verbatim = verbatim_create_for_test("Bon formateur, mais les horaires sont durs.")

        verbatim_analyse(verbatim)

        assert sorted(verbatim.themes.values_list("theme", "tone")) == [
            (Theme.HORAIRES, Tone.NEGATIVE),
            (Theme.PEDAGOGIE, Tone.POSITIVE),
        ]

    @pytest.mark.parametrize("text", ["Les formateurs expliquent bien.", DANGER])
    def test_a_second_analysis_changes_nothing_and_queues_nothing(self, text):
        verbatim = verbatim_create_for_test(text)
        verbatim_analyse(verbatim)
        before = reloaded(verbatim)

        assert verbatim_analyse(verbatim) is False
        assert verbatim_analyse(before) is False

        after = reloaded(verbatim)
        assert (after.status, after.analysed_at) == (before.status, before.analysed_at)
        assert ModerationDecision.objects.count() == 1
        assert Email.objects.count() == (1 if text == DANGER else 0)
        assert Alert.objects.count() == (1 if text == DANGER else 0)
        assert verbatim.themes.count() == len(before.analysis["themes"])

    def test_a_text_a_moderator_already_decided_is_left_alone(self):
        verbatim = verbatim_create_for_test(DANGER, status=ModerationStatus.REJECTED)

        assert verbatim_analyse(verbatim) is False

        assert reloaded(verbatim).status == ModerationStatus.REJECTED
        assert not Alert.objects.exists()


def test_the_centre_names_and_the_commune_are_not_personal_data():
    formateur = EstablishmentFactory(enseigne="CFA Jean Monnet", localite="Saint-Étienne")
    gestionnaire = EstablishmentFactory(enseigne="", raison_sociale="ASSOCIATION LES METIERS")
    formation = FormationFactory(formateur=formateur, gestionnaire=gestionnaire, localite="Firminy")

    terms = analysis_context(formation).allowed_terms

    assert {"CFA Jean Monnet", "Saint-Étienne", "ASSOCIATION LES METIERS", "Firminy"} <= set(terms)
    assert "" not in terms


class TestReply:
    @pytest.fixture
    def make_reply(self):
        def make(text):
            verbatim = verbatim_create_for_test(status=ModerationStatus.PUBLISHED)
            establishment = verbatim.response.formation.formateur
            return EstablishmentReply.objects.create(
                verbatim=verbatim, establishment=establishment, text=text
            )

        return make

    def test_an_unflagged_reply_is_published_and_its_author_told(self, make_reply):
        reply = make_reply("Merci, nous avons changé les horaires depuis.")
        reply.author = UserFactory(email="direction@cfa.example.org")
        reply.save(update_fields=["author"])

        assert reply_analyse(reply) is True

        reply = reloaded(reply)
        assert reply.status == ModerationStatus.PUBLISHED
        assert ModerationDecision.objects.get(reply=reply).actor is None
        email = Email.objects.get()
        assert email.to_address == "direction@cfa.example.org"
        assert "Votre réponse est publiée sous l'avis." in email.body_text

    def test_danger_words_in_a_reply_hold_it_but_never_raise_an_alert(self, make_reply):
        reply = make_reply("Personne ne frappe personne ici, c'est faux.")

        reply_analyse(reply)

        reply = reloaded(reply)
        assert reply.status == ModerationStatus.PENDING
        assert reply.flag_alert
        assert not Alert.objects.exists()
        assert not Email.objects.exists()
        assert reply_analyse(reply) is False
