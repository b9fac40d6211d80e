"""One round of the scheduler (`manage.py scheduler` runs one a minute).

Each round, in this order: create the invitations of open campaigns; read the outbox back (first
emails and reminders that left or failed, with the links scrubbed from their stored bodies);
suppressed addresses → bounced or unsubscribed; cancel the queued emails of stopped invitations;
expire invitations; queue due first emails, then due reminders. Once per local day (the first
round of the day): the retention purge, if `sirius.campaigns.retention.personal_data_purge`
exists, the pruning of old django_tasks results, and the open data file (`stats.opendata`).

Every function takes `now`, so tests drive the clock. Two schedulers never run a round at once:
a PostgreSQL advisory lock (or, on SQLite, a file lock next to the database) is held for the
round; a scheduler that finds it taken skips the round. Queueing is idempotent anyway (one
idempotency key per email), so even without the lock nothing would be sent twice.
"""

import contextlib
import dataclasses
import fcntl
import importlib
import logging
from dataclasses import asdict, dataclass, field
from datetime import timedelta
from pathlib import Path

from django.conf import settings
from django.db import connection, transaction
from django.utils import timezone

from sirius.audit.models import Event
from sirius.audit.services import event_record
from sirius.stats.opendata import opendata_write

from .outbox_sync import (
    invitation_emails_cancel_stopped,
    invitation_emails_scrub_sweep,
    invitations_expire,
    invitations_sync_first_emails,
    invitations_sync_suppressions,
)
from .reminders import reminders_queue, reminders_sync
from .sending import (
    first_emails_queue,
    invitations_create_for_open_campaigns,
)

logger = logging.getLogger(__name__)

# Key of the PostgreSQL advisory lock held during a round.
ROUND_LOCK_KEY = 7_301_842_552
DAILY_VERB = "scheduler.daily"
TASK_RESULTS_KEPT = timedelta(days=14)


@dataclass
class RoundResult:
    skipped: bool = False
    invitations_created: int = 0
    first_emails_synced: int = 0
    reminders_synced: int = 0
    suppressed: int = 0
    cancelled: int = 0
    expired: int = 0
    first_emails_queued: int = 0
    reminders_queued: int = 0
    daily: dict = field(default_factory=dict)

    def summary(self):
        return ", ".join(f"{key} {value}" for key, value in asdict(self).items() if value)


@contextlib.contextmanager
def round_lock():
    """Yield True when this process holds the round lock, False when another one does."""
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_try_advisory_lock(%s)", [ROUND_LOCK_KEY])
            acquired = cursor.fetchone()[0]
        try:
            yield acquired
        finally:
            if acquired:
                with connection.cursor() as cursor:
                    cursor.execute("SELECT pg_advisory_unlock(%s)", [ROUND_LOCK_KEY])
        return
    # One lock per database file: schedulers of other databases (tests) do not collide.
    database = str(connection.settings_dict["NAME"])
    path = Path(
        f"{database}.scheduler.lock" if "/" in database else settings.VAR_DIR / "scheduler.lock"
    )
    path.parent.mkdir(parents=True, exist_ok=True)
    with open(path, "w") as lock_file:
        try:
            fcntl.flock(lock_file, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            yield False
            return
        try:
            yield True
        finally:
            fcntl.flock(lock_file, fcntl.LOCK_UN)


def scheduler_round(*, now=None, should_stop=None):
    """Run one round at `now` (default: the current time); return what it did."""
    now = now or timezone.now()
    with round_lock() as acquired:
        if not acquired:
            return RoundResult(skipped=True)
        result = RoundResult()
        result.invitations_created = invitations_create_for_open_campaigns(now=now)
        result.suppressed = invitations_sync_suppressions(now=now)
        result.first_emails_synced = invitations_sync_first_emails(now=now)
        result.reminders_synced = reminders_sync(now=now)
        result.cancelled = invitation_emails_cancel_stopped(now=now)
        result.expired = invitations_expire(now=now)
        result.first_emails_queued = first_emails_queue(now=now, should_stop=should_stop)
        result.reminders_queued = reminders_queue(now=now, should_stop=should_stop)
        if daily_due(now):
            result.daily = daily_run(now=now)
        return result


def daily_due(now):
    """True when no daily run is recorded for the local day of `now`."""
    today = timezone.localdate(now).isoformat()
    return not Event.objects.filter(verb=DAILY_VERB, object_id=today).exists()


def _personal_data_purge():
    """The retention purge, when the retention module provides it (None otherwise)."""
    try:
        module = importlib.import_module("sirius.campaigns.retention")
    except ImportError:
        return None
    return getattr(module, "personal_data_purge", None)


def task_results_prune(*, now):
    """Delete finished django_tasks results older than TASK_RESULTS_KEPT; return how many."""
    from django_tasks_db.models import DBTaskResult

    deleted, _ = (
        DBTaskResult.objects.finished().filter(finished_at__lte=now - TASK_RESULTS_KEPT).delete()
    )
    return deleted


def _counts(outcome):
    """The numbers of a job's outcome (a dataclass such as PurgeSummary, a dict or a number)."""
    if dataclasses.is_dataclass(outcome):
        outcome = dataclasses.asdict(outcome)
    if isinstance(outcome, dict):
        return {key: value for key, value in outcome.items() if isinstance(value, int | str)}
    return outcome if isinstance(outcome, int | str) else "done"


def daily_run(*, now):
    """The daily jobs; each failure is logged and does not stop the others. Recorded once a day."""
    done = {}
    purge = _personal_data_purge()
    if purge is None:
        done["purge"] = "absent"
    else:
        try:
            done["purge"] = _counts(purge(now=now, wet_run=True))
        except Exception:
            logger.exception("scheduler: the personal data purge failed")
            done["purge"] = "error"
    for name, job in (
        ("task_results_pruned", task_results_prune),
        ("links_scrubbed", lambda now: invitation_emails_scrub_sweep()),
        ("opendata_lines", lambda now: opendata_write()),
    ):
        try:
            done[name] = job(now=now)
        except Exception:
            logger.exception("scheduler: daily job %s failed", name)
            done[name] = "error"
    with transaction.atomic():
        event_record(
            verb=DAILY_VERB,
            object_type="scheduler",
            object_id=timezone.localdate(now).isoformat(),
            data=done,
        )
    return done
