"""`manage.py import_catalogue PATH`: import the national catalogue of apprenticeship formations."""

from django.core.management.base import BaseCommand

from sirius.referentiel.catalogue.command import import_with_report
from sirius.referentiel.catalogue.services import catalogue_import_file


class Command(BaseCommand):
    help = (
        "Importe le catalogue national des formations en apprentissage (CSV ou JSON). "
        "Tout ou rien : si une ligne est invalide, rien n'est enregistré."
    )

    def add_arguments(self, parser):
        parser.add_argument("path", help="fichier CSV (séparé par « ; » ou « , ») ou JSON")

    def handle(self, *args, path, **options):
        import_with_report(self, catalogue_import_file, path)
