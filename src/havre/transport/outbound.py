"""The services' outbound port over the bus: frames are encoded here, once per audience."""

from __future__ import annotations

from havre.bus.protocol import Bus, Delivery, Scope
from havre.domain.messages import Message
from havre.domain.rooms import Audience, Room
from havre.domain.users import AgeBand, User
from havre.domain.verdict import NoticeKey
from havre.services.ports import NoticeKind
from havre.transport import frames
from havre.transport.i18n import Language, notice_text

_BAND_OF = {Audience.MINORS: AgeBand.MINORS, Audience.ADULTS: AgeBand.ADULTS}


class BusOutbound:
    """Implements ``services.ports.Outbound``: encodes each event once and publishes it."""

    def __init__(self, bus: Bus, language_of: dict[str, Language] | None = None) -> None:
        self._bus = bus
        # Notices are rendered in the language of the user's most recent socket.
        self.language_of: dict[str, Language] = language_of if language_of is not None else {}

    async def message(
        self,
        message: Message,
        sender: User,
        room: Room | None,
        *,
        contact_request: bool = False,
        shadow: bool = False,
    ) -> None:
        """See ``Outbound.message``."""
        if shadow:
            frame = frames.encode(frames.message_frame(message, sender, sender.band))
            await self._bus.publish(Delivery(Scope.USER, sender.id, frame, sender=sender.id))
            return
        if room is not None:
            band = _BAND_OF.get(room.audience)
            if band is not None:
                frame = frames.encode(frames.message_frame(message, sender, band))
                await self._bus.publish(Delivery(Scope.ROOM, room.id, frame, sender=sender.id))
            else:
                minors = frames.encode(frames.message_frame(message, sender, AgeBand.MINORS))
                adults = frames.encode(frames.message_frame(message, sender, AgeBand.ADULTS))
                await self._bus.publish(
                    Delivery(Scope.ROOM, room.id, minors, sender=sender.id, adult_frame=adults)
                )
            return
        assert message.recipient is not None
        frame = frames.encode(frames.message_frame(message, sender, sender.band))
        await self._bus.publish(Delivery(Scope.USER, sender.id, frame, sender=sender.id))
        if contact_request:
            wire = frames.user_wire(sender, sender.band)
            request = frames.ContactRequest(
                message=frames.message_wire(message, sender, sender.band), from_=wire
            )
            frame = frames.encode(request)
        await self._bus.publish(Delivery(Scope.USER, message.recipient, frame, sender=sender.id))

    async def contact_answer(self, sender: User, minor: User) -> None:
        """See ``Outbound.contact_answer``."""
        await self.notice_key(
            sender.id, "system", "contact_accepted", {"user": minor.id, "pseudo": minor.pseudo}
        )

    async def presence(self, room: Room, user: User, event: str) -> None:
        """See ``Outbound.presence``."""
        band = _BAND_OF.get(room.audience)
        if band is not None:
            frame = frames.encode(frames.Presence(room.id, frames.user_wire(user, band), event))
            await self._bus.publish(Delivery(Scope.ROOM, room.id, frame, exclude_user=user.id))
            return
        minors = frames.encode(frames.Presence(room.id, frames.user_wire(user, AgeBand.MINORS), event))
        adults = frames.encode(frames.Presence(room.id, frames.user_wire(user, AgeBand.ADULTS), event))
        await self._bus.publish(
            Delivery(Scope.ROOM, room.id, minors, adult_frame=adults, exclude_user=user.id)
        )

    async def notice(self, user: User, kind: NoticeKind, key: NoticeKey, data: dict[str, str]) -> None:
        """See ``Outbound.notice``."""
        await self.notice_key(user.id, kind.value, key.value, data)

    async def room_notice(self, room: Room, sender: User, kind: NoticeKind, key: NoticeKey) -> None:
        """See ``Outbound.room_notice`` (in French: a room has no single language)."""
        frame = frames.encode(
            frames.Notice(kind=kind.value, text=notice_text(Language.FR, key.value), data={"key": key.value})
        )
        await self._bus.publish(Delivery(Scope.ROOM, room.id, frame, exclude_user=sender.id))

    async def notice_key(
        self, user_id: str, kind: str, key: str, data: dict[str, str], close_code: int | None = None
    ) -> None:
        """Send a notice by catalogue key to every socket of a user, then close them if asked."""
        language = self.language_of.get(user_id, Language.FR)
        payload = {"key": key, **data}
        frame = frames.encode(frames.Notice(kind=kind, text=notice_text(language, key), data=payload))
        await self._bus.publish(Delivery(Scope.USER, user_id, frame, close_code=close_code))
