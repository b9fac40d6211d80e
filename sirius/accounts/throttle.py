"""Sign-in throttling: failed attempts are rows of `FailedLogin`, shared by every web process.

An email address is refused after `LOGIN_THROTTLE_MAX_FAILURES` failures within
`LOGIN_THROTTLE_WINDOW_SECONDS`; an IP address after ten times as many.
"""

from datetime import timedelta

from django.conf import settings
from django.utils import timezone

from .models import FailedLogin

IP_MULTIPLIER = 10


def window():
    return timedelta(seconds=settings.LOGIN_THROTTLE_WINDOW_SECONDS)


def _retry_at(failures, limit, now):
    """When the oldest failure that keeps the count at `limit` leaves the window, or None."""
    recent = failures.filter(created_at__gt=now - window()).order_by("-created_at")
    blocking = list(recent.values_list("created_at", flat=True)[limit - 1 : limit])
    return blocking[0] + window() if blocking else None


def login_retry_at(*, email, ip_address, now=None):
    """The moment sign-in may be tried again for this email or IP address, or None if allowed."""
    now = now or timezone.now()
    limit = settings.LOGIN_THROTTLE_MAX_FAILURES
    candidates = [_retry_at(FailedLogin.objects.filter(email=email), limit, now)]
    if ip_address:
        candidates.append(
            _retry_at(FailedLogin.objects.filter(ip_address=ip_address), limit * IP_MULTIPLIER, now)
        )
    candidates = [moment for moment in candidates if moment is not None]
    return max(candidates) if candidates else None


def login_failure_add(*, email, ip_address, now=None):
    """Store one failure and prune the rows that left the window (opportunistic cleanup)."""
    now = now or timezone.now()
    FailedLogin.objects.filter(created_at__lte=now - window()).delete()
    return FailedLogin.objects.create(email=email, ip_address=ip_address or None, created_at=now)


def login_failures_clear(*, email):
    FailedLogin.objects.filter(email=email).delete()
