"""Invitations by email: creation for a roster, the first email through a real SMTP server."""

from datetime import date

import pytest

from sirius.audit.models import Event
from sirius.campaigns.enums import InvitationState
from sirius.campaigns.links import invitation_link
from sirius.campaigns.models import Invitation
from sirius.campaigns.outbox_sync import (
    invitation_emails_scrub_sweep,
)
from sirius.campaigns.sending import (
    LINK_REMOVED,
    email_key,
    invitations_create_for_campaign,
)
from sirius.campaigns.tokens import token_derive
from sirius.emails.enums import EmailKind, EmailStatus, SuppressionReason
from sirius.emails.models import Email
from sirius.emails.services import email_suppress
from tests.factories import FormationFactory

from .sending_helpers import at, campaign_create, contact_create, dispatch_at, round_at

pytestmark = pytest.mark.django_db


def link_of(invitation):
    return invitation_link(token_derive(invitation.token_salt))


class TestInvitationsCreate:
    def test_one_invitation_per_invitable_contact_and_idempotent(self):
        campaign = campaign_create(opens_on=date(2026, 9, 1), closes_on=date(2026, 10, 31))
        formation = campaign.formation
        now = at(0).replace(year=2026, month=9, day=15)
        kept = [
            contact_create(formation, "a@example.org"),
            contact_create(formation, "b@example.org", contract_start=date(2025, 9, 1)),
            contact_create(
                formation,
                "c@example.org",
                contract_start=date(2026, 10, 31),
                contract_end=date(2028, 6, 30),
            ),
            contact_create(formation, "d@example.org", contract_end=date(2026, 9, 1)),
        ]
        contact_create(formation, "", phone="0600000000")  # no email
        contact_create(formation, "purged@example.org", purged_at=now)
        contact_create(formation, "Stop@Example.org")  # suppressed, whatever its case
        email_suppress(
            address="stop@example.org", reason=SuppressionReason.UNSUBSCRIBED, source="t"
        )
        contact_create(  # contract over before the campaign
            formation,
            "before@example.org",
            contract_start=date(2024, 9, 1),
            contract_end=date(2026, 8, 31),
        )
        contact_create(formation, "after@example.org", contract_start=date(2026, 11, 1))
        contact_create(FormationFactory(), "other@example.org")  # another formation

        assert invitations_create_for_campaign(campaign=campaign, now=now) == 4
        assert invitations_create_for_campaign(campaign=campaign, now=now) == 0

        invitations = Invitation.objects.filter(campaign=campaign)
        assert {i.contact_id for i in invitations} == {c.pk for c in kept}
        assert {i.state for i in invitations} == {InvitationState.PENDING}
        assert len({i.token_hash for i in invitations}) == 4
        event = Event.objects.get(verb="invitations.created")
        assert event.data == {"count": 4}

    def test_a_new_contact_of_an_open_campaign_is_invited_at_the_next_round(self):
        campaign = campaign_create()
        contact_create(campaign.formation, "a@example.org")
        assert round_at(at(0)).invitations_created == 1
        contact_create(campaign.formation, "b@example.org")
        assert round_at(at(0, hour=11)).invitations_created == 1
        assert round_at(at(0, hour=12)).invitations_created == 0
        assert campaign.invitations.count() == 2

    @pytest.mark.parametrize(
        "kwargs",
        [
            {"opens_on": at(3).date(), "closes_on": at(30).date()},  # not open yet
            {"opens_on": at(-30).date(), "closes_on": at(-1).date()},  # closed
            {"closed_at": at(-1)},  # closed early
            {"invitations_enabled": False, "open_link_enabled": True},
        ],
    )
    def test_no_invitation_and_no_email_outside_an_open_campaign(self, kwargs, smtp_server):
        campaign = campaign_create(**kwargs)
        contact_create(campaign.formation)
        assert invitations_create_for_campaign(campaign=campaign, now=at(0)) == 0
        round_at(at(0))
        dispatch_at(at(0))
        assert not Invitation.objects.exists()
        assert not Email.objects.exists()
        assert smtp_server.messages == []

    def test_invitations_made_before_the_close_get_no_email_after_it(self, smtp_server):
        campaign = campaign_create(closes_on=at(2).date())
        contact_create(campaign.formation)
        invitations_create_for_campaign(campaign=campaign, now=at(0))
        round_at(at(3))
        dispatch_at(at(3))
        assert not Email.objects.exists()
        assert smtp_server.messages == []


