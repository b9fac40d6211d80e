import io
from datetime import datetime, timedelta

import pytest
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from sirius.audit.models import Event
from sirius.campaigns.enums import InvitationState
from sirius.campaigns.models import Contact, Invitation
from sirius.campaigns.retention import personal_data_purge, retention_cutoff
from sirius.emails.enums import EmailKind, EmailStatus
from sirius.emails.models import Email
from tests.factories import CampaignFactory, FormationFactory, invitation_create_for_test

NOW = timezone.make_aware(datetime(2027, 12, 15, 10, 0))


def months_ago(months, days=0):
    return (retention_cutoff(NOW, months) - timedelta(days=days)).date()


def campaign_ended(months, days=1, **kwargs):
    """A campaign whose closing day was `months` months (and `days` days) before NOW."""
    return CampaignFactory(
        opens_on=months_ago(months + 2), closes_on=months_ago(months, days), **kwargs
    )


def contact(formation, email, **kwargs):
    return Contact.objects.create(
        formation=formation, email=email, phone="+33612345678", first_name="Léa", **kwargs
    )


def invite(campaign, person, state=InvitationState.SENT):
    invitation, token = invitation_create_for_test(campaign)
    Invitation.objects.filter(pk=invitation.pk).update(contact=person, state=state)
    return Invitation.objects.get(pk=invitation.pk), token


def queue_email(address, kind=EmailKind.INVITATION):
    return Email.objects.create(
        to_address=address,
        subject="Ton avis",
        body_text="…",
        kind=kind,
        status=EmailStatus.SENT,
        sent_at=NOW,
    )


def imported_at(person, moment):
    Contact.objects.filter(pk=person.pk).update(created_at=moment)


@pytest.fixture
def formation(db):
    return FormationFactory()


@pytest.fixture
def world(formation):
    """old: only in a campaign ended 13 months ago; recent: 11 months ago; both: in both;
    early: in a campaign closed early 13 months ago though its closing day was 10 months ago;
    lonely_old / lonely_new: never invited, imported 13 / 11 months ago."""
    old_campaign = campaign_ended(13, formation=formation)
    recent_campaign = campaign_ended(11, formation=formation)
    early_campaign = CampaignFactory(
        formation=formation,
        opens_on=months_ago(14),
        closes_on=months_ago(10),
        closed_at=timezone.make_aware(datetime.combine(months_ago(13), datetime.min.time())),
    )
    people = {
        name: contact(formation, f"{name}@example.fr")
        for name in ("old", "recent", "both", "early", "lonely_old", "lonely_new")
    }
    invitations = {
        "old": invite(old_campaign, people["old"]),
        "answered": invite(old_campaign, people["both"], state=InvitationState.ANSWERED),
        "recent": invite(recent_campaign, people["recent"]),
        "both_recent": invite(recent_campaign, people["both"]),
        "early": invite(early_campaign, people["early"]),
    }
    imported_at(people["lonely_old"], NOW - timedelta(days=400))
    imported_at(people["lonely_new"], NOW - timedelta(days=330))
    emails = {name: queue_email(f"{name}@example.fr") for name in people}
    return people, invitations, emails


def purged_names(people):
    return sorted(
        name
        for name, person in people.items()
        if Contact.objects.filter(pk=person.pk, purged_at__isnull=False).exists()
    )


