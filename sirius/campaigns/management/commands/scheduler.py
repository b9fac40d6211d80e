import argparse
import signal
import threading
import time

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import close_old_connections, connection
from django.utils import timezone
from django.utils.dateparse import parse_datetime

from sirius.campaigns.scheduler import scheduler_round


class Command(BaseCommand):
    help = (
        "Planificateur : chaque minute, crée les invitations des campagnes ouvertes, met en file "
        "les premiers e-mails et les relances dues, suit les envois, expire les invitations ; "
        "une fois par jour, purge les données personnelles et les vieux résultats de tâches. "
        "SIGTERM arrête proprement à la fin de l'étape en cours."
    )

    def add_arguments(self, parser):
        parser.add_argument("--once", action="store_true", help="Fait un seul tour, puis s'arrête.")
        parser.add_argument(
            "--interval",
            type=float,
            default=None,
            help="Secondes entre deux tours (défaut : SIRIUS_SCHEDULER_INTERVAL_SECONDS).",
        )
        # For tests: the time the rounds believe it is (ISO 8601 with an offset).
        parser.add_argument("--now", default=None, help=argparse.SUPPRESS)

    def handle(self, *args, once=False, interval=None, now=None, **options):
        fixed_now = None
        if now:
            fixed_now = parse_datetime(now)
            if fixed_now is None or timezone.is_naive(fixed_now):
                raise CommandError("--now attend une date ISO 8601 avec fuseau horaire.")
        interval = settings.SIRIUS_SCHEDULER_INTERVAL_SECONDS if interval is None else interval
        stop = threading.Event()
        previous = {
            signum: signal.signal(signum, lambda *_: stop.set())
            for signum in (signal.SIGTERM, signal.SIGINT)
        }
        try:
            self.stdout.write(f"scheduler : un tour toutes les {interval:g} s")
            while not stop.is_set():
                if not connection.in_atomic_block:
                    close_old_connections()
                started = time.monotonic()
                result = scheduler_round(now=fixed_now, should_stop=stop.is_set)
                if result.skipped:
                    self.stdout.write("scheduler : tour sauté (un autre planificateur tourne)")
                elif summary := result.summary():
                    self.stdout.write(f"scheduler : {summary}")
                if once:
                    break
                stop.wait(max(interval - (time.monotonic() - started), 0))
        finally:
            for signum, handler in previous.items():
                signal.signal(signum, handler)
        self.stdout.write("scheduler arrêté")
