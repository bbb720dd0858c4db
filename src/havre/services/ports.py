"""What the services need from outside: the outbound port, the safety screen, and moderation's hooks."""

from __future__ import annotations

import enum
from typing import Protocol

from havre.domain.ids import UserId
from havre.domain.messages import Message
from havre.domain.rooms import Room
from havre.domain.users import User
from havre.domain.verdict import NoticeKey, ScreeningRequest, Verdict, allow
from havre.storage.repositories import SafetySignal


class NoticeKind(enum.Enum):
    """The ``kind`` of a notice frame."""

    SAFETY = "safety"
    SANCTION = "sanction"
    SYSTEM = "system"


class Outbound(Protocol):
    """Sends events to users' sockets, on every node. The transport implements it (encoding frames)."""

    async def message(
        self,
        message: Message,
        sender: User,
        room: Room | None,
        *,
        contact_request: bool = False,
        shadow: bool = False,
    ) -> None:
        """Deliver a message to its room's members, or to both sides of its private conversation
        (to a minor as a contact request when ``contact_request``; to the sender alone when ``shadow``:
        a shadow-banned sender sees their message, nobody else does)."""
        ...

    async def contact_answer(self, sender: User, minor: User) -> None:
        """Tell ``sender`` that ``minor`` accepted their private conversation."""
        ...

    async def presence(self, room: Room, user: User, event: str) -> None:
        """Tell a room's other members that ``user`` joined or left (``event``: join/leave)."""
        ...

    async def notice(self, user: User, kind: NoticeKind, key: NoticeKey, data: dict[str, str]) -> None:
        """Send a protective or system notice to every socket of ``user``."""
        ...

    async def room_notice(self, room: Room, sender: User, kind: NoticeKind, key: NoticeKey) -> None:
        """Send a notice about ``sender``'s message to the room's other members."""
        ...


class Screen(Protocol):
    """The safety pipeline as the services see it: one typed verdict per message."""

    def screen(self, request: ScreeningRequest) -> Verdict:
        """Decide what to do with one message (synchronous, pure, fast)."""
        ...


class NoScreen:
    """Allows everything: for an operator who turned screening off, and for benchmarks of the core."""

    def screen(self, request: ScreeningRequest) -> Verdict:
        """See ``Screen.screen``."""
        return allow(request.text)


class Restrictions(Protocol):
    """Moderators' restrictions the chat reads on the hot path (synchronous, in memory)."""

    def muted(self, user_id: UserId) -> bool:
        """Whether the user may not write for now."""
        ...

    def shadow_banned(self, user_id: UserId) -> bool:
        """Whether the user's messages reach only themselves."""
        ...


class EntryGate(Protocol):
    """Refuses entry to banned devices and addresses."""

    async def check_entry(self, device_hash: str | None, address_hash: str | None) -> None:
        """Raise ``Banned`` (with the reason and the end) when a ban covers this device or address."""
        ...


class SignalSink(Protocol):
    """Where safety signals go after they are stored: moderation opens cases for the serious ones."""

    async def signal(self, signal: SafetySignal) -> None:
        """Take a stored signal."""
        ...
