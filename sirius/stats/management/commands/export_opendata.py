import time

from django.core.management.base import BaseCommand

from sirius.stats.opendata import opendata_path, opendata_write


class Command(BaseCommand):
    help = (
        "Écrit le fichier de données ouvertes (une ligne par formation dont les résultats sont "
        "publics) ; le scheduler le refait chaque jour."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--path", help="Fichier à écrire (par défaut : dans SIRIUS_OPENDATA_DIR)."
        )

    def handle(self, *args, **options):
        started = time.monotonic()
        path = options["path"] or opendata_path()
        lines = opendata_write(path)
        elapsed = time.monotonic() - started
        plural = "s" if lines > 1 else ""
        self.stdout.write(
            f"{lines} formation{plural} écrite{plural} dans {path} en {elapsed:.1f} s."
        )
