"""Ids, session tokens and keyed hashes of client identifiers."""

from __future__ import annotations

import hashlib
import hmac
import secrets
from datetime import datetime

from havre.domain.ids import MessageId, UserId, sortable_id

TOKEN_BYTES = 32  # 256 random bits per session token


def new_user_id() -> UserId:
    """A random user id (128 bits)."""
    return UserId("u_" + secrets.token_hex(16))


class MessageIds:
    """Sortable unique message ids, strictly increasing within this process.

    Within one millisecond (or if the clock steps back) the random part is incremented instead of
    drawn again, as monotonic ULIDs do, so ids sort in the order messages were accepted.
    """

    def __init__(self) -> None:
        self._last_ms = -1
        self._last_random = 0

    def new(self, now: datetime) -> MessageId:
        """The next id for a message created at ``now``."""
        milliseconds = int(now.timestamp() * 1000)
        if milliseconds <= self._last_ms:
            milliseconds = self._last_ms
            self._last_random = (self._last_random + 1) % (1 << 80)
        else:
            self._last_ms = milliseconds
            # Leave room to increment within the millisecond without overflowing.
            self._last_random = int.from_bytes(secrets.token_bytes(10), "big") >> 1
        return MessageId(sortable_id(milliseconds, self._last_random.to_bytes(10, "big")))


def new_sortable_id(now: datetime) -> str:
    """A sortable unique id for any record created at ``now``."""
    return sortable_id(int(now.timestamp() * 1000), secrets.token_bytes(10))


def new_token() -> str:
    """A new session token: 256 random bits, URL-safe."""
    return secrets.token_urlsafe(TOKEN_BYTES)


def token_hash(token: str) -> bytes:
    """The stored form of a session token (SHA-256: tokens are random, so no salt or stretching)."""
    return hashlib.sha256(token.encode()).digest()


def keyed_hash(key: str, value: str) -> str:
    """An HMAC-SHA-256 of an address or device id, so the raw value is never stored."""
    return hmac.new(key.encode(), value.encode(), hashlib.sha256).hexdigest()
