from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError

from sirius.campaigns.links import invitation_link
from sirius.campaigns.models import Campaign
from sirius.campaigns.services import CampaignError, invitation_create


class Command(BaseCommand):
    help = "Crée des invitations personnelles pour une campagne et affiche leurs liens."

    def add_arguments(self, parser):
        parser.add_argument("campaign", help="identifiant public (UUID) de la campagne")
        parser.add_argument("--count", type=int, default=1, help="nombre d'invitations (1 à 1000)")

    def handle(self, *args, campaign, count, **options):
        if not 1 <= count <= 1000:
            raise CommandError("--count doit être compris entre 1 et 1000.")
        try:
            target = Campaign.objects.get(public_id=campaign)
        except (Campaign.DoesNotExist, ValidationError) as error:
            raise CommandError(f"Aucune campagne d'identifiant « {campaign} ».") from error
        for _ in range(count):
            try:
                _invitation, raw_token = invitation_create(campaign=target)
            except CampaignError as error:
                raise CommandError(str(error)) from error
            self.stdout.write(invitation_link(raw_token))
