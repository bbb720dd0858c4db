"""Typed ids, and the sortable unique ids given to messages.

A message id is a ULID-style string: 48 bits of milliseconds since the epoch then 80 random bits, in
Crockford base 32 (26 characters), so ids sort by creation time and never collide in practice.
"""

from __future__ import annotations

import hashlib
from typing import NewType

UserId = NewType("UserId", str)
RoomId = NewType("RoomId", str)
MessageId = NewType("MessageId", str)
ConversationId = NewType("ConversationId", str)

_CROCKFORD = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"


def sortable_id(milliseconds: int, randomness: bytes) -> str:
    """Encode a 48-bit time (ms since the epoch) and 10 random bytes as a 26-character sortable id.

    Raises ``ValueError`` when the time does not fit in 48 bits or ``randomness`` is not 10 bytes.
    """
    if not 0 <= milliseconds < 1 << 48:
        raise ValueError("milliseconds out of range")
    if len(randomness) != 10:
        raise ValueError("randomness must be 10 bytes")
    value = (milliseconds << 80) | int.from_bytes(randomness, "big")
    chars = []
    for _ in range(26):
        chars.append(_CROCKFORD[value & 31])
        value >>= 5
    return "".join(reversed(chars))


def conversation_id_for(a: UserId, b: UserId) -> ConversationId:
    """The stable id of the private conversation between two users, the same whichever side asks."""
    low, high = sorted((a, b))
    digest = hashlib.sha256(f"{low}\x00{high}".encode()).hexdigest()
    return ConversationId("c_" + digest[:24])
