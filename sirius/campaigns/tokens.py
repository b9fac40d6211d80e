"""Invitation tokens: 256 bits in the link, only their SHA-256 in the database.

A token is derived from a random per-invitation salt and the SECRET_KEY (HMAC-SHA256), so the
first email and every reminder can carry the same link without the link ever being stored: the
database alone (salt + hash) does not give the link back. Rotating SECRET_KEY invalidates the
links of open campaigns.
"""

import base64
import hashlib
import hmac
import secrets

from django.conf import settings

SALT_BYTES = 16


def token_salt_new():
    return secrets.token_hex(SALT_BYTES)


def token_derive(salt):
    digest = hmac.new(
        settings.SECRET_KEY.encode(), f"sirius.invitation:{salt}".encode(), hashlib.sha256
    ).digest()
    return base64.urlsafe_b64encode(digest).decode().rstrip("=")


def token_hash(raw_token):
    return hashlib.sha256(raw_token.encode()).hexdigest()
