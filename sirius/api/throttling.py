"""The API's rate limit: fixed one-period windows counted in the database.

Why the database: the limit must hold across every web process and machine. The sign-in
throttle (sirius.accounts.throttle) stores one row per failed attempt, which suits a few
failures but not 1,000 API reads a second; Django's cache is not configured (each process would
keep its own local-memory counts). So each request runs one statement that inserts or increments
its client's counter for the current window and returns the new count (`INSERT … ON CONFLICT DO
UPDATE … RETURNING`, on SQLite ≥ 3.35 and PostgreSQL alike). Windows older than the current one
that ended are deleted, at most once a minute, by a process opening a new window.

Counting in batches: one write per request would cost the database a commit per API read (at
1,000 reads a second, the main cost of a cached read). So each process keeps a tally per client
(`ProcessTallies`) and writes it only every `batch` requests, at least once a second, and at the
first request of each window; a request that would cross the limit by the process's reckoning
always writes first and is judged on the shared count. `batch` is SIRIUS_API_RATE_TOLERANCE
percent of the limit (1 % by default): each process may admit at most `batch - 1` requests the
others have not heard of yet, so a client may exceed its limit by about
`processes × tolerance %` (2 % with two web processes), never more; hits a process has not
written yet when the window ends are not counted (in the client's favour, same bound). A limit
under 100 requests (100 / tolerance) is counted exactly, one write per request. Once the shared
count says a client is over its limit, the rest of its window is refused without a write.

A client is its API key when it sends a valid one (SIRIUS_API_KEY_RATE), otherwise its IP
address, read from REMOTE_ADDR and kept only as an HMAC (SIRIUS_API_ANONYMOUS_RATE).
"""

import hashlib
import hmac
import math
import threading
import time
from dataclasses import dataclass

from django.conf import settings
from django.db import connection

from .models import ApiRateWindow

PERIODS = {"s": 1, "sec": 1, "min": 60, "m": 60, "h": 3600, "hour": 3600, "d": 86400, "day": 86400}
# Seconds between two deletions of old windows by one process.
CLEANUP_INTERVAL_SECONDS = 60
# A process writes its tally of a client at least this often while the client calls.
FLUSH_INTERVAL_SECONDS = 1.0
_cleanup = {"last": 0.0}

# Adds a process's batch of hits to its client's window and returns the shared count.
_UPSERT = (
    f"INSERT INTO {ApiRateWindow._meta.db_table} (bucket, window_start, hits) "
    "VALUES (%s, %s, %s) "
    "ON CONFLICT (bucket, window_start) "
    f"DO UPDATE SET hits = {ApiRateWindow._meta.db_table}.hits + EXCLUDED.hits "
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


def batch_size(rate):
    """How many requests of a client one process may count before writing them."""
    return max(1, int(rate.limit * settings.SIRIUS_API_RATE_TOLERANCE / 100))


@dataclass
class _Tally:
    window_start: int
    shared: int = 0  # the client's count in the database at this process's last write
    pending: int = 0  # requests this process admitted and has not written yet
    written_at: float = 0.0


class ProcessTallies:
    """One process's view of its clients' counts, shared by its threads."""

    def __init__(self):
        self._lock = threading.Lock()
        self._tallies = {}

    def clear(self):
        with self._lock:
            self._tallies.clear()

    def _forget_ended(self, window_start):
        for bucket in [b for b, t in self._tallies.items() if t.window_start < window_start]:
            del self._tallies[bucket]

    def hit(self, bucket, rate, now):
        """Count one request; (allowed, hits) where hits is the shared count as far as this
        process knows it."""
        window_start = int(now // rate.period * rate.period)
        batch = batch_size(rate)
        with self._lock:
            tally = self._tallies.get(bucket)
            if tally is None or tally.window_start != window_start:
                if len(self._tallies) > 10_000:
                    self._forget_ended(window_start)
                tally = self._tallies[bucket] = _Tally(window_start)
            elif tally.shared >= rate.limit:
                return False, tally.shared + tally.pending + 1  # refused, nothing to write
            elif (
                tally.pending + 1 < batch
                and now - tally.written_at < FLUSH_INTERVAL_SECONDS
                and tally.shared + tally.pending + 1 <= rate.limit
            ):
                tally.pending += 1
                return True, tally.shared + tally.pending
            count, tally.pending = tally.pending + 1, 0
        with connection.cursor() as cursor:
            cursor.execute(_UPSERT, [bucket, window_start, count])
            hits = cursor.fetchone()[0]
        with self._lock:
            tally.shared = max(tally.shared, hits)
            tally.written_at = now
            known = hits + tally.pending
        if hits == count:  # this write opened the window
            _ended_windows_delete(now)
        return known <= rate.limit, known


_process_tallies = ProcessTallies()


def rate_hit(bucket, rate, *, now=None, tallies=None):
    """Count one request of `bucket` in the current window and say whether it is allowed."""
    now = time.time() if now is None else now
    allowed, hits = (tallies or _process_tallies).hit(bucket, rate, now)
    window_start = int(now // rate.period * rate.period)
    retry_after = max(1, math.ceil(window_start + rate.period - now))
    return Verdict(allowed=allowed, rate=rate, hits=hits, retry_after=retry_after)
