"""`manage.py questionnaire_import PATH --slug default [--publish]`: a new version from a file.

The same services as the back office (/gestion/questionnaires/), for operators without a browser.
"""

from pathlib import Path

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from sirius.questionnaires import services
from sirius.questionnaires.models import Questionnaire


class Command(BaseCommand):
    help = (
        "Importe une définition de questionnaire (fichier JSON) comme nouvelle version "
        "(brouillon, ou publiée avec --publish). Rien n'est enregistré si le fichier est invalide."
    )

    def add_arguments(self, parser):
        parser.add_argument("path", help="fichier JSON de la définition")
        parser.add_argument(
            "--slug",
            default="default",
            help="identifiant du questionnaire (créé s'il n'existe pas) ; « default » par défaut",
        )
        parser.add_argument(
            "--publish", action="store_true", help="publier la nouvelle version aussitôt"
        )

    def handle(self, *args, path, slug, publish, **options):
        try:
            raw = Path(path).read_bytes()
        except OSError as error:
            raise CommandError(f"Fichier illisible : {path} ({error.strerror}).") from None
        try:
            with transaction.atomic():
                definition = services.definition_parse(raw)
                questionnaire = Questionnaire.objects.filter(slug=slug).first()
                if questionnaire is None:
                    questionnaire = services.questionnaire_create(
                        slug=slug, title=definition["title"], acting_user=None
                    )
                    self.stdout.write(f"Questionnaire « {slug} » créé.")
                version = services.questionnaire_version_create(
                    questionnaire=questionnaire, definition=definition, acting_user=None
                )
                if publish:
                    services.questionnaire_version_publish(version=version, acting_user=None)
        except ValidationError as error:
            for message in error.messages:
                self.stderr.write(message)
            count = len(error.messages)
            raise CommandError(
                f"Import refusé ({count} erreur{'s' if count > 1 else ''}) : rien n'a été "
                "enregistré.",
                returncode=1,
            ) from None
        state = "publiée" if publish else "enregistrée comme brouillon"
        self.stdout.write(
            self.style.SUCCESS(
                f"Version {version.number} du questionnaire « {slug} » {state} "
                f"({len(version.parsed.questions)} questions)."
            )
        )
