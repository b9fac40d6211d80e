from django.db import models
from django.db.models import Q

from sirius.accounts.enums import ObserverScope, Role

from .enums import Niveau, Region
from .search import search_words
from .validators import validate_siret


class FormationQuerySet(models.QuerySet):
    def visible_to(self, user):
        """The formations a signed-in user may see in the private spaces.

        This is the one scoping rule: every list and detail of the CFA and observer spaces starts
        from it (campaigns, responses and statistics scope through their formation).
        """
        if not user.is_authenticated or not user.is_active:
            return self.none()
        if user.role in (Role.ADMIN, Role.MODERATOR):
            return self.all()
        if user.role == Role.ESTABLISHMENT:
            establishments = user.establishments.all()
            return self.filter(Q(formateur__in=establishments) | Q(gestionnaire__in=establishments))
        if user.role == Role.OBSERVER:
            return self.filter(observer_scope_q(user))
        return self.none()

    def matching(self, text):
        """Formations matching a staff member's free-text filter: every word (accents and case
        aside) in the intitulé, diplôme, codes, centre or commune — or exactly one CFD, RNCP or
        SIRET."""
        if not text.strip():
            return self
        code = text.replace(" ", "").upper()
        words = Q()
        for word in search_words(text):
            words &= (
                Q(search_text__contains=word)
                | Q(formateur__search_text__contains=word)
                | Q(localite__icontains=word)
            )
        return self.filter(
            words
            | Q(cfd=code)
            | Q(rncp=code)
            | Q(formateur__siret=code)
            | Q(gestionnaire__siret=code)
        )

    def for_establishment(self, establishment):
        return self.filter(Q(formateur=establishment) | Q(gestionnaire=establishment))


def observer_scope_q(user):
    if user.scope_kind == ObserverScope.NATIONAL:
        return Q()
    if user.scope_kind == ObserverScope.REGION:
        return Q(region=user.scope_code)
    if user.scope_kind == ObserverScope.DEPARTEMENT:
        return Q(departement=user.scope_code)
    if user.scope_kind == ObserverScope.OPCO:
        return Q(rncp__in=user.scope_rncp_codes or [])
    return Q(pk__in=[])


class EstablishmentQuerySet(models.QuerySet):
    def visible_to(self, user):
        """Establishments a user may see: their own, and those of the formations they may see."""
        if not user.is_authenticated or not user.is_active:
            return self.none()
        if user.role in (Role.ADMIN, Role.MODERATOR):
            return self.all()
        formations = Formation.objects.visible_to(user)
        scoped = Q(pk__in=formations.values("formateur")) | Q(
            pk__in=formations.values("gestionnaire")
        )
        if user.role == Role.ESTABLISHMENT:
            scoped |= Q(pk__in=user.establishments.values("pk"))
        return self.filter(scoped)


class Establishment(models.Model):
    """A CFA or training organisation, identified by its SIRET."""

    siret = models.CharField("SIRET", max_length=14, unique=True, validators=[validate_siret])
    uai = models.CharField("UAI", max_length=8, blank=True, db_index=True)
    raison_sociale = models.CharField("raison sociale", max_length=255, blank=True)
    enseigne = models.CharField("enseigne", max_length=255, blank=True)
    adresse = models.CharField("adresse", max_length=255, blank=True)
    code_postal = models.CharField("code postal", max_length=5, blank=True)
    localite = models.CharField("commune", max_length=255, blank=True)
    departement = models.CharField("département", max_length=3, blank=True, db_index=True)
    region = models.CharField("région", max_length=2, choices=Region.choices, blank=True)
    search_text = models.TextField(blank=True, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = EstablishmentQuerySet.as_manager()

    class Meta:
        verbose_name = "établissement"
        ordering = ["siret"]
        constraints = [
            models.CheckConstraint(
                name="establishment_siret_is_14_digits",
                condition=Q(siret__regex=r"^[0-9]{14}$"),
            ),
        ]

    def __str__(self):
        return f"{self.name} ({self.siret})"

    @property
    def name(self):
        return self.enseigne or self.raison_sociale or self.siret


class Formation(models.Model):
    """An apprenticeship offer of the national catalogue, keyed by `cle_ministere_educatif`."""

    cle_ministere_educatif = models.CharField("clé ministère éducatif", max_length=80, unique=True)
    cfd = models.CharField("CFD", max_length=8, blank=True, db_index=True)
    rncp = models.CharField("code RNCP", max_length=12, blank=True, db_index=True)
    intitule = models.CharField("intitulé", max_length=500)
    diplome = models.CharField("diplôme", max_length=255, blank=True)
    niveau = models.PositiveSmallIntegerField("niveau", choices=Niveau.choices, null=True)
    duree = models.PositiveSmallIntegerField("durée (années)", null=True, blank=True)
    adresse = models.CharField("adresse du lieu de formation", max_length=500, blank=True)
    code_postal = models.CharField("code postal", max_length=5, blank=True, db_index=True)
    code_commune_insee = models.CharField("code commune INSEE", max_length=5, blank=True)
    localite = models.CharField("commune", max_length=255, blank=True)
    departement = models.CharField("département", max_length=3, blank=True, db_index=True)
    region = models.CharField(
        "région", max_length=2, choices=Region.choices, blank=True, db_index=True
    )
    latitude = models.FloatField(null=True, blank=True)
    longitude = models.FloatField(null=True, blank=True)
    onisep_url = models.URLField("fiche Onisep", max_length=500, blank=True)
    formateur = models.ForeignKey(
        Establishment,
        verbose_name="établissement formateur",
        on_delete=models.PROTECT,
        related_name="formations_taught",
    )
    gestionnaire = models.ForeignKey(
        Establishment,
        verbose_name="établissement gestionnaire",
        on_delete=models.PROTECT,
        related_name="formations_managed",
    )
    catalogue_record = models.JSONField("fiche du catalogue", default=dict)
    catalogue_hash = models.CharField(max_length=64, editable=False)
    search_text = models.TextField(blank=True, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = FormationQuerySet.as_manager()

    class Meta:
        verbose_name = "formation"
        ordering = ["intitule", "cle_ministere_educatif"]
        constraints = [
            models.CheckConstraint(
                name="formation_niveau_between_3_and_7",
                condition=Q(niveau__isnull=True) | Q(niveau__gte=3, niveau__lte=7),
            ),
            models.CheckConstraint(
                name="formation_has_cfd_or_rncp",
                condition=~Q(cfd="") | ~Q(rncp=""),
            ),
        ]
        indexes = [
            # The formations of one offer across the years (sirius.referentiel.offers), looked
            # up on every formation page: a few rows per centre and postcode.
            models.Index(fields=["formateur", "code_postal"], name="formation_offer"),
        ]

    def __str__(self):
        return f"{self.intitule} — {self.formateur.name}"
