import time

from django.core.management.base import BaseCommand

from sirius.audit.services import event_record
from sirius.stats.recompute import aggregates_recompute


class Command(BaseCommand):
    help = (
        "Recalcule tous les agrégats (formations, établissements, départements, régions, "
        "France) à partir des réponses envoyées et des commentaires publiés."
    )

    def handle(self, *args, **options):
        started = time.monotonic()
        rows = aggregates_recompute()
        elapsed = time.monotonic() - started
        event_record(verb="stats.recomputed", data={"rows": rows})
        self.stdout.write(f"{rows} agrégats recalculés en {elapsed:.1f} s.")
