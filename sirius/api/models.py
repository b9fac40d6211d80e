"""Partner API keys and the request counters of the rate limit."""

from django.db import models


class ApiKeyQuerySet(models.QuerySet):
    def active(self):
        return self.filter(revoked_at__isnull=True)


class ApiKey(models.Model):
    """A partner's key for the public API. Only its SHA-256 is stored: the key itself is shown
    once, by `manage.py create_api_key`, and cannot be read again."""

    partner = models.CharField("partenaire", max_length=200)
    name = models.CharField("usage", max_length=200, blank=True)
    # The first characters of the key, enough to tell keys apart in the admin, not to use one.
    prefix = models.CharField("début de la clé", max_length=16, editable=False)
    key_hash = models.CharField(max_length=64, unique=True, editable=False)
    created_at = models.DateTimeField("créée le", auto_now_add=True)
    revoked_at = models.DateTimeField("révoquée le", null=True, blank=True)
    # Updated at most once a minute (sirius.api.keys.LAST_USED_PRECISION).
    last_used_at = models.DateTimeField("dernière utilisation", null=True, blank=True)

    objects = ApiKeyQuerySet.as_manager()

    class Meta:
        verbose_name = "clé d'API"
        verbose_name_plural = "clés d'API"
        ordering = ["partner", "created_at"]

    def __str__(self):
        return f"{self.partner} ({self.prefix}…)"

    @property
    def is_revoked(self):
        return self.revoked_at is not None


class ApiRateWindow(models.Model):
    """How many requests one client made in one window of the rate limit (fixed windows).

    `bucket` is "key:<ApiKey pk>" or "ip:<HMAC of the address>" (the address is not stored).
    Shared by every web process through the database; see sirius.api.throttling.
    """

    bucket = models.CharField(max_length=80)
    window_start = models.BigIntegerField("début de la fenêtre (secondes Unix)")
    hits = models.PositiveIntegerField(default=0)

    class Meta:
        db_table = "api_rate_window"
        constraints = [
            models.UniqueConstraint(
                fields=["bucket", "window_start"], name="api_rate_window_unique"
            ),
        ]
        indexes = [models.Index(fields=["window_start"], name="api_rate_window_start")]

    def __str__(self):
        return f"{self.bucket} @ {self.window_start}: {self.hits}"
