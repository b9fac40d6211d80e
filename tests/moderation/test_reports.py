import pytest
from django.utils import timezone

from sirius.audit.models import Event
from sirius.moderation.enums import ModerationStatus, ReportReason, ReportSource, ReportStatus
from sirius.moderation.models import Report
from sirius.moderation.reports import (
    EXPLANATION_MAX_LENGTH,
    ReportRefused,
    report_create_by_establishment,
    report_create_by_public,
    report_resolve,
)
from tests.factories import EstablishmentFactory, UserFactory, verbatim_create_for_test

pytestmark = pytest.mark.django_db

WHY = "Nous n'avons jamais eu d'apprenti dans cette formation cette année."


@pytest.fixture
def verbatim():
    return verbatim_create_for_test("Cours nuls, atelier vétuste.", status="published")


@pytest.fixture
def staff(verbatim):
    return UserFactory(establishments=[verbatim.response.formation.formateur])


@pytest.fixture
def moderator():
    return UserFactory(moderator=True)


def reloaded(obj):
    obj.refresh_from_db()
    return obj


class TestByEstablishment:
    def test_records_who_for_which_centre_why_and_an_event(self, verbatim, staff):
        report = report_create_by_establishment(
            verbatim=verbatim, actor=staff, reason=ReportReason.AUTHENTICITY, explanation=WHY
        )

        report = reloaded(report)
        assert (report.source, report.reason, report.explanation) == (
            ReportSource.ESTABLISHMENT,
            ReportReason.AUTHENTICITY,
            WHY,
        )
        assert (report.reporter, report.establishment) == (
            staff,
            verbatim.response.formation.formateur,
        )
        assert report.status == ReportStatus.OPEN
        event = Event.objects.get(verb="report.created")
        assert (event.actor, event.data) == (staff, {"reason": "authenticity"})

    @pytest.mark.parametrize("reason", ReportReason.values)
    def test_an_explanation_is_required_whatever_the_reason(self, verbatim, staff, reason):
        for explanation in ("", "  \n"):
            with pytest.raises(ReportRefused, match="Expliquez"):
                report_create_by_establishment(
                    verbatim=verbatim, actor=staff, reason=reason, explanation=explanation
                )
        assert not Report.objects.exists()

    def test_another_centre_cannot_report_the_review(self, verbatim):
        outsider = UserFactory(establishments=[EstablishmentFactory()])

        with pytest.raises(ReportRefused, match="ne concerne pas"):
            report_create_by_establishment(
                verbatim=verbatim, actor=outsider, reason=ReportReason.DEFAMATION, explanation=WHY
            )
        assert not Report.objects.exists()
        assert not Event.objects.filter(verb="report.created").exists()

    def test_an_unknown_reason_or_a_too_long_explanation_is_refused(self, verbatim, staff):
        with pytest.raises(ReportRefused, match="motif"):
            report_create_by_establishment(
                verbatim=verbatim, actor=staff, reason="negative", explanation=WHY
            )
        with pytest.raises(ReportRefused, match=str(EXPLANATION_MAX_LENGTH)):
            report_create_by_establishment(
                verbatim=verbatim,
                actor=staff,
                reason=ReportReason.OTHER,
                explanation="x" * (EXPLANATION_MAX_LENGTH + 1),
            )
        assert not Report.objects.exists()


class TestByPublic:
    def test_anyone_may_report_a_published_review_without_giving_an_email(self, verbatim):
        report = report_create_by_public(verbatim=verbatim, reason=ReportReason.PERSONAL_DATA)

        report = reloaded(report)
        assert report.source == ReportSource.PUBLIC
        assert (report.reporter, report.establishment, report.reporter_email) == (None, None, "")
        event = Event.objects.get(verb="report.created")
        assert event.actor is None and event.data["source"] == "public"

    def test_the_email_is_kept_trimmed_for_the_outcome(self, verbatim):
        report = report_create_by_public(
            verbatim=verbatim, reason=ReportReason.DEFAMATION, email="  lecteur@example.org "
        )

        assert reloaded(report).reporter_email == "lecteur@example.org"

    def test_an_invalid_email_is_refused(self, verbatim):
        with pytest.raises(ReportRefused, match="e-mail"):
            report_create_by_public(
                verbatim=verbatim, reason=ReportReason.DEFAMATION, email="pas-une-adresse"
            )
        assert not Report.objects.exists()

    def test_other_needs_an_explanation(self, verbatim):
        with pytest.raises(ReportRefused, match="Expliquez"):
            report_create_by_public(verbatim=verbatim, reason=ReportReason.OTHER)

    @pytest.mark.parametrize(
        "status",
        [ModerationStatus.PENDING, ModerationStatus.REJECTED, ModerationStatus.ALERT],
    )
    def test_an_unpublished_review_cannot_be_reported_by_the_public(self, status):
        hidden = verbatim_create_for_test("Texte.", status=status)

        with pytest.raises(ReportRefused, match="pas publié"):
            report_create_by_public(verbatim=hidden, reason=ReportReason.DEFAMATION)
        assert not Report.objects.exists()


class TestResolve:
    @pytest.fixture
    def report(self, verbatim, staff):
        return report_create_by_establishment(
            verbatim=verbatim, actor=staff, reason=ReportReason.DEFAMATION, explanation=WHY
        )

    @pytest.mark.parametrize("outcome", [ReportStatus.UPHELD, ReportStatus.DISMISSED])
    def test_a_report_never_changes_the_review_by_itself(self, verbatim, moderator, outcome):
        published_at = verbatim.published_at
        report = report_create_by_public(verbatim=verbatim, reason=ReportReason.DEFAMATION)
        assert reloaded(verbatim).status == ModerationStatus.PUBLISHED

        report_resolve(report=report, actor=moderator, status=outcome)

        verbatim = reloaded(verbatim)
        assert (verbatim.status, verbatim.published_at) == (
            ModerationStatus.PUBLISHED,
            published_at,
        )
        assert not verbatim.decisions.exists()

    def test_resolving_records_who_when_and_the_note(self, report, moderator):
        now = timezone.now()

        report_resolve(
            report=report,
            actor=moderator,
            status=ReportStatus.DISMISSED,
            note="  Avis négatif mais légitime. ",
            now=now,
        )

        report = reloaded(report)
        assert (report.status, report.handled_by, report.handled_at, report.outcome_note) == (
            ReportStatus.DISMISSED,
            moderator,
            now,
            "Avis négatif mais légitime.",
        )
        event = Event.objects.get(verb="report.resolved")
        assert (event.actor, event.data) == (moderator, {"status": "dismissed"})

    def test_resolving_twice_is_refused_and_keeps_the_first_outcome(self, report, moderator):
        report_resolve(report=report, actor=moderator, status=ReportStatus.UPHELD)

        with pytest.raises(ReportRefused, match="déjà traité"):
            report_resolve(report=report, actor=moderator, status=ReportStatus.DISMISSED)

        assert reloaded(report).status == ReportStatus.UPHELD
        assert Event.objects.filter(verb="report.resolved").count() == 1

    def test_open_is_not_an_outcome(self, report, moderator):
        with pytest.raises(ReportRefused, match="fondé"):
            report_resolve(report=report, actor=moderator, status=ReportStatus.OPEN)

        assert reloaded(report).handled_at is None
