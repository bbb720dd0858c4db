"""Repository implementations over SQLAlchemy Core, one named transaction per use."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator, Sequence
from contextlib import asynccontextmanager
from datetime import datetime
from typing import Any

from sqlalchemy import and_, delete, func, insert, select, update
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.exc import IntegrityError, SQLAlchemyError
from sqlalchemy.ext.asyncio import AsyncConnection, AsyncEngine

from havre.domain.ids import ConversationId, MessageId, RoomId, UserId
from havre.domain.messages import Message
from havre.domain.rooms import Audience, Room, RoomSeed
from havre.domain.users import ADULT_AGE, User
from havre.errors import ClientError, PseudoTaken, StorageUnavailable
from havre.storage.repositories import (
    UNDELIVERED,
    ContactState,
    NewUser,
    Repositories,
    SafetySignal,
    StoredMessage,
)
from havre.storage.sql import tables as t
from havre.storage.sql.batch_writer import SqliteBatchWriter
from havre.storage.sql.rows import message_from_row, user_from_row


class SqlDatabase:
    """An engine and its named transactions, translating driver errors to ``StorageUnavailable``."""

    def __init__(self, engine: AsyncEngine) -> None:
        self.engine = engine
        self.dialect = engine.dialect.name
        # SQLite writes messages from a thread of its own (see ``batch_writer``); PostgreSQL through
        # asyncpg, which has no thread to hop to.
        self.message_writer = (
            SqliteBatchWriter(engine.url.render_as_string(hide_password=False))
            if self.dialect == "sqlite" and engine.url.database not in (None, "", ":memory:")
            else None
        )

    @asynccontextmanager
    async def transaction(self, name: str) -> AsyncIterator[AsyncConnection]:
        """A transaction named for logs and errors; commits on success, rolls back on error.

        ``IntegrityError`` passes through for the caller to translate; any other database failure
        becomes ``StorageUnavailable``.
        """
        try:
            async with self.engine.begin() as connection:
                yield connection
        except IntegrityError:
            raise
        except (SQLAlchemyError, OSError) as exc:
            raise StorageUnavailable(f"{name} failed: {type(exc).__name__}") from exc

    def insert_ignore(self, table: Any) -> Any:
        """An INSERT that does nothing on a key conflict, in this database's dialect."""
        if self.dialect == "postgresql":
            return postgresql.insert(table).on_conflict_do_nothing()
        return sqlite.insert(table).on_conflict_do_nothing()

    async def ping(self) -> None:
        """Return when the database answers a trivial query."""
        async with self.transaction("ping") as connection:
            await connection.execute(select(1))

    async def dispose(self) -> None:
        """Close every pooled connection, and the message writer's thread."""
        if self.message_writer is not None:
            await asyncio.get_running_loop().run_in_executor(None, self.message_writer.close)
        await self.engine.dispose()


def _room(row: Any) -> Room:
    return Room(
        RoomId(row.id),
        row.name,
        row.topic,
        Audience(row.audience),
        row.position,
        row.archived,
        row.adult_content,
        row.theme,
    )


