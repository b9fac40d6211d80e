from django.conf import settings
from django.db import models
from django.utils.functional import cached_property

from .definition import Definition


class Questionnaire(models.Model):
    """A family of versions (« default » is the questionnaire every campaign starts with)."""

    slug = models.SlugField("identifiant", unique=True)
    title = models.CharField("titre", max_length=255)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = "questionnaire"
        ordering = ["slug"]

    def __str__(self):
        return self.title


VERSION_CACHE_SIZE = 64
_VERSIONS_BY_PK = {}


class QuestionnaireVersionQuerySet(models.QuerySet):
    def published(self):
        return self.filter(published_at__isnull=False)

    def get_cached(self, pk):
        """A version by primary key, kept in this process: a version's definition never changes,
        and every page of the answering flow needs it."""
        version = _VERSIONS_BY_PK.get(pk)
        if version is None or version.published_at is None:
            version = self.select_related("questionnaire").get(pk=pk)
            if len(_VERSIONS_BY_PK) >= VERSION_CACHE_SIZE:
                _VERSIONS_BY_PK.clear()
            _VERSIONS_BY_PK[pk] = version
        return version

    def latest_published(self, slug="default"):
        """The version new campaigns use by default, or None."""
        return (
            self.published()
            .filter(questionnaire__slug=slug)
            .select_related("questionnaire")
            .order_by("-number")
            .first()
        )


class QuestionnaireVersion(models.Model):
    """One immutable definition. Editing a questionnaire creates a new version; responses keep
    the version they answered, and statistics map questions across versions by their id."""

    questionnaire = models.ForeignKey(
        Questionnaire, on_delete=models.PROTECT, related_name="versions"
    )
    number = models.PositiveIntegerField("version")
    definition = models.JSONField("définition")
    definition_hash = models.CharField(max_length=64, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    published_at = models.DateTimeField("publiée le", null=True, blank=True)
    published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    objects = QuestionnaireVersionQuerySet.as_manager()

    class Meta:
        verbose_name = "version de questionnaire"
        ordering = ["questionnaire", "-number"]
        constraints = [
            models.UniqueConstraint(
                fields=["questionnaire", "number"], name="questionnaire_version_number_unique"
            ),
            models.CheckConstraint(
                name="questionnaire_version_published_by_needs_date",
                condition=models.Q(published_by__isnull=True)
                | models.Q(published_at__isnull=False),
            ),
        ]

    def __str__(self):
        return f"{self.questionnaire} — version {self.number}"

    @cached_property
    def parsed(self):
        """The definition as objects (sections, questions, conditions)."""
        return Definition(self.definition)

    @property
    def is_published(self):
        return self.published_at is not None
