"""`manage.py purge_personal_data [--wet-run]`: purge contacts past retention (rule 8)."""

from django.core.management.base import BaseCommand

from sirius.campaigns.retention import personal_data_purge


class Command(BaseCommand):
    help = (
        "Efface les données personnelles des contacts (e-mail, téléphone, prénom) et désactive "
        "les liens d'invitation SIRIUS_CONTACT_RETENTION_MONTHS mois après la fin de leurs "
        "campagnes. Sans --wet-run, simule seulement et affiche ce qui serait fait."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--wet-run", action="store_true", help="effacer vraiment (sinon : simulation)"
        )

    def handle(self, *args, wet_run=False, **options):
        summary = personal_data_purge(wet_run=wet_run)
        style = self.style.SUCCESS if wet_run else self.style.WARNING
        self.stdout.write(style(str(summary)))
        if not wet_run:
            self.stdout.write("Relancez avec --wet-run pour effacer.")