class SqlUserRepository:
    """Users and sessions in SQL."""

    def __init__(self, db: SqlDatabase) -> None:
        self._db = db

    async def create(self, new: NewUser, *, now: datetime, idle_before: datetime) -> None:
        """See ``UserRepository.create``."""
        user = new.user
        try:
            async with self._db.transaction("create_user") as c:
                await c.execute(
                    update(t.users)
                    .where(
                        t.users.c.pseudo_key == new.pseudo_key,
                        t.users.c.ended_at.is_(None),
                        t.users.c.last_seen_at < idle_before,
                    )
                    .values(ended_at=now)
                )
                await c.execute(
                    insert(t.users).values(
                        id=user.id,
                        pseudo=user.pseudo,
                        pseudo_key=new.pseudo_key,
                        gender=user.gender.value,
                        age=user.age,
                        department=user.department,
                        token_hash=new.token_hash,
                        device_hash=new.device_hash,
                        address_hash=new.address_hash,
                        created_at=user.created_at,
                        last_seen_at=now,
                    )
                )
        except IntegrityError as exc:
            raise PseudoTaken() from exc

    async def by_token_hash(self, token_hash: bytes) -> User | None:
        """See ``UserRepository.by_token_hash``."""
        async with self._db.transaction("user_by_token") as c:
            row = (
                await c.execute(
                    select(t.users).where(t.users.c.token_hash == token_hash, t.users.c.ended_at.is_(None))
                )
            ).first()
        return user_from_row(row) if row else None

    async def get(self, user_id: UserId) -> User | None:
        """See ``UserRepository.get``."""
        async with self._db.transaction("get_user") as c:
            row = (await c.execute(select(t.users).where(t.users.c.id == user_id))).first()
        return user_from_row(row) if row else None

    async def get_many(self, user_ids: Sequence[UserId]) -> dict[UserId, User]:
        """See ``UserRepository.get_many``."""
        if not user_ids:
            return {}
        async with self._db.transaction("get_users") as c:
            rows = (await c.execute(select(t.users).where(t.users.c.id.in_(list(set(user_ids)))))).all()
        return {UserId(r.id): user_from_row(r) for r in rows}

    async def end(self, user_id: UserId, *, now: datetime) -> None:
        """See ``UserRepository.end``."""
        async with self._db.transaction("end_user") as c:
            await c.execute(
                update(t.users)
                .where(t.users.c.id == user_id, t.users.c.ended_at.is_(None))
                .values(ended_at=now)
            )

    async def touch(self, user_ids: Sequence[UserId], *, now: datetime) -> None:
        """See ``UserRepository.touch``."""
        if not user_ids:
            return
        async with self._db.transaction("touch_users") as c:
            for start in range(0, len(user_ids), 500):
                chunk = list(user_ids[start : start + 500])
                await c.execute(
                    update(t.users)
                    .where(t.users.c.id.in_(chunk), t.users.c.ended_at.is_(None))
                    .values(last_seen_at=now)
                )

    async def end_idle(self, *, idle_before: datetime, now: datetime) -> int:
        """See ``UserRepository.end_idle``."""
        async with self._db.transaction("end_idle_users") as c:
            result = await c.execute(
                update(t.users)
                .where(t.users.c.ended_at.is_(None), t.users.c.last_seen_at < idle_before)
                .values(ended_at=now)
            )
        return int(result.rowcount or 0)

    async def declared_since(
        self, *, device_hash: str | None, address_hash: str | None, since: datetime, adults: bool
    ) -> User | None:
        """See ``UserRepository.declared_since``."""
        band = t.users.c.age >= ADULT_AGE if adults else t.users.c.age < ADULT_AGE
        # One indexed query per key (device, address) rather than an OR, so each uses its index.
        found: list[User] = []
        for column, value in ((t.users.c.device_hash, device_hash), (t.users.c.address_hash, address_hash)):
            if value is None:
                continue
            query = (
                select(t.users)
                .where(column == value, t.users.c.created_at >= since, band)
                .order_by(t.users.c.created_at.desc())
                .limit(1)
            )
            async with self._db.transaction("declared_since") as c:
                row = (await c.execute(query)).first()
            if row is not None:
                found.append(user_from_row(row))
        return max(found, key=lambda u: u.created_at) if found else None

    async def private_messages(self, user_id: UserId) -> bool:
        """See ``UserRepository.private_messages``."""
        async with self._db.transaction("private_messages") as c:
            value = (
                await c.execute(select(t.users.c.private_messages).where(t.users.c.id == user_id))
            ).scalar_one_or_none()
        return value is None or bool(value)

    async def set_private_messages(self, user_id: UserId, accept: bool) -> None:
        """See ``UserRepository.set_private_messages``."""
        async with self._db.transaction("set_private_messages") as c:
            await c.execute(update(t.users).where(t.users.c.id == user_id).values(private_messages=accept))

    async def age_assured(self, user_id: UserId) -> bool:
        """See ``UserRepository.age_assured``."""
        async with self._db.transaction("age_assured") as c:
            value = (
                await c.execute(select(t.users.c.age_assured_at).where(t.users.c.id == user_id))
            ).scalar_one_or_none()
        return value is not None

    async def set_age_assured(self, user_id: UserId, *, now: datetime) -> None:
        """See ``UserRepository.set_age_assured``."""
        async with self._db.transaction("set_age_assured") as c:
            await c.execute(update(t.users).where(t.users.c.id == user_id).values(age_assured_at=now))


