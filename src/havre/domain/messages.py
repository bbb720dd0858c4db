"""Messages said in rooms and in private conversations."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from havre.domain.ids import ConversationId, MessageId, RoomId, UserId

MAX_TEXT_LENGTH = 1000


@dataclass(frozen=True, slots=True)
class Message:
    """A stored message: exactly one of ``room`` and ``conversation`` is set."""

    id: MessageId
    sender: UserId
    text: str
    created_at: datetime
    room: RoomId | None = None
    conversation: ConversationId | None = None
    recipient: UserId | None = None  # the other side of a private conversation

    def __post_init__(self) -> None:
        if (self.room is None) == (self.conversation is None):
            raise ValueError("a message belongs to exactly one room or one conversation")
