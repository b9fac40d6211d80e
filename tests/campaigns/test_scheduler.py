"""The scheduler: one round at a time, the command, the daily jobs."""

import sys
import threading

import pytest
from django.core.management import call_command
from django.db import connection

from sirius.audit.models import Event
from sirius.campaigns import scheduler
from sirius.campaigns.models import Invitation
from sirius.campaigns.scheduler import round_lock, scheduler_round
from sirius.emails.models import Email

from .sending_helpers import at, campaign_create, contact_create, round_at

pytestmark = pytest.mark.django_db


def test_the_command_runs_one_round_at_the_given_time(capsys):
    campaign = campaign_create()
    contact_create(campaign.formation, "a@example.org")
    contact_create(campaign.formation, "b@example.org")

    call_command("scheduler", "--once", "--now", at(0).isoformat())

    output = capsys.readouterr().out
    assert "invitations_created 2" in output
    assert "first_emails_queued 2" in output
    assert "scheduler arrêté" in output
    assert Email.objects.count() == 2


def test_the_command_refuses_a_naive_time():
    with pytest.raises(Exception, match="fuseau"):
        call_command("scheduler", "--once", "--now", "2026-03-02T10:00:00")


def test_a_second_scheduler_skips_the_round_while_the_first_holds_the_lock():
    campaign = campaign_create()
    contact_create(campaign.formation)
    held, release, done = threading.Event(), threading.Event(), threading.Event()

    def other_scheduler():
        try:
            with round_lock() as acquired:
                assert acquired
                held.set()
                release.wait(timeout=10)
        finally:
            connection.close()
            done.set()

    thread = threading.Thread(target=other_scheduler)
    thread.start()
    try:
        assert held.wait(timeout=10)
        assert scheduler_round(now=at(0)).skipped
        assert not Invitation.objects.exists()
    finally:
        release.set()
        thread.join(timeout=10)
    assert done.is_set()
    assert not scheduler_round(now=at(0)).skipped
    assert Email.objects.count() == 1


def test_expired_invitations_are_marked_expired():
    campaign = campaign_create()
    contact_create(campaign.formation)
    round_at(at(0))
    invitation = Invitation.objects.get()
    assert round_at(invitation.expires_at).expired == 1
    invitation.refresh_from_db()
    assert invitation.state == "expired"


class TestDaily:
    def test_runs_once_per_local_day_and_calls_the_purge(self, monkeypatch):
        calls = []

        def purge(*, now, wet_run):
            calls.append((now, wet_run))
            return {"contacts": 0}

        monkeypatch.setattr(scheduler, "_personal_data_purge", lambda: purge)
        assert round_at(at(0, hour=1)).daily["purge"] == {"contacts": 0}
        assert round_at(at(0, hour=23)).daily == {}
        assert round_at(at(1, hour=0)).daily != {}
        assert calls == [(at(0, hour=1), True), (at(1, hour=0), True)]
        days = Event.objects.filter(verb="scheduler.daily").values_list("object_id", flat=True)
        assert sorted(days) == [at(0).date().isoformat(), at(1).date().isoformat()]

    def test_calls_the_retention_purge_for_real(self):
        purge = round_at(at(0)).daily["purge"]
        assert purge["wet_run"] is True
        assert purge["contacts"] == 0
        event = Event.objects.get(verb="scheduler.daily")
        assert event.data["purge"]["contacts"] == 0

    def test_skips_a_missing_purge(self, monkeypatch):
        monkeypatch.setitem(sys.modules, "sirius.campaigns.retention", None)
        daily = round_at(at(0)).daily
        assert daily["purge"] == "absent"
        assert daily["task_results_pruned"] == 0

    def test_a_failing_purge_does_not_stop_the_round(self, monkeypatch):
        def purge(*, now, wet_run):
            raise RuntimeError("boom")

        monkeypatch.setattr(scheduler, "_personal_data_purge", lambda: purge)
        campaign = campaign_create()
        contact_create(campaign.formation)
        result = round_at(at(0))
        assert result.daily["purge"] == "error"
        assert result.first_emails_queued == 1
