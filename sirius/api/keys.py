"""API keys: created once and shown once, stored as their SHA-256, looked up by that hash."""

import hashlib
import secrets
from datetime import timedelta

from django.db import transaction
from django.utils import timezone

from sirius.audit.services import event_record

from .models import ApiKey

KEY_PREFIX = "sirius_"
# `last_used_at` is written at most this often per key: reads must stay cheap.
LAST_USED_PRECISION = timedelta(minutes=1)


def key_hash(raw_key):
    return hashlib.sha256(raw_key.encode()).hexdigest()


def api_key_create(*, partner, name=""):
    """(ApiKey, raw key). The raw key exists only in the return value."""
    partner = partner.strip()
    if not partner:
        raise ValueError("Le nom du partenaire est obligatoire.")
    raw_key = KEY_PREFIX + secrets.token_urlsafe(32)
    with transaction.atomic():
        api_key = ApiKey.objects.create(
            partner=partner,
            name=name.strip(),
            prefix=raw_key[: len(KEY_PREFIX) + 4],
            key_hash=key_hash(raw_key),
        )
        event_record(verb="api_key.created", obj=api_key, data={"partner": partner})
    return api_key, raw_key


def api_key_revoke(*, api_key, actor=None):
    with transaction.atomic():
        api_key.revoked_at = timezone.now()
        api_key.save(update_fields=["revoked_at"])
        event_record(verb="api_key.revoked", actor=actor, obj=api_key)


def api_key_authenticate(raw_key, *, now=None):
    """The active key matching `raw_key`, or None (unknown or revoked). One query; a second,
    at most once a minute per key, to note when it was last used."""
    if not raw_key:
        return None
    api_key = ApiKey.objects.active().filter(key_hash=key_hash(raw_key.strip())).first()
    if api_key is None:
        return None
    now = now or timezone.now()
    if api_key.last_used_at is None or now - api_key.last_used_at >= LAST_USED_PRECISION:
        ApiKey.objects.filter(pk=api_key.pk).update(last_used_at=now)
        api_key.last_used_at = now
    return api_key
