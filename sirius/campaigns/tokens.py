"""Invitation tokens: 256 random bits in the link, only their SHA-256 in the database."""

import hashlib
import secrets

TOKEN_BYTES = 32  # secrets.token_urlsafe(32): 43 characters, 256 bits


def token_new():
    return secrets.token_urlsafe(TOKEN_BYTES)


def token_hash(raw_token):
    return hashlib.sha256(raw_token.encode()).hexdigest()
