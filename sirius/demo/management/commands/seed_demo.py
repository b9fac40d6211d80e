from django.core.management.base import BaseCommand
from django.db import transaction

from sirius.accounts.enums import ObserverScope, Role
from sirius.accounts.models import User
from sirius.accounts.services import user_create
from sirius.demo.catalogue import demo_catalogue_rows
from sirius.referentiel.catalogue.services import catalogue_import_rows
from sirius.referentiel.enums import Region
from sirius.referentiel.models import Establishment, Formation

DEMO_PASSWORD = "sirius-demo-2026"


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
            self.stdout.write(self.style.SUCCESS(f"Données de démonstration chargées : {summary}"))
        self._print_accounts()

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
