"""The schema. Portable between SQLite and PostgreSQL; Alembic migrations create it."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from sqlalchemy import (
    JSON,
    Boolean,
    Column,
    DateTime,
    Dialect,
    ForeignKey,
    Index,
    Integer,
    LargeBinary,
    MetaData,
    PrimaryKeyConstraint,
    String,
    Table,
    Text,
    UniqueConstraint,
    text,
)
from sqlalchemy.types import TypeDecorator


class UTCDateTime(TypeDecorator[datetime]):
    """A timestamp stored in UTC and always read back timezone-aware."""

    impl = DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError("naive datetime")
        value = value.astimezone(UTC)
        return value.replace(tzinfo=None) if dialect.name == "sqlite" else value

    def process_result_value(self, value: Any, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        assert isinstance(value, datetime)
        return value.replace(tzinfo=UTC) if value.tzinfo is None else value.astimezone(UTC)


metadata = MetaData(
    naming_convention={
        "ix": "ix_%(table_name)s_%(column_0_N_name)s",
        "uq": "uq_%(table_name)s_%(column_0_N_name)s",
        "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
        "pk": "pk_%(table_name)s",
    }
)

users = Table(
    "users",
    metadata,
    Column("id", String(40), primary_key=True),
    Column("pseudo", String(64), nullable=False),
    Column("pseudo_key", String(128), nullable=False),
    Column("gender", String(1), nullable=False),
    Column("age", Integer, nullable=False),
    Column("department", String(3), nullable=False),
    Column("token_hash", LargeBinary(32), nullable=False, unique=True),
    Column("device_hash", String(64)),
    Column("address_hash", String(64)),
    Column("created_at", UTCDateTime, nullable=False),
    Column("last_seen_at", UTCDateTime, nullable=False),
    Column("ended_at", UTCDateTime),
    # A minor may turn private messages off; adults always accept them.
    Column("private_messages", Boolean, nullable=False, server_default=text("true")),
    Column("age_assured_at", UTCDateTime),
    # One live session per pseudo key: the database enforces it, whichever node asks.
    Index(
        "uq_users_live_pseudo_key",
        "pseudo_key",
        unique=True,
        sqlite_where=text("ended_at IS NULL"),
        postgresql_where=text("ended_at IS NULL"),
    ),
    Index("ix_users_last_seen_live", "last_seen_at"),
    Index("ix_users_device_hash_created_at", "device_hash", "created_at"),
    Index("ix_users_address_hash_created_at", "address_hash", "created_at"),
)

rooms = Table(
    "rooms",
    metadata,
    Column("id", String(64), primary_key=True),
    Column("name", String(100), nullable=False),
    Column("topic", String(300), nullable=False),
    Column("audience", String(10), nullable=False),
    Column("position", Integer, nullable=False, server_default="0"),
    Column("archived", Boolean, nullable=False, server_default=text("false")),
    Column("adult_content", Boolean, nullable=False, server_default=text("false")),
    Column("theme", String(40), nullable=False, server_default=""),
    Column("created_at", UTCDateTime, nullable=False),
)

conversations = Table(
    "conversations",
    metadata,
    Column("id", String(40), primary_key=True),
    Column("user_low", String(40), ForeignKey("users.id"), nullable=False),
    Column("user_high", String(40), ForeignKey("users.id"), nullable=False),
    Column("created_at", UTCDateTime, nullable=False),
    UniqueConstraint("user_low", "user_high"),
)

messages = Table(
    "messages",
    metadata,
    Column("id", String(26), primary_key=True),
    Column("room_id", String(64), ForeignKey("rooms.id")),
    Column("conversation_id", String(32), ForeignKey("conversations.id")),
    Column("sender_id", String(40), ForeignKey("users.id"), nullable=False),
    Column("recipient_id", String(40), ForeignKey("users.id")),
    Column("text", Text, nullable=False),
    Column("original_text", Text),
    Column("action", String(8), nullable=False, server_default="allow"),
    Column("created_at", UTCDateTime, nullable=False),
    Index("ix_messages_room_id_id", "room_id", "id"),
    Index("ix_messages_conversation_id_id", "conversation_id", "id"),
    Index("ix_messages_sender_id", "sender_id"),
)

blocks = Table(
    "blocks",
    metadata,
    Column("blocker_id", String(40), ForeignKey("users.id"), nullable=False),
    Column("blocked_id", String(40), ForeignKey("users.id"), nullable=False),
    Column("created_at", UTCDateTime, nullable=False),
    PrimaryKeyConstraint("blocker_id", "blocked_id"),
)

# A minor's answer to a first private message: until accepted, the sender can send nothing more.
contact_requests = Table(
    "contact_requests",
    metadata,
    Column("minor_id", String(40), ForeignKey("users.id"), nullable=False),
    Column("sender_id", String(40), ForeignKey("users.id"), nullable=False),
    Column("state", String(10), nullable=False),
    Column("created_at", UTCDateTime, nullable=False),
    Column("decided_at", UTCDateTime),
    PrimaryKeyConstraint("minor_id", "sender_id"),
)

safety_signals = Table(
    "safety_signals",
    metadata,
    Column("id", String(26), primary_key=True),
    Column("user_id", String(40), ForeignKey("users.id"), nullable=False),
    Column("space", String(64), nullable=False),
    Column("message_id", String(26)),
    Column("action", String(8), nullable=False),
    Column("categories", JSON, nullable=False),
    Column("scores", JSON, nullable=False),
    Column("text", Text, nullable=False),
    Column("created_at", UTCDateTime, nullable=False),
    Index("ix_safety_signals_user_id", "user_id"),
)

# The moderation tables are declared next to their queries; importing them here puts them on ``metadata``
# for Alembic and for every user of this module.
from havre.storage.sql import moderation as _moderation  # noqa: E402, F401
