"""Who calls the API and how often: an optional key in `X-Api-Key`, and the rate limit.

Anonymous calls are welcome (limit SIRIUS_API_ANONYMOUS_RATE per IP address); a valid key raises
the limit (SIRIUS_API_KEY_RATE per key); an unknown or revoked key is refused (401) rather than
silently served as anonymous, so a partner notices a revoked key at once.
"""

import threading
from dataclasses import dataclass

from ninja.errors import AuthenticationError, Throttled
from ninja.security import APIKeyHeader
from ninja.throttling import BaseThrottle

from .keys import api_key_authenticate
from .models import ApiKey
from .throttling import address_bucket, anonymous_rate, key_bucket, key_rate, rate_hit

API_KEY_HEADER = "X-Api-Key"


@dataclass(frozen=True)
class Client:
    address: str
    api_key: ApiKey | None = None

    def __bool__(self):  # ninja takes a falsy result for a refusal
        return True


def client_address(request):
    """The peer's address; a proxy in front must pass the real one as REMOTE_ADDR."""
    return request.META.get("REMOTE_ADDR", "")


def _counted(request, bucket, rate):
    verdict = rate_hit(bucket, rate)
    request.sirius_rate = verdict
    return verdict


class ApiKeyOptional(APIKeyHeader):
    """`X-Api-Key`, optional: absent → anonymous client, valid → keyed client, else 401."""

    param_name = API_KEY_HEADER

    def authenticate(self, request, key):
        address = client_address(request)
        if not key:
            return Client(address=address)
        api_key = api_key_authenticate(key)
        if api_key is None:
            # Bad keys count against the address, so guessing cannot bypass the limit.
            verdict = _counted(request, address_bucket(address), anonymous_rate())
            if not verdict.allowed:
                raise Throttled(wait=verdict.retry_after)
            raise AuthenticationError()
        return Client(address=address, api_key=api_key)


class ClientRateThrottle(BaseThrottle):
    """One counted request per call, in the client's bucket (see sirius.api.throttling)."""

    def __init__(self):
        self._local = threading.local()

    def allow_request(self, request):
        client = request.auth
        if client.api_key is not None:
            verdict = _counted(request, key_bucket(client.api_key), key_rate())
        else:
            verdict = _counted(request, address_bucket(client.address), anonymous_rate())
        self._local.wait = verdict.retry_after
        return verdict.allowed

    def wait(self):
        return getattr(self._local, "wait", None)
