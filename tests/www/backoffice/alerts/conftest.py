import pytest

from sirius.moderation.enums import AlertKind, ModerationStatus, ReportReason, ReportSource
from sirius.moderation.models import Alert, EstablishmentReply, Report
from tests.factories import EstablishmentFactory, UserFactory, verbatim_create_for_test

ALERT_TEXT = "Mon patron me frappe quand je suis en retard, appelle Julie au 06 12 34 56 78."


@pytest.fixture
def moderator():
    return UserFactory(moderator=True, first_name="Maud", last_name="Modo")


@pytest.fixture
def moderator_client(client, moderator):
    client.force_login(moderator)
    return client


@pytest.fixture
def alert():
    verbatim = verbatim_create_for_test(ALERT_TEXT, invitation=True, status=ModerationStatus.ALERT)
    verbatim.analysis = {
        "spans": [
            {"kind": "name", "start": 54, "end": 59, "text": "Julie"},
            {"kind": "phone", "start": 63, "end": 77, "text": "06 12 34 56 78"},
        ],
        "alert_kinds": [AlertKind.VIOLENCE],
        "alert_terms": ["frappe"],
    }
    verbatim.flag_alert = True
    verbatim.save()
    return Alert.objects.create(verbatim=verbatim, kinds=[AlertKind.VIOLENCE])


@pytest.fixture
def cfa_author():
    return UserFactory(email="direction@cfa.example.fr", establishments=[EstablishmentFactory()])


def reply_create(author, text="Merci pour votre avis, Julie, nous allons en parler.", spans=True):
    verbatim = verbatim_create_for_test(
        "Les cours sont bien mais les horaires changent.", status=ModerationStatus.PUBLISHED
    )
    return EstablishmentReply.objects.create(
        verbatim=verbatim,
        establishment=verbatim.response.formation.formateur,
        author=author,
        text=text,
        analysis={"spans": [{"kind": "name", "start": 23, "end": 28, "text": "Julie"}]}
        if spans
        else {},
        flag_personal_data=spans,
    )


@pytest.fixture
def reply(cfa_author):
    return reply_create(cfa_author)


@pytest.fixture
def public_report():
    verbatim = verbatim_create_for_test(
        "Le formateur Kevin Durand est nul.", status=ModerationStatus.PUBLISHED
    )
    span = {"kind": "name", "start": 13, "end": 25, "text": "Kevin Durand"}
    verbatim.analysis = {"spans": [span]}
    verbatim.save(update_fields=["analysis"])
    return Report.objects.create(
        verbatim=verbatim,
        source=ReportSource.PUBLIC,
        reason=ReportReason.PERSONAL_DATA,
        explanation="Le nom d'un formateur est cité.",
        reporter_email="lecteur@example.org",
    )


@pytest.fixture
def establishment_report(cfa_author):
    verbatim = verbatim_create_for_test(
        "Ce CFA est une arnaque.", status=ModerationStatus.PUBLISHED
    )
    return Report.objects.create(
        verbatim=verbatim,
        source=ReportSource.ESTABLISHMENT,
        reason=ReportReason.AUTHENTICITY,
        explanation="Personne de ce nom chez nous.",
        reporter=cfa_author,
        establishment=cfa_author.establishments.get(),
    )
