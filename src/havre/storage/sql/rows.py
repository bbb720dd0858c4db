"""Rows of the users and messages tables as domain values (shared by the repositories)."""

from __future__ import annotations

import sys
from typing import Any

from havre.domain.ids import ConversationId, MessageId, RoomId, UserId
from havre.domain.messages import Message
from havre.domain.users import Gender, User


def user_from_row(row: Any) -> User:
    """A ``User`` from a row of the users table."""
    return User(
        id=UserId(row.id),
        pseudo=row.pseudo,
        gender=Gender(row.gender),
        age=row.age,
        # About a hundred départements: one shared string each, not one per user.
        department=sys.intern(row.department),
        created_at=row.created_at,
    )


def message_from_row(row: Any) -> Message:
    """A ``Message`` from a row of the messages table."""
    return Message(
        id=MessageId(row.id),
        sender=UserId(row.sender_id),
        text=row.text,
        created_at=row.created_at,
        room=RoomId(row.room_id) if row.room_id is not None else None,
        conversation=ConversationId(row.conversation_id) if row.conversation_id is not None else None,
        recipient=UserId(row.recipient_id) if row.recipient_id is not None else None,
    )
