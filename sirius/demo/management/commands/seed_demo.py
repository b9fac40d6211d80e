from datetime import timedelta

from django.core.management.base import BaseCommand
from django.db import transaction
from django.utils import timezone

from sirius.accounts.enums import ObserverScope, Role
from sirius.accounts.models import User
from sirius.accounts.services import user_create
from sirius.campaigns.links import invitation_link, open_link
from sirius.campaigns.models import Campaign
from sirius.campaigns.services import campaign_create, invitation_create
from sirius.demo.catalogue import demo_catalogue_rows
from sirius.demo.responses import demo_responses_exist, demo_responses_seed
from sirius.demo.reviews import DEMO_REVIEWS_CAMPAIGN_NAME, demo_reviews_seed
from sirius.referentiel.catalogue.services import catalogue_import_rows
from sirius.referentiel.enums import Region
from sirius.referentiel.models import Establishment, Formation
from sirius.stats.recompute import aggregates_recompute

DEMO_PASSWORD = "sirius-demo-2026"
DEMO_CAMPAIGN_NAME = "Campagne de démonstration"
DEMO_INVITATIONS_PER_RUN = 3


class Command(BaseCommand):
    help = (
        "Charge les données de démonstration (établissements, formations, un compte par rôle) "
        "si la base est vide, puis affiche les comptes de démonstration."
    )

    def handle(self, *args, **options):
        if Formation.objects.exists() or User.objects.exists():
            self.stdout.write("La base contient déjà des données : rien n'est ajouté.")
        else:
            with transaction.atomic():
                summary = catalogue_import_rows(demo_catalogue_rows(), source="seed_demo")
                self._create_accounts()
                self._create_campaign()
            self.stdout.write(self.style.SUCCESS(f"Données de démonstration chargées : {summary}"))
        self._seed_reviews()
        self._seed_responses()
        self._print_accounts()
        self._print_answer_links()

    def _create_accounts(self):
        first = Formation.objects.select_related("gestionnaire").order_by("pk").first()
        gestionnaire = first.gestionnaire
        user_create(email="admin@sirius.demo", role=Role.ADMIN, password=DEMO_PASSWORD)
        user_create(email="moderation@sirius.demo", role=Role.MODERATOR, password=DEMO_PASSWORD)
        user_create(
            email="cfa@sirius.demo",
            role=Role.ESTABLISHMENT,
            password=DEMO_PASSWORD,
            establishments=[gestionnaire],
        )
        user_create(
            email="observateur@sirius.demo",
            role=Role.OBSERVER,
            password=DEMO_PASSWORD,
            scope_kind=ObserverScope.REGION,
            scope_code=first.region,
        )

    def _seed_reviews(self):
        """Apprentices' reviews and the moderation work around them, once (also in a database
        seeded before they existed)."""
        moderator = User.objects.filter(email="moderation@sirius.demo").first()
        cfa_user = User.objects.filter(email="cfa@sirius.demo").first()
        if moderator is None or cfa_user is None:
            return
        if Campaign.objects.filter(name=DEMO_REVIEWS_CAMPAIGN_NAME).exists():
            return
        with transaction.atomic():
            count = demo_reviews_seed(moderator=moderator, cfa_user=cfa_user)
        self.stdout.write(self.style.SUCCESS(f"{count} commentaires d'apprentis modérés ajoutés."))

    def _seed_responses(self):
        """Submitted answers in bulk for most formations, then the aggregates from scratch."""
        if not Formation.objects.exists() or demo_responses_exist():
            return
        with transaction.atomic():
            count = demo_responses_seed()
            aggregates_recompute()
        self.stdout.write(self.style.SUCCESS(f"{count} réponses d'apprentis ajoutées."))

    def _create_campaign(self):
        """A campaign for the demo CFA's first formation, both doors open for two months."""
        today = timezone.localdate()
        campaign_create(
            formation=Formation.objects.order_by("pk").first(),
            name=DEMO_CAMPAIGN_NAME,
            opens_on=today - timedelta(days=7),
            closes_on=today + timedelta(days=60),
            invitations_enabled=True,
            open_link_enabled=True,
        )

    def _print_answer_links(self):
        """The open link and fresh invitation links, so anyone can answer as an apprentice."""
        campaign = (
            Campaign.objects.filter(name=DEMO_CAMPAIGN_NAME).select_related("formation").first()
        )
        if campaign is None:
            return
        self.stdout.write(f"Répondre comme un apprenti ({campaign.formation.intitule}) :")
        self.stdout.write(f"  Lien ouvert (QR code)      {open_link(campaign)}")
        for _ in range(DEMO_INVITATIONS_PER_RUN):
            _invitation, raw_token = invitation_create(campaign=campaign)
            self.stdout.write(f"  Invitation personnelle     {invitation_link(raw_token)}")
        self.stdout.write("")

    def _print_accounts(self):
        demo_users = User.objects.filter(email__endswith="@sirius.demo").order_by("role")
        if not demo_users:
            return
        self.stdout.write(f"\nComptes de démonstration (mot de passe : {DEMO_PASSWORD})")
        for user in demo_users.prefetch_related("establishments"):
            detail = ", ".join(e.name for e in user.establishments.all())
            if user.role == Role.OBSERVER:
                detail = f"{user.get_scope_kind_display()} : {Region(user.scope_code).label}"
            self.stdout.write(f"  {user.get_role_display():<24} {user.email:<28} {detail}")
        self.stdout.write(
            f"\n{Establishment.objects.count()} établissements, "
            f"{Formation.objects.count()} formations.\n"
        )
