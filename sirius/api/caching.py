"""HTTP caching of the API's answers: a strong ETag (SHA-256 of the body) and a public
Cache-Control, so partners and shared caches can keep a response five minutes and revalidate it
cheaply (`If-None-Match` → 304 without a body)."""

import hashlib

from django.http import HttpResponseNotModified

CACHE_CONTROL = "public, max-age=300"
NO_STORE = "no-store"


def body_etag(content):
    return '"' + hashlib.sha256(content).hexdigest()[:32] + '"'


def _matches(if_none_match, etag):
    if not if_none_match:
        return False
    candidates = {candidate.strip().removeprefix("W/") for candidate in if_none_match.split(",")}
    return "*" in candidates or etag in candidates


def cacheable(request, response):
    """Give a successful read its ETag and Cache-Control; answer 304 when the client has it."""
    if request.method not in ("GET", "HEAD") or response.status_code != 200:
        response["Cache-Control"] = NO_STORE
        return response
    etag = body_etag(response.content)
    if _matches(request.headers.get("If-None-Match"), etag):
        response = HttpResponseNotModified()
    response["ETag"] = etag
    response["Cache-Control"] = CACHE_CONTROL
    return response
