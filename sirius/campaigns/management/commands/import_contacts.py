"""`manage.py import_contacts PATH [--formation CLE]`: import a national or regional roster."""

from django.core.management.base import BaseCommand, CommandError

from sirius.campaigns.roster.services import contacts_import_file
from sirius.referentiel.catalogue.command import import_with_report
from sirius.referentiel.models import Formation


class Command(BaseCommand):
    help = (
        "Importe un fichier de contacts d'apprentis (CSV ou XLSX) : email et/ou téléphone, "
        "prénom, formation (clé ministère éducatif ou CFD), début et fin du contrat. "
        "Tout ou rien : si une ligne est invalide, rien n'est enregistré. Réimporter le même "
        "fichier ne crée pas de doublon."
    )

    def add_arguments(self, parser):
        parser.add_argument("path", help="fichier CSV (séparé par « ; » ou « , ») ou XLSX")
        parser.add_argument(
            "--formation",
            metavar="CLE",
            help="clé ministère éducatif de la formation des lignes sans colonne « formation »",
        )

    def handle(self, *args, path, formation=None, **options):
        fixed = None
        if formation:
            fixed = Formation.objects.filter(cle_ministere_educatif=formation.strip()).first()
            if fixed is None:
                raise CommandError(f"Formation inconnue : {formation}", returncode=1)
        import_with_report(self, contacts_import_file, path, formation=fixed)
