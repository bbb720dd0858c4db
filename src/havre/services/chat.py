"""Chatting: joining and leaving rooms, saying things, private messages, blocks.

Every method takes the acting user (already authenticated) and raises a ``ClientError`` with the code
of the wire contract when the action is refused. The hot path (``say``, ``pm``) does no blocking I/O:
screening is synchronous and pure, the write is a group commit, the fan-out encodes once.
"""

from __future__ import annotations

import logging
from collections import OrderedDict
from dataclasses import dataclass
from typing import Any

from havre.domain.ids import ConversationId, MessageId, RoomId, UserId, conversation_id_for
from havre.domain.messages import Message
from havre.domain.policy import may_contact
from havre.domain.rooms import Audience, Room
from havre.domain.users import AgeBand, User
from havre.domain.verdict import (
    Action,
    NoticeKey,
    NoticeTarget,
    ScreeningRequest,
    Setting,
    SpaceAudience,
    Verdict,
)
from havre.errors import (
    Blocked,
    ClientError,
    EmptyText,
    ForbiddenAudience,
    Held,
    Muted,
    NotFound,
    NotMember,
    RateLimited,
    RecipientUnavailable,
    Rejected,
    TextTooLong,
)
from havre.services.age_assurance import AgeAssurance
from havre.services.clock import Clock
from havre.services.identity import MessageIds, new_sortable_id
from havre.services.limiter import KeyedLimiter
from havre.services.message_log import MessageLog
from havre.services.ports import NoticeKind, Outbound, Restrictions, Screen, SignalSink
from havre.services.presence import Presence
from havre.services.rooms import RoomService
from havre.storage.repositories import ContactState, Repositories, SafetySignal, StoredMessage

log = logging.getLogger(__name__)

_KNOWN_CONVERSATIONS = 100_000
_KNOWN_CONTACTS = 100_000
_HELP_EVERY_SECONDS = 600.0  # at most one help notice per minor per ten minutes


@dataclass(frozen=True, slots=True)
class ChatRules:
    """The chat's limits (from settings)."""

    history_size: int = 50
    max_text_length: int = 1000
    messages_per_second: float = 3.0
    messages_burst: int = 10
    rooms_per_user: int = 10


@dataclass(frozen=True, slots=True)
class Ack:
    """What an accepted message gets back."""

    id: MessageId
    message: Message


@dataclass(frozen=True, slots=True)
class Joined:
    """A room entered: its members and recent history, as the joining user may see them."""

    room: Room
    members: list[User]
    history: list[tuple[Message, User]]