class TestFirstEmail:
    @pytest.fixture
    def sent(self, smtp_server, settings):
        settings.SITE_URL = "http://testserver"
        settings.SIRIUS_UNSUBSCRIBE_MAILTO = "desinscription@sirius.example"
        settings.DEFAULT_FROM_EMAIL = "Sirius <ne-pas-repondre@sirius.example>"
        campaign = campaign_create()
        contact_create(campaign.formation, "Lea@Example.org", first_name="Léa")
        result = round_at(at(0))
        assert (result.invitations_created, result.first_emails_queued) == (1, 1)
        assert dispatch_at(at(0, hour=11)).sent == 1
        [message] = smtp_server.messages
        return Invitation.objects.get(), message

    def test_headers(self, sent):
        invitation, message = sent
        email = Email.objects.get()
        assert email.idempotency_key == email_key(invitation.pk)
        assert email.kind == EmailKind.INVITATION
        assert message["From"] == "Sirius <ne-pas-repondre@sirius.example>"
        assert message["To"] == "lea@example.org"
        assert message["Subject"] == "Ton avis sur ta formation « Boulanger »"
        assert message["Date"].datetime is not None
        assert message["Message-ID"] == email.message_id
        unsubscribe = message["List-Unsubscribe"]
        assert "<http://testserver/desinscription/" in unsubscribe
        assert "<mailto:desinscription@sirius.example?subject=unsubscribe>" in unsubscribe
        assert message["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"

    def test_both_parts_say_who_asks_what_how_long_and_carry_the_link(self, sent):
        invitation, message = sent
        text = message.get_body(("plain",)).get_content()
        html = message.get_body(("html",)).get_content()
        link = link_of(invitation)
        for part in (text, html):
            assert "Bonjour Léa," in part
            assert "CAP « Boulanger » au centre de formation CFA du Pain (Lyon)" in part
            assert "Sirius, un service public" in part
            assert "Environ 7 minutes" in part
            assert "Ton centre de formation ne saura pas qui a répondu quoi." in part
            assert "au moins 5 réponses" in part
            assert "http://testserver/donnees-personnelles/" in part
            assert link in part
        assert f'<a href="{link}">Répondre au questionnaire</a>' in html
        assert '<meta name="viewport" content="width=device-width, initial-scale=1">' in html
        assert "Rappel" not in text

    def test_the_same_words_for_everyone_but_the_first_name_and_the_link(self, sent, smtp_server):
        invitation, message = sent
        other = contact_create(invitation.campaign.formation, "sam@example.org")
        round_at(at(0, hour=12))
        dispatch_at(at(0, hour=13))
        second = smtp_server.messages[1]
        other_invitation = Invitation.objects.get(contact=other)

        def neutral(msg, inv):
            text = msg.get_body(("plain",)).get_content().replace("\r\n", "\n")
            return (
                text.replace(link_of(inv), "LIEN")
                .replace("Bonjour Léa,", "Bonjour,")
                .split("\n--\n")[0]
            )

        assert neutral(message, invitation) == neutral(second, other_invitation)
        assert second["Subject"] == message["Subject"]

    def test_the_link_opens_the_answering_page_and_marks_the_invitation_opened(self, sent, client):
        invitation, message = sent
        text = message.get_body(("plain",)).get_content()
        [url] = [line for line in text.splitlines() if line.startswith("http://testserver/r/")]
        response = client.get(url.removeprefix("http://testserver"))
        assert response.status_code == 200
        assert "Donne ton avis sur ta formation en apprentissage" in response.content.decode()
        invitation.refresh_from_db()
        assert invitation.opened_at is not None

    def test_the_next_round_marks_it_sent_and_scrubs_the_link(self, sent):
        invitation, _message = sent
        email = Email.objects.get()
        assert link_of(invitation) in email.body_text  # until the round reads it back
        assert round_at(at(0, hour=12)).first_emails_synced == 1
        invitation.refresh_from_db()
        email.refresh_from_db()
        assert invitation.state == InvitationState.SENT
        assert invitation.sent_at == email.sent_at == at(0, hour=11)
        assert link_of(invitation) not in email.body_text
        assert link_of(invitation) not in email.body_html
        assert LINK_REMOVED in email.body_text
        assert LINK_REMOVED in email.body_html
        assert invitation.token_salt not in email.body_text
        # Nothing in the outbox holds the token any more.
        token = token_derive(invitation.token_salt)
        assert not Email.objects.filter(body_text__contains=token).exists()
        assert not Email.objects.filter(body_html__contains=token).exists()

    def test_two_rounds_in_a_row_queue_nothing_twice(self, sent, smtp_server):
        round_at(at(0, hour=12))
        round_at(at(0, hour=12))
        dispatch_at(at(0, hour=13))
        assert Email.objects.count() == 1
        assert len(smtp_server.messages) == 1

    def test_the_daily_sweep_scrubs_what_the_rounds_missed(self, sent):
        invitation, _message = sent
        Invitation.objects.filter(pk=invitation.pk).update(state=InvitationState.BOUNCED)
        round_at(at(0, hour=12))
        assert link_of(invitation) in Email.objects.get().body_text
        assert invitation_emails_scrub_sweep() == 1
        assert link_of(invitation) not in Email.objects.get().body_text


class TestRoundBeforeDispatch:
    def test_a_queued_email_keeps_its_link_until_sent(self, smtp_server):
        campaign = campaign_create()
        contact_create(campaign.formation)
        round_at(at(0))
        round_at(at(0, hour=11))
        invitation = Invitation.objects.get()
        assert invitation.state == InvitationState.PENDING
        assert Email.objects.get().status == EmailStatus.QUEUED
        assert link_of(invitation) in Email.objects.get().body_text

    def test_an_email_refused_for_good_bounces_the_invitation(self, smtp_server):
        campaign = campaign_create()
        contact_create(campaign.formation, "nobody@example.org")
        smtp_server.refuse("nobody@example.org", "550 5.1.1 No such user")
        round_at(at(0))
        dispatch_at(at(0, hour=11))
        assert Email.objects.get().status == EmailStatus.FAILED
        round_at(at(0, hour=12))
        invitation = Invitation.objects.get()
        assert invitation.state == InvitationState.BOUNCED
        assert invitation.sent_at is None
        assert link_of(invitation) not in Email.objects.get().body_text

    def test_a_closed_early_campaign_cancels_its_queued_emails(self, smtp_server):
        campaign = campaign_create()
        contact_create(campaign.formation)
        round_at(at(0))
        campaign.closed_at = at(0, hour=11)
        campaign.save()
        result = round_at(at(0, hour=12))
        assert result.cancelled == 1
        email = Email.objects.get()
        assert email.status == EmailStatus.CANCELLED
        assert "campagne fermée" in email.last_error
        assert link_of(Invitation.objects.get()) not in email.body_text
        dispatch_at(at(0, hour=13))
        assert smtp_server.messages == []
