"""In-memory repositories, for unit tests and for the contract suite's reference behaviour."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from datetime import datetime

from havre.domain.ids import ConversationId, MessageId, RoomId, UserId
from havre.domain.messages import Message
from havre.domain.rooms import Room, RoomSeed
from havre.domain.users import ADULT_AGE, User
from havre.errors import ClientError, PseudoTaken
from havre.storage.repositories import UNDELIVERED as _UNDELIVERED
from havre.storage.repositories import (
    ContactState,
    NewUser,
    Repositories,
    SafetySignal,
    StoredMessage,
)


@dataclass
class _UserRow:
    new: NewUser
    last_seen: datetime
    ended: datetime | None = None
    private_messages: bool = True
    age_assured: datetime | None = None


@dataclass
class MemoryUserRepository:
    """Users in a dict."""

    _rows: dict[UserId, _UserRow] = field(default_factory=dict)

    async def create(self, new: NewUser, *, now: datetime, idle_before: datetime) -> None:
        """See ``UserRepository.create``."""
        for row in self._rows.values():
            if row.ended is None and row.new.pseudo_key == new.pseudo_key:
                if row.last_seen < idle_before:
                    row.ended = now
                else:
                    raise PseudoTaken()
        self._rows[new.user.id] = _UserRow(new, last_seen=now)

    async def by_token_hash(self, token_hash: bytes) -> User | None:
        """See ``UserRepository.by_token_hash``."""
        for row in self._rows.values():
            if row.ended is None and row.new.token_hash == token_hash:
                return row.new.user
        return None

    async def get(self, user_id: UserId) -> User | None:
        """See ``UserRepository.get``."""
        row = self._rows.get(user_id)
        return row.new.user if row else None

    async def get_many(self, user_ids: Sequence[UserId]) -> dict[UserId, User]:
        """See ``UserRepository.get_many``."""
        return {u: self._rows[u].new.user for u in user_ids if u in self._rows}

    async def end(self, user_id: UserId, *, now: datetime) -> None:
        """See ``UserRepository.end``."""
        row = self._rows.get(user_id)
        if row is not None and row.ended is None:
            row.ended = now

    async def touch(self, user_ids: Sequence[UserId], *, now: datetime) -> None:
        """See ``UserRepository.touch``."""
        for user_id in user_ids:
            row = self._rows.get(user_id)
            if row is not None and row.ended is None:
                row.last_seen = now

    async def end_idle(self, *, idle_before: datetime, now: datetime) -> int:
        """See ``UserRepository.end_idle``."""
        count = 0
        for row in self._rows.values():
            if row.ended is None and row.last_seen < idle_before:
                row.ended = now
                count += 1
        return count

    async def declared_since(
        self, *, device_hash: str | None, address_hash: str | None, since: datetime, adults: bool
    ) -> User | None:
        """See ``UserRepository.declared_since``."""
        found = [
            row.new.user
            for row in self._rows.values()
            if row.new.user.created_at >= since
            and (row.new.user.age >= ADULT_AGE) == adults
            and (
                (device_hash is not None and row.new.device_hash == device_hash)
                or (address_hash is not None and row.new.address_hash == address_hash)
            )
        ]
        return max(found, key=lambda u: u.created_at) if found else None

    async def private_messages(self, user_id: UserId) -> bool:
        """See ``UserRepository.private_messages``."""
        row = self._rows.get(user_id)
        return row is None or row.private_messages

    async def set_private_messages(self, user_id: UserId, accept: bool) -> None:
        """See ``UserRepository.set_private_messages``."""
        if user_id in self._rows:
            self._rows[user_id].private_messages = accept

    async def age_assured(self, user_id: UserId) -> bool:
        """See ``UserRepository.age_assured``."""
        row = self._rows.get(user_id)
        return row is not None and row.age_assured is not None

    async def set_age_assured(self, user_id: UserId, *, now: datetime) -> None:
        """See ``UserRepository.set_age_assured``."""
        if user_id in self._rows:
            self._rows[user_id].age_assured = now


@dataclass
class MemoryRoomRepository:
    """Rooms in a dict."""

    _rooms: dict[RoomId, Room] = field(default_factory=dict)

    async def all(self, *, include_archived: bool = False) -> list[Room]:
        """See ``RoomRepository.all``."""
        rooms = [r for r in self._rooms.values() if include_archived or not r.archived]
        return sorted(rooms, key=lambda r: (r.position, r.name))

    async def get(self, room_id: RoomId) -> Room | None:
        """See ``RoomRepository.get``."""
        return self._rooms.get(room_id)

    async def add(self, room: Room, *, now: datetime) -> None:
        """See ``RoomRepository.add``."""
        if room.id in self._rooms:
            raise ClientError(code="room_exists")
        self._rooms[room.id] = room

    async def set_archived(self, room_id: RoomId, archived: bool) -> bool:
        """See ``RoomRepository.set_archived``."""
        room = self._rooms.get(room_id)
        if room is None:
            return False
        self._rooms[room_id] = replace(room, archived=archived)
        return True

    async def seed(self, seeds: Sequence[RoomSeed], *, now: datetime) -> int:
        """See ``RoomRepository.seed``."""
        if self._rooms:
            return 0
        for position, seed in enumerate(seeds):
            self._rooms[RoomId(seed.slug)] = Room(
                RoomId(seed.slug), seed.name, seed.topic, seed.audience, position, theme=seed.theme
            )
        return len(seeds)


@dataclass
class MemoryMessageRepository:
    """Messages in a list."""

    _messages: dict[MessageId, StoredMessage] = field(default_factory=dict)

    async def add_many(self, messages: Sequence[StoredMessage]) -> None:
        """See ``MessageRepository.add_many``."""
        for stored in messages:
            self._messages[stored.message.id] = stored

    def _delivered(self) -> list[Message]:
        return [s.message for s in self._messages.values() if s.action not in _UNDELIVERED]

    async def room_history(self, room_id: RoomId, limit: int) -> list[Message]:
        """See ``MessageRepository.room_history``."""
        found = sorted((m for m in self._delivered() if m.room == room_id), key=lambda m: m.id)
        return found[-limit:] if limit else []

    async def conversation_history(self, conversation: ConversationId, limit: int) -> list[Message]:
        """See ``MessageRepository.conversation_history``."""
        found = sorted((m for m in self._delivered() if m.conversation == conversation), key=lambda m: m.id)
        return found[-limit:] if limit else []

    async def get(self, message_id: MessageId) -> StoredMessage | None:
        """See ``MessageRepository.get``."""
        return self._messages.get(message_id)


@dataclass
class MemoryConversationRepository:
    """Conversations in a dict."""

    pairs: dict[ConversationId, tuple[UserId, UserId]] = field(default_factory=dict)

    async def ensure(self, conversation: ConversationId, a: UserId, b: UserId, *, now: datetime) -> None:
        """See ``ConversationRepository.ensure``."""
        low, high = sorted((a, b))
        self.pairs.setdefault(conversation, (low, high))


@dataclass
class MemoryBlockRepository:
    """Blocks in a set."""

    _pairs: set[tuple[UserId, UserId]] = field(default_factory=set)

    async def add(self, blocker: UserId, blocked: UserId, *, now: datetime) -> None:
        """See ``BlockRepository.add``."""
        self._pairs.add((blocker, blocked))

    async def remove(self, blocker: UserId, blocked: UserId) -> None:
        """See ``BlockRepository.remove``."""
        self._pairs.discard((blocker, blocked))

    async def blocked_by(self, blocker: UserId) -> set[UserId]:
        """See ``BlockRepository.blocked_by``."""
        return {b for a, b in self._pairs if a == blocker}


@dataclass
class MemoryContactRequestRepository:
    """Contact requests in a dict."""

    _states: dict[tuple[UserId, UserId], ContactState] = field(default_factory=dict)

    async def state(self, minor: UserId, sender: UserId) -> ContactState | None:
        """See ``ContactRequestRepository.state``."""
        return self._states.get((minor, sender))

    async def open(self, minor: UserId, sender: UserId, *, now: datetime) -> bool:
        """See ``ContactRequestRepository.open``."""
        if (minor, sender) in self._states:
            return False
        self._states[(minor, sender)] = ContactState.PENDING
        return True

    async def decide(self, minor: UserId, sender: UserId, state: ContactState, *, now: datetime) -> bool:
        """See ``ContactRequestRepository.decide``."""
        if (minor, sender) not in self._states:
            return False
        self._states[(minor, sender)] = state
        return True


@dataclass
class MemorySignalRepository:
    """Signals in a list."""

    _signals: list[SafetySignal] = field(default_factory=list)

    async def add(self, signal: SafetySignal) -> None:
        """See ``SignalRepository.add``."""
        self._signals.append(signal)

    async def recent(self, limit: int) -> list[SafetySignal]:
        """See ``SignalRepository.recent``."""
        return list(reversed(self._signals))[:limit]


class MemoryHealth:
    """Memory always answers."""

    async def ping(self) -> None:
        """Return at once."""


def memory_repositories() -> Repositories:
    """A fresh set of in-memory repositories."""
    return Repositories(
        users=MemoryUserRepository(),
        rooms=MemoryRoomRepository(),
        messages=MemoryMessageRepository(),
        conversations=MemoryConversationRepository(),
        blocks=MemoryBlockRepository(),
        contacts=MemoryContactRequestRepository(),
        signals=MemorySignalRepository(),
        health=MemoryHealth(),
    )