class SqlRoomRepository:
    """Rooms in SQL."""

    def __init__(self, db: SqlDatabase) -> None:
        self._db = db

    async def all(self, *, include_archived: bool = False) -> list[Room]:
        """See ``RoomRepository.all``."""
        query = select(t.rooms).order_by(t.rooms.c.position, t.rooms.c.name)
        if not include_archived:
            query = query.where(t.rooms.c.archived.is_(False))
        async with self._db.transaction("list_rooms") as c:
            rows = (await c.execute(query)).all()
        return [_room(r) for r in rows]

    async def get(self, room_id: RoomId) -> Room | None:
        """See ``RoomRepository.get``."""
        async with self._db.transaction("get_room") as c:
            row = (await c.execute(select(t.rooms).where(t.rooms.c.id == room_id))).first()
        return _room(row) if row else None

    async def add(self, room: Room, *, now: datetime) -> None:
        """See ``RoomRepository.add``."""
        try:
            async with self._db.transaction("add_room") as c:
                await c.execute(
                    insert(t.rooms).values(
                        id=room.id,
                        name=room.name,
                        topic=room.topic,
                        audience=room.audience.value,
                        position=room.position,
                        archived=room.archived,
                        adult_content=room.adult_content,
                        theme=room.theme,
                        created_at=now,
                    )
                )
        except IntegrityError as exc:
            raise ClientError(code="room_exists") from exc

    async def set_archived(self, room_id: RoomId, archived: bool) -> bool:
        """See ``RoomRepository.set_archived``."""
        async with self._db.transaction("archive_room") as c:
            result = await c.execute(update(t.rooms).where(t.rooms.c.id == room_id).values(archived=archived))
        return bool(result.rowcount)

    async def seed(self, seeds: Sequence[RoomSeed], *, now: datetime) -> int:
        """See ``RoomRepository.seed``."""
        async with self._db.transaction("seed_rooms") as c:
            count = (await c.execute(select(func.count()).select_from(t.rooms))).scalar_one()
            if count:
                return 0
            await c.execute(
                insert(t.rooms),
                [
                    {
                        "id": s.slug,
                        "name": s.name,
                        "topic": s.topic,
                        "audience": s.audience.value,
                        "theme": s.theme,
                        "position": i,
                        "archived": False,
                        "created_at": now,
                    }
                    for i, s in enumerate(seeds)
                ],
            )
        return len(seeds)


class SqlMessageRepository:
    """Messages in SQL."""

    def __init__(self, db: SqlDatabase) -> None:
        self._db = db

    async def add_many(self, messages: Sequence[StoredMessage]) -> None:
        """See ``MessageRepository.add_many``."""
        if not messages:
            return
        rows = [
            {
                "id": s.message.id,
                "room_id": s.message.room,
                "conversation_id": s.message.conversation,
                "sender_id": s.message.sender,
                "recipient_id": s.message.recipient,
                "text": s.message.text,
                "original_text": s.original_text,
                "action": s.action,
                "created_at": s.message.created_at,
            }
            for s in messages
        ]
        if self._db.message_writer is not None:
            await self._db.message_writer.write(rows)
            return
        try:
            async with self._db.transaction("add_messages") as c:
                await c.execute(insert(t.messages), rows)
        except IntegrityError as exc:
            raise StorageUnavailable("add_messages: integrity error") from exc

    async def _history(self, column: Any, key: str, limit: int) -> list[Message]:
        if limit <= 0:
            return []
        query = (
            select(t.messages)
            .where(and_(column == key, t.messages.c.action.not_in(UNDELIVERED)))
            .order_by(t.messages.c.id.desc())
            .limit(limit)
        )
        async with self._db.transaction("history") as c:
            rows = (await c.execute(query)).all()
        return [message_from_row(r) for r in reversed(rows)]

    async def room_history(self, room_id: RoomId, limit: int) -> list[Message]:
        """See ``MessageRepository.room_history``."""
        return await self._history(t.messages.c.room_id, room_id, limit)

    async def conversation_history(self, conversation: ConversationId, limit: int) -> list[Message]:
        """See ``MessageRepository.conversation_history``."""
        return await self._history(t.messages.c.conversation_id, conversation, limit)

    async def get(self, message_id: MessageId) -> StoredMessage | None:
        """See ``MessageRepository.get``."""
        async with self._db.transaction("get_message") as c:
            row = (await c.execute(select(t.messages).where(t.messages.c.id == message_id))).first()
        if row is None:
            return None
        return StoredMessage(message_from_row(row), action=row.action, original_text=row.original_text)


class SqlConversationRepository:
    """Private conversations in SQL."""

    def __init__(self, db: SqlDatabase) -> None:
        self._db = db

    async def ensure(self, conversation: ConversationId, a: UserId, b: UserId, *, now: datetime) -> None:
        """See ``ConversationRepository.ensure``."""
        low, high = sorted((a, b))
        async with self._db.transaction("ensure_conversation") as c:
            await c.execute(
                self._db.insert_ignore(t.conversations).values(
                    id=conversation, user_low=low, user_high=high, created_at=now
                )
            )