class TestPurge:
    def test_simulation_changes_nothing(self, world):
        people, _invitations, _emails = world
        before = {
            "contacts": list(Contact.objects.values_list("email", "phone", "first_name")),
            "invitations": list(
                Invitation.objects.values_list("token_salt", "token_hash", "state")
            ),
            "emails": Email.objects.count(),
        }

        summary = personal_data_purge(now=NOW, wet_run=False)

        assert (summary.contacts, summary.invitations, summary.emails) == (3, 3, 3)
        assert before == {
            "contacts": list(Contact.objects.values_list("email", "phone", "first_name")),
            "invitations": list(
                Invitation.objects.values_list("token_salt", "token_hash", "state")
            ),
            "emails": Email.objects.count(),
        }
        assert purged_names(people) == []
        event = Event.objects.get(verb="personal_data.purge.simulated")
        assert event.data["contacts"] == 3
        assert event.data["wet_run"] is False
        assert not Event.objects.filter(verb="personal_data.purged").exists()

    def test_wet_run_purges_only_what_is_past_retention(self, world):
        people, _invitations, _emails = world

        summary = personal_data_purge(now=NOW, wet_run=True)

        assert (summary.contacts, summary.invitations, summary.emails) == (3, 3, 3)
        assert purged_names(people) == ["early", "lonely_old", "old"]
        old = Contact.objects.get(pk=people["old"].pk)
        assert (old.email, old.phone, old.first_name, old.purged_at) == ("", "", "", NOW)
        kept = Contact.objects.get(pk=people["both"].pk)
        assert (kept.email, kept.phone, kept.first_name) == (
            "both@example.fr",
            "+33612345678",
            "Léa",
        )
        # The rows stay, so counts stay.
        assert Contact.objects.count() == 6
        assert Invitation.objects.count() == 5
        event = Event.objects.get(verb="personal_data.purged")
        assert (event.data["contacts"], event.data["invitations"], event.data["emails"]) == (
            3,
            3,
            3,
        )
        assert event.data["retention_months"] == 12

    def test_invitation_links_are_destroyed(self, world):
        _people, invitations, _emails = world
        old_invitation, _token = invitations["old"]

        personal_data_purge(now=NOW, wet_run=True)

        old_invitation.refresh_from_db()
        assert old_invitation.token_salt == ""
        assert len(old_invitation.token_hash) == 64
        assert old_invitation.state == InvitationState.EXPIRED
        assert old_invitation.expires_at == NOW
        answered, _token = invitations["answered"]
        answered.refresh_from_db()
        assert answered.state == InvitationState.ANSWERED  # kept for the counts
        assert answered.token_salt == ""
        recent, _token = invitations["recent"]
        assert Invitation.objects.get(pk=recent.pk).token_salt == recent.token_salt

    def test_outbox_rows_to_purged_addresses_are_deleted(self, world, formation):
        _people, _invitations, _emails = world
        # The same address kept by another contact (another contract, still live): kept.
        imported_at(contact(formation, "early@example.fr", contract_start=months_ago(1)), NOW)

        summary = personal_data_purge(now=NOW, wet_run=True)

        assert summary.emails == 2
        remaining = sorted(Email.objects.values_list("to_address", flat=True))
        assert remaining == [
            "both@example.fr", "early@example.fr", "lonely_new@example.fr", "recent@example.fr",
        ]  # fmt: skip

    def test_second_run_does_nothing(self, world):
        personal_data_purge(now=NOW, wet_run=True)
        invitations = list(Invitation.objects.values_list("token_hash", flat=True))

        summary = personal_data_purge(now=NOW, wet_run=True)

        assert (summary.contacts, summary.invitations, summary.emails) == (0, 0, 0)
        assert list(Invitation.objects.values_list("token_hash", flat=True)) == invitations
        assert Event.objects.filter(verb="personal_data.purged").count() == 2

    def test_retention_setting(self, world, settings):
        people, _invitations, _emails = world
        settings.SIRIUS_CONTACT_RETENTION_MONTHS = 10

        personal_data_purge(now=NOW, wet_run=True)

        assert purged_names(people) == [
            "both",
            "early",
            "lonely_new",
            "lonely_old",
            "old",
            "recent",
        ]


class TestLinks:
    def test_the_personal_link_stops_working(self, client, settings, formation):
        settings.SIRIUS_CONTACT_RETENTION_MONTHS = 0
        campaign = CampaignFactory(
            formation=formation,
            opens_on=timezone.localdate() - timedelta(days=30),
            closes_on=timezone.localdate() - timedelta(days=1),
        )
        _invitation, token = invite(campaign, contact(formation, "lea@example.fr"))
        link = reverse("answer:invitation", kwargs={"token": token})
        before = client.get(link)
        assert before.status_code == 410  # the campaign's « closed » page: the link is known
        assert "answer/link_invalid.html" not in [template.name for template in before.templates]

        personal_data_purge(now=timezone.now(), wet_run=True)

        response = client.get(link)
        assert response.status_code == 404
        assert "answer/link_invalid.html" in [template.name for template in response.templates]


class TestCommand:
    def test_simulates_unless_wet_run(self, world):
        _people, _invitations, _emails = world
        stdout = io.StringIO()

        call_command("purge_personal_data", stdout=stdout)

        assert "Simulation (rien n'a été modifié)" in stdout.getvalue()
        assert "Relancez avec --wet-run" in stdout.getvalue()
        assert Contact.objects.with_personal_data().count() == 6

    def test_wet_run(self, formation):
        person = contact(formation, "a@example.fr")
        imported_at(person, timezone.now() - timedelta(days=400))
        stdout = io.StringIO()

        call_command("purge_personal_data", "--wet-run", stdout=stdout)

        assert "Purge effectuée" in stdout.getvalue()
        assert "1 contact(s)" in stdout.getvalue()
        assert not Contact.objects.with_personal_data().exists()
