"""Benchmark of email dispatch: `.venv/bin/python bench/email_dispatch.py`.

Queues 10,000 emails (rendered from templates/emails/notice.*, with List-Unsubscribe headers) in
PostgreSQL (BENCH_EMAIL_DATABASE_URL, default postgres://postgres@127.0.0.1:5432/sirius_bench_email,
created if missing, migrated, outbox emptied), starts a local SMTP sink (aiosmtpd, in its own
process) and two `manage.py email_worker --once` processes at an unlimited rate, then checks every
Message-ID the sink received against the outbox: duplicates and lost emails must both be 0.
"""

import json
import os
import re
import signal
import subprocess
import sys
import time
from pathlib import Path

from common import (
    ROOT,
    django_environment,
    ensure_postgres_database,
    free_port,
    migrate_and_empty,
    run_child,
)

POSTGRES_URL = os.environ.get(
    "BENCH_EMAIL_DATABASE_URL", "postgres://postgres@127.0.0.1:5432/sirius_bench_email"
)
EMAILS = int(os.environ.get("BENCH_EMAILS", "10000"))
WORKERS = 2
MESSAGE_ID = re.compile(rb"^Message-ID:\s*(<[^>\r\n]+>)", re.IGNORECASE | re.MULTILINE)


# --- The SMTP sink (child process) ---------------------------------------------------------------
def sink(port, output):
    from aiosmtpd.controller import Controller

    received = []

    class Handler:
        async def handle_DATA(self, server, session, envelope):
            match = MESSAGE_ID.search(envelope.content)
            received.append(match.group(1).decode() if match else "")
            return "250 OK"

    controller = Controller(Handler(), hostname="127.0.0.1", port=port)
    controller.start()
    stop = []
    signal.signal(signal.SIGTERM, lambda *_: stop.append(True))
    print("ready", flush=True)
    while not stop:
        time.sleep(0.1)
    controller.stop()
    Path(output).write_text(json.dumps(received))


# --- Django side (child processes) ---------------------------------------------------------------
def prepare():
    """Migrate, empty the outbox and queue EMAILS emails; print the time it took."""
    import django

    django.setup()
    from django.db import transaction

    from sirius.emails.enums import EmailKind
    from sirius.emails.models import Email, EmailSuppression
    from sirius.emails.services import email_queue, render_email, unsubscribe_headers

    migrate_and_empty(Email, EmailSuppression, statement="TRUNCATE")
    start = time.perf_counter()
    with transaction.atomic():
        for index in range(EMAILS):
            to = f"apprenti{index:05d}@example.org"
            subject, text, html = render_email(
                "notice",
                {
                    "subject": "Ton avis sur ta formation",
                    "heading": f"Bonjour apprenti {index}",
                    "paragraphs": ["Le centre de formation te demande ton avis.", "5 minutes."],
                    "action_url": f"https://sirius.example/r/{index:08d}/",
                    "action_label": "Donner mon avis",
                },
            )
            email_queue(
                to=to,
                subject=subject,
                text=text,
                html=html,
                headers=unsubscribe_headers(to),
                kind=EmailKind.INVITATION,
                idempotency_key=f"bench:{index}",
            )
    print(json.dumps({"queue_seconds": round(time.perf_counter() - start, 2)}))


def check(received_path):
    """Compare what the sink received with the outbox; print JSON."""
    import django

    django.setup()
    from django.db.models import Count, Max, Min

    from sirius.emails.models import Email

    received = json.loads(Path(received_path).read_text())
    counts = {}
    for message_id in received:
        counts[message_id] = counts.get(message_id, 0) + 1
    expected = set(Email.objects.values_list("message_id", flat=True))
    statuses = dict(Email.objects.values_list("status").annotate(n=Count("pk")))
    span = Email.objects.aggregate(first=Min("sent_at"), last=Max("sent_at"))
    print(
        json.dumps(
            {
                "statuses": statuses,
                "received": len(received),
                "duplicates": sum(count - 1 for count in counts.values() if count > 1),
                "lost": len(expected - set(counts)),
                "unexpected": len(set(counts) - expected),
                "send_span_seconds": (span["last"] - span["first"]).total_seconds(),
            }
        )
    )


# --- Orchestration -------------------------------------------------------------------------------
def email_environment(port):
    """Django on the benchmark database, sending to the SMTP sink on `port` at no rate limit."""
    return django_environment(
        DATABASE_URL=POSTGRES_URL,
        EMAIL_BACKEND="django.core.mail.backends.smtp.EmailBackend",
        EMAIL_HOST="127.0.0.1",
        EMAIL_PORT=str(port),
        EMAIL_USE_TLS="false",
        EMAIL_USE_SSL="false",
        SIRIUS_EMAIL_RATE_PER_MINUTE="0",
        SIRIUS_SITE_URL="https://sirius.example",
        SIRIUS_UNSUBSCRIBE_MAILTO="desinscription@sirius.example",
        SIRIUS_LOG_LEVEL="WARNING",
    )


def main():
    if not ensure_postgres_database(POSTGRES_URL):
        sys.exit(f"PostgreSQL injoignable ({POSTGRES_URL}) : mesure non lancée.")
    port = free_port()
    env = email_environment(port)
    prepared = run_child(__file__, ["--prepare"], env, "--prepare a échoué.")
    print(f"{EMAILS} e-mails mis en file en {prepared['queue_seconds']:.1f} s ({POSTGRES_URL})")

    output = ROOT / "var" / "bench" / "email-sink.json"
    output.parent.mkdir(parents=True, exist_ok=True)
    sink_process = subprocess.Popen(
        [sys.executable, __file__, "--sink", str(port), str(output)],
        stdout=subprocess.PIPE,
        text=True,
        cwd=ROOT,
    )
    assert sink_process.stdout.readline().strip() == "ready"
    start = time.perf_counter()
    workers = [
        subprocess.Popen(
            [sys.executable, "manage.py", "email_worker", "--once"],
            env=env,
            cwd=ROOT,
            stdout=subprocess.DEVNULL,
        )
        for _ in range(WORKERS)
    ]
    codes = [worker.wait() for worker in workers]
    elapsed = time.perf_counter() - start
    sink_process.send_signal(signal.SIGTERM)
    sink_process.wait(timeout=30)
    sink_process.stdout.close()
    if any(codes):
        sys.exit(f"un email_worker a échoué : codes de sortie {codes}")

    result = run_child(__file__, ["--check", str(output)], env, "--check a échoué.")
    print(f"{WORKERS} processus email_worker, débit illimité, lots de 50, puits SMTP aiosmtpd")
    print(f"  durée (démarrage des processus compris) : {elapsed:.1f} s")
    print(f"  débit : {EMAILS / elapsed:.0f} e-mails/s", end="")
    span = result["send_span_seconds"]
    print(f" ; {EMAILS / span:.0f} e-mails/s entre le premier et le dernier envoi ({span:.1f} s)")
    print(f"  états : {result['statuses']}")
    print(f"  reçus par le puits : {result['received']}")
    print(f"  doublons : {result['duplicates']}, perdus : {result['lost']}")
    if result["duplicates"] or result["lost"] or result["unexpected"]:
        sys.exit("ÉCHEC : doublons ou e-mails perdus.")


if __name__ == "__main__":
    if sys.argv[1:2] == ["--sink"]:
        sink(int(sys.argv[2]), sys.argv[3])
    elif sys.argv[1:2] == ["--prepare"]:
        prepare()
    elif sys.argv[1:2] == ["--check"]:
        check(sys.argv[2])
    else:
        main()