class SqlBlockRepository:
    """Blocks in SQL."""

    def __init__(self, db: SqlDatabase) -> None:
        self._db = db

    async def add(self, blocker: UserId, blocked: UserId, *, now: datetime) -> None:
        """See ``BlockRepository.add``."""
        async with self._db.transaction("add_block") as c:
            await c.execute(
                self._db.insert_ignore(t.blocks).values(
                    blocker_id=blocker, blocked_id=blocked, created_at=now
                )
            )

    async def remove(self, blocker: UserId, blocked: UserId) -> None:
        """See ``BlockRepository.remove``."""
        async with self._db.transaction("remove_block") as c:
            await c.execute(
                delete(t.blocks).where(t.blocks.c.blocker_id == blocker, t.blocks.c.blocked_id == blocked)
            )

    async def blocked_by(self, blocker: UserId) -> set[UserId]:
        """See ``BlockRepository.blocked_by``."""
        async with self._db.transaction("blocked_by") as c:
            rows = (
                await c.execute(select(t.blocks.c.blocked_id).where(t.blocks.c.blocker_id == blocker))
            ).all()
        return {UserId(r.blocked_id) for r in rows}


class SqlContactRequestRepository:
    """Contact requests to minors in SQL."""

    def __init__(self, db: SqlDatabase) -> None:
        self._db = db

    async def state(self, minor: UserId, sender: UserId) -> ContactState | None:
        """See ``ContactRequestRepository.state``."""
        c_ = t.contact_requests.c
        async with self._db.transaction("contact_state") as c:
            value = (
                await c.execute(select(c_.state).where(c_.minor_id == minor, c_.sender_id == sender))
            ).scalar_one_or_none()
        return ContactState(value) if value is not None else None

    async def open(self, minor: UserId, sender: UserId, *, now: datetime) -> bool:
        """See ``ContactRequestRepository.open``."""
        async with self._db.transaction("open_contact") as c:
            result = await c.execute(
                self._db.insert_ignore(t.contact_requests).values(
                    minor_id=minor, sender_id=sender, state=ContactState.PENDING.value, created_at=now
                )
            )
        return bool(result.rowcount)

    async def decide(self, minor: UserId, sender: UserId, state: ContactState, *, now: datetime) -> bool:
        """See ``ContactRequestRepository.decide``."""
        c_ = t.contact_requests.c
        async with self._db.transaction("decide_contact") as c:
            result = await c.execute(
                update(t.contact_requests)
                .where(c_.minor_id == minor, c_.sender_id == sender)
                .values(state=state.value, decided_at=now)
            )
        return bool(result.rowcount)


class SqlSignalRepository:
    """Safety signals in SQL."""

    def __init__(self, db: SqlDatabase) -> None:
        self._db = db

    async def add(self, signal: SafetySignal) -> None:
        """See ``SignalRepository.add``."""
        async with self._db.transaction("add_signal") as c:
            await c.execute(
                insert(t.safety_signals).values(
                    id=signal.id,
                    user_id=signal.user,
                    space=signal.space,
                    message_id=signal.message,
                    action=signal.action,
                    categories=list(signal.categories),
                    scores=signal.scores,
                    text=signal.text,
                    created_at=signal.created_at,
                )
            )

    async def recent(self, limit: int) -> list[SafetySignal]:
        """See ``SignalRepository.recent``."""
        async with self._db.transaction("recent_signals") as c:
            rows = (
                await c.execute(select(t.safety_signals).order_by(t.safety_signals.c.id.desc()).limit(limit))
            ).all()
        return [
            SafetySignal(
                id=r.id,
                user=UserId(r.user_id),
                space=r.space,
                message=MessageId(r.message_id) if r.message_id else None,
                action=r.action,
                categories=tuple(r.categories),
                scores=dict(r.scores),
                text=r.text,
                created_at=r.created_at,
            )
            for r in rows
        ]


def sql_repositories(db: SqlDatabase) -> Repositories:
    """Every repository over one database."""
    return Repositories(
        users=SqlUserRepository(db),
        rooms=SqlRoomRepository(db),
        messages=SqlMessageRepository(db),
        conversations=SqlConversationRepository(db),
        blocks=SqlBlockRepository(db),
        contacts=SqlContactRequestRepository(db),
        signals=SqlSignalRepository(db),
        health=db,
    )


__all__ = ["SqlDatabase", "sql_repositories"]
