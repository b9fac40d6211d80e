"""Open-link protection: rate limits counted on the responses themselves, and keyed hashes.

Limits apply when a new response starts through an open link: per address (all campaigns) and per
campaign, over the last hour. The counts read `Response` rows, so every web process shares them.
"""

from datetime import timedelta

from django.conf import settings
from django.utils.crypto import salted_hmac

from .enums import Channel
from .models import Response

WINDOW = timedelta(hours=1)


def address_hash(address):
    """HMAC of an IP address with SECRET_KEY: comparable, never reversible to the address."""
    return salted_hmac("sirius.responses.address", address or "", algorithm="sha256").hexdigest()


def browser_key_hash(browser_key):
    return salted_hmac("sirius.responses.browser", browser_key, algorithm="sha256").hexdigest()


def open_link_limited(*, campaign, address_hash, now):
    """True when starting one more open-link response would exceed a limit."""
    recent = Response.objects.filter(channel=Channel.OPEN_LINK, started_at__gt=now - WINDOW)
    per_address = settings.SIRIUS_OPEN_LINK_MAX_PER_ADDRESS_PER_HOUR
    per_campaign = settings.SIRIUS_OPEN_LINK_MAX_PER_CAMPAIGN_PER_HOUR
    return (
        recent.filter(address_hash=address_hash)[:per_address].count() >= per_address
        or recent.filter(campaign=campaign)[:per_campaign].count() >= per_campaign
    )
