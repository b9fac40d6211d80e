"""`manage.py import_catalogue PATH`: import the national catalogue of apprenticeship formations."""

from django.core.management.base import BaseCommand, CommandError

from sirius.referentiel.catalogue.services import CatalogueImportError, catalogue_import_file

PROGRESS_BAR_WIDTH = 30


class Command(BaseCommand):
    help = (
        "Importe le catalogue national des formations en apprentissage (CSV ou JSON). "
        "Tout ou rien : si une ligne est invalide, rien n'est enregistré."
    )

    def add_arguments(self, parser):
        parser.add_argument("path", help="fichier CSV (séparé par « ; » ou « , ») ou JSON")

    def handle(self, *args, path, **options):
        progress = ProgressBar(self.stderr) if self.stderr.isatty() else None
        try:
            summary = catalogue_import_file(path, progress=progress)
        except CatalogueImportError as error:
            if progress:
                progress.finish()
            self.stderr.write(str(error))
            count = len(error.errors)
            raise CommandError(
                f"Import annulé ({count} erreur{'s' if count > 1 else ''}).", returncode=1
            ) from None
        if progress:
            progress.finish()
        self.stdout.write(self.style.SUCCESS(str(summary)))


class ProgressBar:
    """A one-line progress bar redrawn in place, for a terminal."""

    def __init__(self, stream):
        self.stream = stream
        self.drawn = False

    def __call__(self, step, done, total):
        filled = PROGRESS_BAR_WIDTH * done // total if total else PROGRESS_BAR_WIDTH
        bar = "█" * filled + "·" * (PROGRESS_BAR_WIDTH - filled)
        percent = 100 * done // total if total else 100
        self.stream.write(f"\r{step:<15} {bar} {percent:3d} % ({done}/{total})", ending="")
        self.stream.flush()
        self.drawn = True

    def finish(self):
        if self.drawn:
            self.stream.write("")
            self.drawn = False
