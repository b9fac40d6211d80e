"""Kill a real worker process in the middle of a batch, restart one, count what was received."""

import collections
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from django.db import connection

from sirius.emails.enums import EmailStatus
from sirius.emails.models import Email

from .helpers import queue_notice

BASE_DIR = Path(__file__).resolve().parent.parent.parent
CLAIM_TIMEOUT_SECONDS = 2


def worker_start(smtp_server, *args):
    env = {
        **os.environ,
        "SIRIUS_TEST_DATABASE_NAME": str(connection.settings_dict["NAME"]),
        "SIRIUS_TEST_SMTP_PORT": str(smtp_server.port),
        "SIRIUS_EMAIL_RATE_PER_MINUTE": "0",
        "SIRIUS_EMAIL_CLAIM_TIMEOUT_SECONDS": str(CLAIM_TIMEOUT_SECONDS),
        "SIRIUS_LOG_LEVEL": "WARNING",
    }
    return subprocess.Popen(
        [sys.executable, "-m", "tests.emails.worker_main", "--poll-seconds", "0.2", *args],
        cwd=BASE_DIR,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )


def wait_for(condition, timeout, message):
    deadline = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > deadline:
            pytest.fail(message)
        time.sleep(0.05)


@pytest.mark.django_db(transaction=True)
def test_killed_worker_loses_nothing_and_resends_only_the_email_in_flight(smtp_server):
    emails = [queue_notice(f"apprenti{index:02d}@example.org") for index in range(30)]
    smtp_server.stall_after(10)

    first = worker_start(smtp_server, "--batch-size", "8")
    try:
        if not smtp_server.stalled.wait(timeout=60):
            pytest.fail("the worker never reached the stalled message: " + first.stdout.read())
        in_flight = {message["Message-ID"] for message in smtp_server.messages[10:]}
        first.send_signal(signal.SIGKILL)
        first.wait(timeout=10)
    finally:
        if first.poll() is None:
            first.kill()
            first.wait()
        first.stdout.close()
    assert len(in_flight) == 1
    statuses = collections.Counter(Email.objects.values_list("status", flat=True))
    # 10 sent; the message in flight and the rest of its batch are still claimed by the dead worker.
    assert statuses[EmailStatus.SENT] == 10
    assert statuses[EmailStatus.SENDING] == 6
    assert statuses[EmailStatus.QUEUED] == 14

    smtp_server.release()
    second = worker_start(smtp_server, "--batch-size", "8")
    try:
        wait_for(
            lambda: not Email.objects.exclude(status=EmailStatus.SENT).exists(),
            timeout=60,
            message="the restarted worker did not send everything",
        )
        second.send_signal(signal.SIGTERM)  # graceful stop
        output, _ = second.communicate(timeout=20)
    finally:
        if second.poll() is None:
            second.kill()
            second.wait()
        second.stdout.close()
    assert second.returncode == 0, output
    assert "arrêté" in output

    received = collections.Counter(message["Message-ID"] for message in smtp_server.messages)
    expected = {email.message_id for email in emails}
    assert set(received) == expected  # nothing lost
    duplicates = {message_id for message_id, count in received.items() if count > 1}
    assert duplicates <= in_flight  # only the email in flight at the kill was sent twice
    assert max(received.values()) <= 2
    assert sum(received.values()) <= len(expected) + len(in_flight)