class ChatService:
    """Rooms, private messages and blocks for connected users."""

    def __init__(
        self,
        repositories: Repositories,
        rooms: RoomService,
        presence: Presence,
        log_: MessageLog,
        outbound: Outbound,
        screen: Screen,
        clock: Clock,
        rules: ChatRules,
        age_assurance: AgeAssurance | None = None,
        *,
        restrictions: Restrictions | None = None,
        signal_sink: SignalSink | None = None,
    ) -> None:
        self._repos = repositories
        self._restrictions = restrictions
        self._signal_sink = signal_sink
        self._age_assurance = age_assurance
        self._rooms = rooms
        self._presence = presence
        self._log = log_
        self._out = outbound
        self._screen = screen
        self._clock = clock
        self._rules = rules
        self._limiter = KeyedLimiter(rules.messages_per_second, rules.messages_burst)
        self._ids = MessageIds()
        self._blocks: dict[UserId, set[UserId]] = {}
        self._accepts_private: dict[UserId, bool] = {}
        self._age_assured: set[UserId] = set()
        self._conversations: OrderedDict[ConversationId, None] = OrderedDict()
        # Pairs (minor, other) whose private conversation a minor accepted.
        self._accepted: OrderedDict[tuple[UserId, UserId], None] = OrderedDict()
        self._helped: OrderedDict[UserId, float] = OrderedDict()

    # Connections -------------------------------------------------------------------------------

    async def connected(self, user: User) -> None:
        """A socket of ``user`` opened: load what fan-out needs to know about the user."""
        if self._presence.connect(user) > 1:
            return
        # The first socket loads the user's state; only what differs from the default is kept, so an
        # idle user costs no set or dict entry here.
        blocked = await self._repos.blocks.blocked_by(user.id)
        if blocked:
            self._blocks[user.id] = blocked
        if not await self._repos.users.private_messages(user.id):
            self._accepts_private[user.id] = False
        if await self._repos.users.age_assured(user.id):
            self._age_assured.add(user.id)

    async def disconnected(self, user: User) -> None:
        """A socket of ``user`` closed; the last one takes the user out of every room."""
        if self._presence.disconnect(user.id) > 0:
            return
        for room_id in self._presence.rooms_of(user.id):
            await self._leave_room(room_id, user)
        self._blocks.pop(user.id, None)
        self._accepts_private.pop(user.id, None)
        self._age_assured.discard(user.id)
        self._limiter.forget(user.id)

    def has_blocked(self, viewer: UserId, sender: UserId) -> bool:
        """Whether ``viewer`` has blocked ``sender`` (read on every delivery: synchronous)."""
        blocked = self._blocks.get(viewer)
        return blocked is not None and sender in blocked

    def _shadowed(self, user: User) -> bool:
        # A shadow-banned sender's messages are delivered to the sender alone (see Outbound.message).
        return self._restrictions is not None and self._restrictions.shadow_banned(user.id)

    # Rooms ----------------------------------------------------------------------------------

    async def join(self, user: User, room_id: str) -> Joined:
        """Enter a room. Raises ``RoomNotFound``, ``ForbiddenAudience`` or ``RateLimited``."""
        room = await self._rooms.enterable(user, room_id)
        if room.adult_content and (user.band is not AgeBand.ADULTS or user.id not in self._age_assured):
            raise ClientError("age assurance required", code="age_assurance_required")
        if not self._presence.is_member(room.id, user.id):
            if len(self._presence.rooms_of(user.id)) >= self._rules.rooms_per_user:
                raise ClientError("too many rooms", code="too_many_rooms")
            self._presence.join(room.id, user)
            await self._out.presence(room, user, "join")
        # Rooms are for one band, except operator-enabled rooms for all, where ages are masked on the wire.
        members = self._presence.members(room.id)
        history = await self._history(user, room)
        return Joined(room, members, history)

    async def _history(self, viewer: User, room: Room) -> list[tuple[Message, User]]:
        messages = await self._repos.messages.room_history(room.id, self._rules.history_size)
        blocked = self._blocks.get(viewer.id, set())
        messages = [m for m in messages if m.sender not in blocked]
        senders = await self._repos.users.get_many([m.sender for m in messages])
        return [(m, senders[m.sender]) for m in messages if m.sender in senders]

    async def leave(self, user: User, room_id: str) -> RoomId:
        """Leave a room. Raises ``NotMember``."""
        room = RoomId(room_id)
        if not self._presence.is_member(room, user.id):
            raise NotMember()
        await self._leave_room(room, user)
        return room

    async def _leave_room(self, room_id: RoomId, user: User) -> None:
        self._presence.leave(room_id, user.id)
        room = await self._rooms.get(room_id)
        if room is not None:
            await self._out.presence(room, user, "leave")

    # Messages -------------------------------------------------------------------------------

    def _check_text(self, user: User, text: str) -> str:
        if len(text) > self._rules.max_text_length:
            raise TextTooLong()
        if not text.strip():
            raise EmptyText()
        if self._restrictions is not None and self._restrictions.muted(user.id):
            raise Muted()
        if not self._limiter.allow(user.id, self._clock.monotonic()):
            raise RateLimited()
        return text

    async def say(self, user: User, room_id: str, text: str) -> Ack:
        """Post to a room the user is in. Raises ``NotMember``, ``TextTooLong``, ``EmptyText``,
        ``RateLimited``, ``Rejected``, ``Held`` or ``StorageUnavailable``."""
        room_key = RoomId(room_id)
        if not self._presence.is_member(room_key, user.id):
            raise NotMember()
        room = await self._rooms.get(room_key)
        if room is None:
            raise NotMember()
        text = self._check_text(user, text)
        now = self._clock.now()
        verdict = self._screen.screen(
            ScreeningRequest(
                space=room.id,
                setting=Setting.ROOM,
                audience=_space_audience(room.audience),
                sender=user.id,
                sender_age=user.age,
                text=text,
                at=now.timestamp(),
            )
        )
        message = Message(self._ids.new(now), user.id, verdict.text, now, room=room.id)
        await self._act(user, message, text, verdict)
        await self._out.message(message, user, room, shadow=self._shadowed(user))
        await self._notify(user, [], verdict, room)
        return Ack(message.id, message)

    async def pm(self, user: User, to: str, text: str) -> Ack:
        """Send a private message. Raises ``RecipientUnavailable`` (offline, unknown, not reachable,
        private messages off, or a declined request: never says which), ``Blocked`` (the sender
        blocked the recipient), ``ClientError("awaiting_acceptance")`` (a minor has not answered the
        first message yet), and the errors of ``say``.

        A first private message to a minor arrives as a contact request: it is delivered, and the
        sender can send nothing more until the minor accepts.
        """
        recipient = self._presence.online_user(UserId(to)) if len(to) <= 64 else None
        if recipient is None or recipient.id == user.id or not may_contact(user.band, recipient.band):
            raise RecipientUnavailable()
        if self.has_blocked(user.id, recipient.id):
            raise Blocked()
        if not self._accepts_private.get(recipient.id, True):
            raise RecipientUnavailable()
        request = False
        if recipient.band is AgeBand.MINORS and not await self._contact_open(user, recipient):
            state = await self._repos.contacts.state(recipient.id, user.id)
            if state is ContactState.DECLINED:
                raise RecipientUnavailable()
            if state is ContactState.PENDING:
                raise ClientError("waiting for the answer", code="awaiting_acceptance")
            request = True
        text = self._check_text(user, text)
        now = self._clock.now()
        conversation = conversation_id_for(user.id, recipient.id)
        verdict = self._screen.screen(
            ScreeningRequest(
                space=conversation,
                setting=Setting.PM,
                audience=SpaceAudience.MINORS if user.band is AgeBand.MINORS else SpaceAudience.ADULTS,
                sender=user.id,
                sender_age=user.age,
                text=text,
                at=now.timestamp(),
                recipient=recipient.id,
                recipient_age=recipient.age,
            )
        )
        if conversation not in self._conversations:
            await self._repos.conversations.ensure(conversation, user.id, recipient.id, now=now)
            self._remember(self._conversations, conversation, _KNOWN_CONVERSATIONS)
        message = Message(
            self._ids.new(now), user.id, verdict.text, now, conversation=conversation, recipient=recipient.id
        )
        await self._act(user, message, text, verdict)
        if request and not await self._repos.contacts.open(recipient.id, user.id, now=now):
            raise ClientError("waiting for the answer", code="awaiting_acceptance")
        await self._out.message(message, user, None, contact_request=request, shadow=self._shadowed(user))
        await self._notify(user, [recipient], verdict)
        return Ack(message.id, message)

    async def _contact_open(self, sender: User, minor: User) -> bool:
        """Whether the minor accepted this conversation (or started it by accepting the other way)."""
        for pair in ((minor.id, sender.id), (sender.id, minor.id)):
            if pair in self._accepted:
                return True
            if await self._repos.contacts.state(*pair) is ContactState.ACCEPTED:
                self._remember(self._accepted, pair, _KNOWN_CONTACTS)
                return True
        return False

    @staticmethod
    def _remember(known: OrderedDict[Any, None], key: Any, bound: int) -> None:
        known[key] = None
        if len(known) > bound:
            known.popitem(last=False)

    async def answer_contact(self, minor: User, sender_id: str, accept: bool) -> None:
        """A minor accepts or declines a first private message. Raises ``NotFound``."""
        sender = UserId(sender_id[:64])
        state = ContactState.ACCEPTED if accept else ContactState.DECLINED
        if not await self._repos.contacts.decide(minor.id, sender, state, now=self._clock.now()):
            raise NotFound()
        if accept:
            self._remember(self._accepted, (minor.id, sender), _KNOWN_CONTACTS)
            other = self._presence.online_user(sender)
            if other is not None:
                await self._out.contact_answer(other, minor)
        else:
            self._accepted.pop((minor.id, sender), None)

    def accepts_private(self, user_id: UserId) -> bool:
        """Whether a connected user accepts private messages."""
        return self._accepts_private.get(user_id, True)

    async def set_private_messages(self, user: User, accept: bool) -> None:
        """Turn the user's private messages on or off."""
        await self._repos.users.set_private_messages(user.id, accept)
        if accept:
            self._accepts_private.pop(user.id, None)
        else:
            self._accepts_private[user.id] = False

    async def assure_age(self, user: User, token: str) -> None:
        """Record a proof of majority from the age-assurance provider.

        Raises ``ClientError`` ``age_assurance_unavailable`` (no provider), ``ForbiddenAudience``
        (a minor) or ``age_assurance_invalid``.
        """
        if self._age_assurance is None:
            raise ClientError("no provider", code="age_assurance_unavailable")
        if user.band is not AgeBand.ADULTS:
            raise ForbiddenAudience()
        if not self._age_assurance.verify(token, self._clock.now()):
            raise ClientError("invalid token", code="age_assurance_invalid")
        await self._repos.users.set_age_assured(user.id, now=self._clock.now())
        self._age_assured.add(user.id)

    async def _act(self, user: User, message: Message, original: str, verdict: Verdict) -> None:
        """Store the message as the verdict says; raises ``Rejected`` or ``Held`` when it goes no further."""
        if verdict.needs_review:
            await self._signal(user, message, original, verdict)
        if verdict.action is Action.BLOCK:
            raise Rejected(verdict.reason or "Ce message ne respecte pas les règles de Havre.")
        action = verdict.action.value
        if self._restrictions is not None and self._restrictions.shadow_banned(user.id):
            action = "shadow"  # kept for moderators, out of every history
        stored = StoredMessage(
            message,
            action=action,
            original_text=original if verdict.text != original else None,
        )
        await self._log.append(stored)
        if verdict.action is Action.HOLD:
            raise Held(verdict.reason)

    async def _signal(self, user: User, message: Message, original: str, verdict: Verdict) -> None:
        signal = SafetySignal(
            id=new_sortable_id(message.created_at),
            user=user.id,
            space=message.room or message.conversation or "",
            message=message.id if verdict.action is not Action.BLOCK else None,
            action=verdict.action.value,
            categories=tuple(c.value for c in verdict.categories),
            scores={c.value: round(s, 4) for c, s in verdict.scores.items()},
            text=original,
            created_at=message.created_at,
        )
        await self._repos.signals.add(signal)
        if self._signal_sink is not None:
            await self._signal_sink.signal(signal)

    async def _notify(
        self, sender: User, recipients: list[User], verdict: Verdict, room: Room | None = None
    ) -> None:
        helped: set[UserId] = set()
        for notice in verdict.notices:
            targets: list[User] = []
            if notice.target in (NoticeTarget.SENDER, NoticeTarget.BOTH):
                targets.append(sender)
            if notice.target in (NoticeTarget.RECIPIENTS, NoticeTarget.BOTH):
                targets.extend(recipients)
                if room is not None:
                    await self._out.room_notice(room, sender, NoticeKind.SAFETY, notice.key)
            for target in targets:
                await self._out.notice(target, NoticeKind.SAFETY, notice.key, {})
                if notice.key is NoticeKey.MINOR_HELP:
                    helped.add(target.id)
        if verdict.action is Action.ALLOW:
            return
        # Any safety event that concerns a minor brings the help lines (119, 3018) to them.
        for person in (sender, *recipients):
            if person.band is AgeBand.MINORS and person.id not in helped:
                await self.help_minor(person)

    async def help_minor(self, minor: User) -> None:
        """Send a minor the help lines, at most once per ten minutes."""
        now = self._clock.monotonic()
        last = self._helped.get(minor.id)
        if last is not None and now - last < _HELP_EVERY_SECONDS:
            return
        self._helped[minor.id] = now
        self._helped.move_to_end(minor.id)
        if len(self._helped) > _KNOWN_CONTACTS:
            self._helped.popitem(last=False)
        await self._out.notice(minor, NoticeKind.SAFETY, NoticeKey.MINOR_HELP, {})

    # Blocks ---------------------------------------------------------------------------------

    async def _reachable(self, user: User, other_id: str) -> User:
        other = self._presence.online_user(UserId(other_id)) if len(other_id) <= 64 else None
        if other is None:
            other = await self._repos.users.get(UserId(other_id)) if len(other_id) <= 64 else None
        if other is None or other.id == user.id or not may_contact(user.band, other.band):
            raise RecipientUnavailable()
        return other

    async def block(self, user: User, other_id: str) -> None:
        """Stop ``other_id``'s messages and private messages from reaching ``user``."""
        other = await self._reachable(user, other_id)
        await self._repos.blocks.add(user.id, other.id, now=self._clock.now())
        self._blocks.setdefault(user.id, set()).add(other.id)
        if user.band is AgeBand.MINORS:
            await self.help_minor(user)

    async def unblock(self, user: User, other_id: str) -> None:
        """Undo a block (idempotent)."""
        other = await self._reachable(user, other_id)
        await self._repos.blocks.remove(user.id, other.id)
        blocked = self._blocks.get(user.id)
        if blocked is not None:
            blocked.discard(other.id)
            if not blocked:
                del self._blocks[user.id]


def _space_audience(audience: Audience) -> SpaceAudience:
    if audience is Audience.MINORS:
        return SpaceAudience.MINORS
    if audience is Audience.ADULTS:
        return SpaceAudience.ADULTS
    return SpaceAudience.MIXED
