"""The API's rate limit: fixed one-period windows counted in the database.

Why the database: the limit must hold across every web process and machine. The sign-in
throttle (sirius.accounts.throttle) stores one row per failed attempt, which suits a few
failures but not 1,000 API reads a second; Django's cache is not configured (each process would
keep its own local-memory counts). So each request runs one statement that inserts or increments
its client's counter for the current window and returns the new count (`INSERT … ON CONFLICT DO
UPDATE … RETURNING`, on SQLite ≥ 3.35 and PostgreSQL alike). Windows older than the current one
that ended are deleted, at most once a minute, by a process opening a new window.

A client is its API key when it sends a valid one (SIRIUS_API_KEY_RATE), otherwise its IP
address, read from REMOTE_ADDR and kept only as an HMAC (SIRIUS_API_ANONYMOUS_RATE).
"""

import hashlib
import hmac
import math
import time
from dataclasses import dataclass

from django.conf import settings
from django.db import connection

from .models import ApiRateWindow

PERIODS = {"s": 1, "sec": 1, "min": 60, "m": 60, "h": 3600, "hour": 3600, "d": 86400, "day": 86400}
# Seconds between two deletions of old windows by one process.
CLEANUP_INTERVAL_SECONDS = 60
_cleanup = {"last": 0.0}

_UPSERT = (
    f"INSERT INTO {ApiRateWindow._meta.db_table} (bucket, window_start, hits) "
    "VALUES (%s, %s, 1) "
    "ON CONFLICT (bucket, window_start) "
    f"DO UPDATE SET hits = {ApiRateWindow._meta.db_table}.hits + 1 "
    "RETURNING hits"
)


@dataclass(frozen=True)
class Rate:
    limit: int
    period: int

    @classmethod
    def parse(cls, text):
        """« 60/min » → Rate(60, 60); also /s, /h, /day."""
        count, _, unit = str(text).strip().partition("/")
        if not count.strip().isdigit() or unit.strip() not in PERIODS:
            raise ValueError(f"Débit invalide : {text!r} (exemple : « 60/min »).")
        return cls(int(count), PERIODS[unit.strip()])

    @property
    def per_minute(self):
        return self.limit * 60 // self.period


@dataclass(frozen=True)
class Verdict:
    allowed: bool
    rate: Rate
    hits: int
    retry_after: int


def anonymous_rate():
    return Rate.parse(settings.SIRIUS_API_ANONYMOUS_RATE)


def key_rate():
    return Rate.parse(settings.SIRIUS_API_KEY_RATE)


def address_bucket(address):
    digest = hmac.new(settings.SECRET_KEY.encode(), str(address).encode(), hashlib.sha256)
    return "ip:" + digest.hexdigest()[:40]


def key_bucket(api_key):
    return f"key:{api_key.pk}"


def _ended_windows_delete(now):
    """Delete the windows that ended (at most once a minute per process)."""
    if time.monotonic() - _cleanup["last"] < CLEANUP_INTERVAL_SECONDS:
        return
    _cleanup["last"] = time.monotonic()
    longest = max(anonymous_rate().period, key_rate().period)
    ApiRateWindow.objects.filter(window_start__lt=now - longest).delete()


def rate_hit(bucket, rate, *, now=None):
    """Count one request of `bucket` in the current window and say whether it is allowed."""
    now = time.time() if now is None else now
    window_start = int(now // rate.period * rate.period)
    with connection.cursor() as cursor:
        cursor.execute(_UPSERT, [bucket, window_start])
        hits = cursor.fetchone()[0]
    if hits == 1:
        _ended_windows_delete(now)
    retry_after = max(1, math.ceil(window_start + rate.period - now))
    return Verdict(allowed=hits <= rate.limit, rate=rate, hits=hits, retry_after=retry_after)
