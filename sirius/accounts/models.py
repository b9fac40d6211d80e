from django.contrib.auth.base_user import AbstractBaseUser, BaseUserManager
from django.contrib.auth.models import PermissionsMixin
from django.db import models
from django.db.models import Q
from django.db.models.functions import Lower
from django.utils import timezone

from .enums import ObserverScope, Role


class UserManager(BaseUserManager):
    use_in_migrations = True

    @classmethod
    def normalize_email(cls, email):
        """Addresses are stored in lower case, so that sign-in ignores case."""
        return (email or "").strip().lower()

    def create_user(self, email, password=None, **fields):
        if not email:
            raise ValueError("Une adresse e-mail est obligatoire.")
        user = self.model(email=self.normalize_email(email), **fields)
        user.set_password(password)
        user.save(using=self._db)
        return user

    def create_superuser(self, email, password=None, **fields):
        fields.update(role=Role.ADMIN, is_staff=True, is_superuser=True)
        return self.create_user(email, password, **fields)


class User(AbstractBaseUser, PermissionsMixin):
    """A person who signs in: CFA staff, observer, moderator or admin.

    Apprentices have no account.
    """

    email = models.EmailField("adresse e-mail", unique=True)
    first_name = models.CharField("prénom", max_length=150, blank=True)
    last_name = models.CharField("nom", max_length=150, blank=True)
    role = models.CharField("rôle", max_length=20, choices=Role.choices)
    establishments = models.ManyToManyField(
        "referentiel.Establishment",
        verbose_name="établissements",
        related_name="staff",
        blank=True,
    )
    scope_kind = models.CharField(
        "périmètre d'observation", max_length=20, choices=ObserverScope.choices, blank=True
    )
    scope_code = models.CharField("code région ou département", max_length=3, blank=True)
    scope_rncp_codes = models.JSONField("codes RNCP (OPCO)", default=list, blank=True)
    is_active = models.BooleanField("actif", default=True)
    is_staff = models.BooleanField("accès à l'administration Django", default=False)
    date_joined = models.DateTimeField("créé le", default=timezone.now)

    objects = UserManager()

    USERNAME_FIELD = "email"
    EMAIL_FIELD = "email"
    REQUIRED_FIELDS = []

    class Meta:
        verbose_name = "utilisateur"
        ordering = ["email"]
        constraints = [
            models.CheckConstraint(
                name="user_observer_has_scope",
                condition=(Q(role=Role.OBSERVER) & ~Q(scope_kind=""))
                | (~Q(role=Role.OBSERVER) & Q(scope_kind="")),
            ),
            models.CheckConstraint(
                name="user_scope_code_matches_kind",
                condition=(
                    Q(scope_kind__in=[ObserverScope.REGION, ObserverScope.DEPARTEMENT])
                    & ~Q(scope_code="")
                )
                | (
                    ~Q(scope_kind__in=[ObserverScope.REGION, ObserverScope.DEPARTEMENT])
                    & Q(scope_code="")
                ),
            ),
            models.CheckConstraint(
                name="user_only_admins_are_staff",
                condition=Q(role=Role.ADMIN) | Q(is_staff=False, is_superuser=False),
            ),
            models.UniqueConstraint(Lower("email"), name="user_email_unique_ignoring_case"),
        ]

    def __str__(self):
        return self.email

    def get_full_name(self):
        return f"{self.first_name} {self.last_name}".strip() or self.email

    def get_short_name(self):
        return self.first_name or self.email


class FailedLogin(models.Model):
    """One failed sign-in, kept for the throttling window (shared by every web process)."""

    email = models.CharField("adresse e-mail saisie", max_length=254)
    ip_address = models.GenericIPAddressField("adresse IP", null=True)
    created_at = models.DateTimeField("date", default=timezone.now, db_index=True)

    class Meta:
        verbose_name = "échec de connexion"
        verbose_name_plural = "échecs de connexion"
        ordering = ["-created_at"]
        indexes = [
            models.Index(fields=["email", "created_at"], name="failedlogin_email_created"),
            models.Index(fields=["ip_address", "created_at"], name="failedlogin_ip_created"),
        ]

    def __str__(self):
        return f"{self.email} {self.ip_address} {self.created_at:%Y-%m-%d %H:%M}"
