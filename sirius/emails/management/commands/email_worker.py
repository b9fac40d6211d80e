import signal
import threading
import time

from django.conf import settings
from django.core.management.base import BaseCommand
from django.db import close_old_connections, connection

from sirius.emails.dispatch import email_dispatch_once, worker_id_new


class Command(BaseCommand):
    help = (
        "Envoie les e-mails en attente (boîte d'envoi) au rythme SIRIUS_EMAIL_RATE_PER_MINUTE : "
        "reprend les envois interrompus, prend un lot, l'envoie, recommence. SIGTERM arrête "
        "proprement après l'e-mail en cours."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--once", action="store_true", help="Envoie tout ce qui est dû, puis s'arrête."
        )
        parser.add_argument(
            "--batch-size",
            type=int,
            default=None,
            help="E-mails pris par lot (défaut : SIRIUS_EMAIL_BATCH_SIZE).",
        )
        parser.add_argument(
            "--poll-seconds",
            type=float,
            default=None,
            help="Attente quand rien n'est dû (défaut : SIRIUS_EMAIL_POLL_SECONDS).",
        )

    def handle(self, *args, once=False, batch_size=None, poll_seconds=None, **options):
        stop = threading.Event()
        previous = {
            signum: signal.signal(signum, lambda *_: stop.set())
            for signum in (signal.SIGTERM, signal.SIGINT)
        }
        try:
            self._run(stop, once=once, batch_size=batch_size, poll_seconds=poll_seconds)
        finally:
            for signum, handler in previous.items():
                signal.signal(signum, handler)

    def _run(self, stop, *, once, batch_size, poll_seconds):
        poll = settings.SIRIUS_EMAIL_POLL_SECONDS if poll_seconds is None else poll_seconds
        rate = settings.SIRIUS_EMAIL_RATE_PER_MINUTE
        worker = worker_id_new()
        self.stdout.write(f"email_worker {worker} : {rate or 'sans limite'} e-mails par minute")
        totals = {"sent": 0, "retried": 0, "failed": 0, "cancelled": 0}
        while not stop.is_set():
            _connections_refresh()
            started = time.monotonic()
            result = email_dispatch_once(
                worker=worker, batch_size=batch_size, should_stop=stop.is_set
            )
            for key in totals:
                totals[key] += getattr(result, key)
            if result.claimed == 0:
                if once and not result.rate_limited:
                    break
                stop.wait(poll if not result.rate_limited else min(poll, 1.0))
                continue
            if rate:
                # Spread the sends of this worker over the minute rather than in bursts.
                attempted = result.claimed - result.released - result.cancelled
                stop.wait(max(attempted * 60 / rate - (time.monotonic() - started), 0))
        _connections_refresh()
        self.stdout.write(
            "email_worker {worker} arrêté : {sent} envoyés, {retried} à réessayer, "
            "{failed} en échec, {cancelled} annulés".format(worker=worker, **totals)
        )


def _connections_refresh():
    """Drop a database connection that is too old or broken (not inside a transaction)."""
    if not connection.in_atomic_block:
        close_old_connections()
