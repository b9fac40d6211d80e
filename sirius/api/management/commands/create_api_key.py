from django.core.management.base import BaseCommand, CommandError

from sirius.api.keys import api_key_create


class Command(BaseCommand):
    help = (
        "Crée une clé d'API pour un partenaire et l'affiche une seule fois "
        "(seule son empreinte SHA-256 est gardée)."
    )

    def add_arguments(self, parser):
        parser.add_argument("partner", help="Nom du partenaire, par ex. « Région Bretagne ».")
        parser.add_argument("--name", default="", help="Usage de la clé (site, application).")

    def handle(self, *args, partner, name, **options):
        try:
            api_key, raw_key = api_key_create(partner=partner, name=name)
        except ValueError as error:
            raise CommandError(str(error)) from error
        self.stdout.write(f"Clé créée pour « {api_key.partner} » (début : {api_key.prefix}…).")
        self.stdout.write("Transmettez-la au partenaire : elle ne sera plus jamais affichée.")
        self.stdout.write(raw_key)
