"""The repository protocols the services depend on. Implementations: ``memory`` and ``sql``.

Every method may raise :class:`~havre.errors.StorageUnavailable` when the database fails; the
implementations translate their driver's exceptions into it.
"""

from __future__ import annotations

import enum
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Protocol

from havre.domain.ids import ConversationId, MessageId, RoomId, UserId
from havre.domain.messages import Message
from havre.domain.rooms import Room, RoomSeed
from havre.domain.users import User


@dataclass(frozen=True, slots=True)
class NewUser:
    """What entry stores: the user, the hash of its session token and the key of its pseudo."""

    user: User
    token_hash: bytes
    pseudo_key: str
    device_hash: str | None = None
    address_hash: str | None = None


# Stored actions kept out of every history: held for a moderator, refused, removed by a moderator, or
# written by a shadow-banned user.
UNDELIVERED = ("hold", "block", "removed", "shadow")


@dataclass(frozen=True, slots=True)
class StoredMessage:
    """A message with what the safety pipeline did to it, for moderators."""

    message: Message
    action: str = "allow"
    original_text: str | None = None  # set when the delivered text differs (masked)


@dataclass(frozen=True, slots=True)
class SafetySignal:
    """A record for moderators: a verdict that was not a plain allow."""

    id: str
    user: UserId
    space: str
    message: MessageId | None
    action: str
    categories: tuple[str, ...]
    scores: dict[str, float]
    text: str
    created_at: datetime


class UserRepository(Protocol):
    """Anonymous users and their sessions."""

    async def create(self, new: NewUser, *, now: datetime, idle_before: datetime) -> None:
        """Store a new user; first ends sessions with the same pseudo key idle since ``idle_before``.

        Raises ``PseudoTaken`` when a live session holds the pseudo key.
        """
        ...

    async def by_token_hash(self, token_hash: bytes) -> User | None:
        """The live user holding this token, or ``None`` (unknown or ended)."""
        ...

    async def get(self, user_id: UserId) -> User | None:
        """A user by id, live or ended."""
        ...

    async def get_many(self, user_ids: Sequence[UserId]) -> dict[UserId, User]:
        """Users by id, live or ended; unknown ids are left out."""
        ...

    async def end(self, user_id: UserId, *, now: datetime) -> None:
        """End a user's session: the token stops working and the pseudo is free."""
        ...

    async def touch(self, user_ids: Sequence[UserId], *, now: datetime) -> None:
        """Record that these users are still here (keeps their pseudo reserved)."""
        ...

    async def end_idle(self, *, idle_before: datetime, now: datetime) -> int:
        """End the sessions unused since ``idle_before``; returns how many."""
        ...

    async def declared_since(
        self, *, device_hash: str | None, address_hash: str | None, since: datetime, adults: bool
    ) -> User | None:
        """The latest user who entered since ``since`` from this device or this address (live or
        ended) and declared an adult age (``adults``) or a minor's age (not ``adults``), if any."""
        ...

    async def private_messages(self, user_id: UserId) -> bool:
        """Whether the user accepts private messages (true unless turned off)."""
        ...

    async def set_private_messages(self, user_id: UserId, accept: bool) -> None:
        """Turn the user's private messages on or off."""
        ...

    async def age_assured(self, user_id: UserId) -> bool:
        """Whether the user has proved being an adult to an age-assurance provider."""
        ...

    async def set_age_assured(self, user_id: UserId, *, now: datetime) -> None:
        """Record that the user proved being an adult."""
        ...


class RoomRepository(Protocol):
    """Themed rooms."""

    async def all(self, *, include_archived: bool = False) -> list[Room]:
        """Every room, by position then name."""
        ...

    async def get(self, room_id: RoomId) -> Room | None:
        """A room by id, archived or not."""
        ...

    async def add(self, room: Room, *, now: datetime) -> None:
        """Store a new room. Raises ``ClientError(code="room_exists")`` when the id is taken."""
        ...

    async def set_archived(self, room_id: RoomId, archived: bool) -> bool:
        """Archive or restore a room; returns whether it exists."""
        ...

    async def seed(self, seeds: Sequence[RoomSeed], *, now: datetime) -> int:
        """Create the catalogue rooms when no room exists yet; returns how many were created."""
        ...


class MessageRepository(Protocol):
    """Messages of rooms and private conversations."""

    async def add_many(self, messages: Sequence[StoredMessage]) -> None:
        """Store messages in one transaction (all or none)."""
        ...

    async def room_history(self, room_id: RoomId, limit: int) -> list[Message]:
        """The last ``limit`` delivered messages of a room, oldest first."""
        ...

    async def conversation_history(self, conversation: ConversationId, limit: int) -> list[Message]:
        """The last ``limit`` delivered messages of a private conversation, oldest first."""
        ...

    async def get(self, message_id: MessageId) -> StoredMessage | None:
        """A message by id."""
        ...


class ConversationRepository(Protocol):
    """Private conversations: one per pair of users, with a stable id."""

    async def ensure(self, conversation: ConversationId, a: UserId, b: UserId, *, now: datetime) -> None:
        """Record the conversation between ``a`` and ``b`` if it is not recorded yet."""
        ...


class BlockRepository(Protocol):
    """Who blocked whom."""

    async def add(self, blocker: UserId, blocked: UserId, *, now: datetime) -> None:
        """Record a block (idempotent)."""
        ...

    async def remove(self, blocker: UserId, blocked: UserId) -> None:
        """Remove a block (idempotent)."""
        ...

    async def blocked_by(self, blocker: UserId) -> set[UserId]:
        """The users ``blocker`` has blocked."""
        ...


class ContactState(enum.Enum):
    """A minor's answer to someone who wrote to them first."""

    PENDING = "pending"
    ACCEPTED = "accepted"
    DECLINED = "declined"


class ContactRequestRepository(Protocol):
    """First private messages to minors, and the minors' answers."""

    async def state(self, minor: UserId, sender: UserId) -> ContactState | None:
        """The state of ``sender``'s request to ``minor``, or ``None`` when there is none."""
        ...

    async def open(self, minor: UserId, sender: UserId, *, now: datetime) -> bool:
        """Record a pending request; returns False when one (in any state) exists already."""
        ...

    async def decide(self, minor: UserId, sender: UserId, state: ContactState, *, now: datetime) -> bool:
        """Accept or decline a request; returns False when there is no such request."""
        ...


class SignalRepository(Protocol):
    """Safety signals for the moderation queue."""

    async def add(self, signal: SafetySignal) -> None:
        """Store a signal."""
        ...

    async def recent(self, limit: int) -> list[SafetySignal]:
        """The newest signals first."""
        ...


class HealthCheck(Protocol):
    """Whether storage answers."""

    async def ping(self) -> None:
        """Return when the database answers; raise ``StorageUnavailable`` otherwise."""
        ...


@dataclass(frozen=True, slots=True)
class Repositories:
    """Every repository of one storage backend, built together by ``app``."""

    users: UserRepository
    rooms: RoomRepository
    messages: MessageRepository
    conversations: ConversationRepository
    blocks: BlockRepository
    contacts: ContactRequestRepository
    signals: SignalRepository
    health: HealthCheck
