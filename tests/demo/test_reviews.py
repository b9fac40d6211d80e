import pytest
from django.core.management import call_command
from django.db.models import Count

from sirius.accounts.models import User
from sirius.demo.review_texts import MASK, SPAM
from sirius.emails.enums import EmailKind
from sirius.emails.models import Email
from sirius.moderation.decisions import proposed_spans
from sirius.moderation.enums import AlertStatus, ModerationStatus, RejectionReason, ReportStatus
from sirius.moderation.models import (
    Alert,
    EstablishmentReply,
    ModerationDecision,
    Report,
    VerbatimTheme,
)
from sirius.responses.models import Response, Verbatim

pytestmark = pytest.mark.django_db


@pytest.fixture
def seeded(capsys, settings):
    settings.SIRIUS_ALERT_REFERENTS = ["referent-alertes@sirius.demo"]
    call_command("seed_demo")
    return capsys.readouterr().out


def test_the_demo_fills_every_moderation_screen_with_real_routing(seeded):
    moderator = User.objects.get(email="moderation@sirius.demo")
    statuses = set(Verbatim.objects.values_list("status", flat=True))
    assert statuses == set(ModerationStatus.values)
    counts = sorted(
        Response.objects.submitted()
        .values("formation")
        .annotate(n=Count("pk"))
        .values_list("n", flat=True)
    )
    assert any(n >= 5 for n in counts) and any(0 < n < 5 for n in counts)

    pending = Verbatim.objects.pending()
    assert pending.filter(flag_insult=True).exists()
    assert pending.filter(flag_personal_data=True).exists()
    assert VerbatimTheme.objects.values("theme").distinct().count() >= 8
    assert Verbatim.objects.filter(pepite=True).exists()
    assert ModerationDecision.objects.filter(actor=None).count() >= 15

    masked = Verbatim.objects.get(text__contains=MASK)
    assert masked.status == ModerationStatus.PUBLISHED_MASKED
    assert masked.decisions.last().actor == moderator
    for span in proposed_spans(masked):
        assert span.text not in masked.public_text
    rejected = Verbatim.objects.get(text__contains=SPAM)
    assert (rejected.status, rejected.rejection_reason) == (
        ModerationStatus.REJECTED,
        RejectionReason.SPAM,
    )

    alerts = Alert.objects.all()
    assert alerts.count() == 2
    assert not Verbatim.objects.published().filter(alert__isnull=False).exists()
    followed = alerts.get(status=AlertStatus.IN_PROGRESS)
    assert followed.assigned_to == moderator and followed.notes.exists()
    assert Email.objects.filter(kind=EmailKind.ALERT).count() == 2

    reply = EstablishmentReply.objects.get()
    assert reply.status == ModerationStatus.PENDING
    assert reply.verbatim.is_published
    assert reply.author.email == "cfa@sirius.demo"
    report = Report.objects.get()
    assert report.status == ReportStatus.OPEN and report.verbatim.is_published
    assert "commentaires d'apprentis" in seeded


def test_a_second_run_adds_no_review(seeded, capsys):
    before = (Verbatim.objects.count(), ModerationDecision.objects.count(), Email.objects.count())

    call_command("seed_demo")

    after = (Verbatim.objects.count(), ModerationDecision.objects.count(), Email.objects.count())
    assert after == before
    assert "commentaires d'apprentis" not in capsys.readouterr().out
