"""What the import commands share: a progress bar on a terminal and the report of the outcome."""

from django.core.management.base import CommandError

from .errors import CatalogueImportError

PROGRESS_BAR_WIDTH = 30


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


def import_with_report(command, import_file, path, **options):
    """Run `import_file(path, progress=…, **options)` for a management command: a progress bar
    when stderr is a terminal, the summary on stdout; when the file is refused, every error on
    stderr and a CommandError (exit code 1)."""
    progress = ProgressBar(command.stderr) if command.stderr.isatty() else None
    try:
        summary = import_file(path, progress=progress, **options)
    except CatalogueImportError as error:
        if progress:
            progress.finish()
        command.stderr.write(str(error))
        count = len(error.errors)
        raise CommandError(
            f"Import annulé ({count} erreur{'s' if count > 1 else ''}).", returncode=1
        ) from None
    if progress:
        progress.finish()
    command.stdout.write(command.style.SUCCESS(str(summary)))
