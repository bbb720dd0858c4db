"""Age assurance for adult-content rooms: a pluggable provider behind one small protocol.

Havre never learns who the user is, only that a provider vouched for "18 or over": the "double
anonymity" model of Arcom's référentiel (the provider does not learn which site asked either, when the
token travels through the user's browser). A real provider is plugged by implementing
:class:`AgeAssurance` and naming it in ``age_assurance.provider``; ``test`` is a provider for tests and
demonstrations, whose tokens anyone holding the shared secret can mint.
"""

from __future__ import annotations

import hashlib
import hmac
import secrets
from collections import OrderedDict
from datetime import datetime
from typing import Protocol

_MAX_TOKEN = 512
_REMEMBERED_NONCES = 100_000


class AgeAssurance(Protocol):
    """Checks a proof that the bearer is an adult."""

    name: str

    def verify(self, token: str, now: datetime) -> bool:
        """Whether ``token`` is a valid, unexpired, unused proof of majority."""
        ...


class SharedSecretAgeAssurance:
    """Tokens ``v1.<expiry>.<nonce>.<hmac>`` signed with a shared secret; each nonce works once."""

    name = "test"

    def __init__(self, secret: str) -> None:
        self._secret = secret.encode()
        self._used: OrderedDict[str, None] = OrderedDict()

    def _sign(self, expiry: int, nonce: str) -> str:
        return hmac.new(self._secret, f"v1.{expiry}.{nonce}".encode(), hashlib.sha256).hexdigest()

    def issue(self, now: datetime, ttl_seconds: int = 600) -> str:
        """Mint a token valid for ``ttl_seconds`` (what a provider's page would hand the browser)."""
        expiry = int(now.timestamp()) + ttl_seconds
        nonce = secrets.token_hex(12)
        return f"v1.{expiry}.{nonce}.{self._sign(expiry, nonce)}"

    def verify(self, token: str, now: datetime) -> bool:
        """See ``AgeAssurance.verify``."""
        if len(token) > _MAX_TOKEN:
            return False
        parts = token.split(".")
        if len(parts) != 4 or parts[0] != "v1" or not parts[1].isdigit():
            return False
        expiry, nonce, signature = int(parts[1]), parts[2], parts[3]
        if not hmac.compare_digest(signature, self._sign(expiry, nonce)):
            return False
        if expiry < now.timestamp() or nonce in self._used:
            return False
        self._used[nonce] = None
        if len(self._used) > _REMEMBERED_NONCES:
            self._used.popitem(last=False)
        return True
