"""Wire frames of contract v1: parsing client frames and encoding server frames. No I/O.

Client frames are decoded straight into typed structs by msgspec (a tagged union on ``type``); any
failure becomes ``BadFrame`` with a short reason, and the ``ref`` is still recovered when it can be so
the error answers the right frame.
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Annotated, Any

import msgspec

from havre.domain.messages import Message
from havre.domain.policy import may_see_age
from havre.domain.rooms import Room
from havre.domain.users import AgeBand, User
from havre.errors import BadFrame

Ref = Annotated[str, msgspec.Meta(max_length=64)]
Key = Annotated[str, msgspec.Meta(min_length=1, max_length=64)]
Text = Annotated[str, msgspec.Meta(max_length=20_000)]  # the service applies the real limit


class ClientFrame(msgspec.Struct, tag_field="type", forbid_unknown_fields=False):
    """Base of every client frame."""


class Join(ClientFrame, tag="join"):
    """Enter a room."""

    room: Key
    ref: Ref | None = None


class Leave(ClientFrame, tag="leave"):
    """Leave a room."""

    room: Key
    ref: Ref | None = None


class Say(ClientFrame, tag="say"):
    """Post to a room."""

    room: Key
    text: Text
    ref: Ref | None = None


class Pm(ClientFrame, tag="pm"):
    """Private message to a user."""

    to: Key
    text: Text
    ref: Ref | None = None


class Block(ClientFrame, tag="block"):
    """Block a user."""

    user: Key
    ref: Ref | None = None


class Unblock(ClientFrame, tag="unblock"):
    """Unblock a user."""

    user: Key
    ref: Ref | None = None


class Report(ClientFrame, tag="report"):
    """Report a message or a user."""

    reason: Annotated[str, msgspec.Meta(max_length=64)]
    message: Key | None = None
    user: Key | None = None
    details: Annotated[str, msgspec.Meta(max_length=4000)] | None = None
    ref: Ref | None = None


class ContactAccept(ClientFrame, tag="contact_accept"):
    """A minor accepts the private conversation someone started (extension of v1)."""

    user: Key
    ref: Ref | None = None


class ContactDecline(ClientFrame, tag="contact_decline"):
    """A minor declines it (extension of v1)."""

    user: Key
    ref: Ref | None = None


class Settings(ClientFrame, tag="settings"):
    """The user's preferences (extension of v1): private messages on or off."""

    private_messages: bool
    ref: Ref | None = None


class AgeAssurance(ClientFrame, tag="age_assurance"):
    """A proof of majority from the age-assurance provider (extension of v1)."""

    token: Annotated[str, msgspec.Meta(max_length=512)]
    ref: Ref | None = None


class Ping(ClientFrame, tag="ping"):
    """Keep-alive."""

    ref: Ref | None = None


AnyClientFrame = (
    Join
    | Leave
    | Say
    | Pm
    | Block
    | Unblock
    | Report
    | Ping
    | ContactAccept
    | ContactDecline
    | Settings
    | AgeAssurance
)
_decoder: msgspec.json.Decoder[AnyClientFrame] = msgspec.json.Decoder(AnyClientFrame)
_loose = msgspec.json.Decoder()


def parse_frame(data: str | bytes) -> AnyClientFrame:
    """Decode one client frame. Raises ``BadFrame`` (with the frame's ``ref`` when it had a valid one)."""
    try:
        return _decoder.decode(data)
    except msgspec.ValidationError as exc:
        error = BadFrame(_reason(str(exc)))
        error.ref = recover_ref(data)  # type: ignore[attr-defined]
        raise error from None
    except msgspec.DecodeError:
        raise BadFrame("not JSON") from None


def _reason(message: str) -> str:
    if "Invalid value" in message and "$.type" in message:
        return "unknown type"
    if "missing required field `type`" in message.lower():
        return "missing type"
    if "Expected `object`" in message:
        return "not an object"
    return message[:200]


def recover_ref(data: str | bytes) -> str | None:
    """The ``ref`` of a frame that will not be handled (malformed or over the rate), if it has one."""
    try:
        value: Any = _loose.decode(data)
    except msgspec.DecodeError:
        return None
    if isinstance(value, dict):
        ref = value.get("ref")
        if isinstance(ref, str) and len(ref) <= 64:
            return ref
    return None


# Server frames ----------------------------------------------------------------------------------


class UserWire(msgspec.Struct, omit_defaults=True):
    """``User`` on the wire; ``age`` only when the viewer may see it."""

    id: str
    pseudo: str
    gender: str
    department: str
    age: int | None = None


class RoomWire(msgspec.Struct, omit_defaults=True):
    """``Room`` on the wire; ``theme`` and ``adult_content`` are extensions of v1."""

    id: str
    name: str
    topic: str
    audience: str
    members: int
    theme: str = ""
    adult_content: bool = False


class SettingsWire(msgspec.Struct):
    """The user's preferences, in ``hello`` (extension of v1)."""

    private_messages: bool


class MessageFrame(msgspec.Struct, omit_defaults=True, tag_field="type", tag="message"):
    """A message as every recipient sees it."""

    id: str
    from_: UserWire = msgspec.field(name="from")
    text: str = ""
    ts: str = ""
    room: str | None = None
    conversation: str | None = None


class MessageWire(msgspec.Struct, omit_defaults=True):
    """A message inside ``joined.history``."""

    id: str
    from_: UserWire = msgspec.field(name="from")
    text: str = ""
    ts: str = ""
    room: str | None = None
    conversation: str | None = None


class ContactRequest(msgspec.Struct, tag_field="type", tag="contact_request"):
    """To a minor: someone wrote first; nothing more comes until the minor accepts (extension of v1)."""

    message: MessageWire
    from_: UserWire = msgspec.field(name="from")


class Hello(msgspec.Struct, tag_field="type", tag="hello"):
    """First frame after the handshake."""

    user: UserWire
    rooms: list[RoomWire]
    settings: SettingsWire | None = None


class Joined(msgspec.Struct, tag_field="type", tag="joined"):
    """Answer to ``join``."""

    room: str
    members: list[UserWire]
    history: list[MessageWire]
    ref: str | None = None


class Left(msgspec.Struct, omit_defaults=True, tag_field="type", tag="left"):
    """Answer to ``leave``."""

    room: str
    ref: str | None = None


class Presence(msgspec.Struct, tag_field="type", tag="presence"):
    """Someone entered or left a room."""

    room: str
    user: UserWire
    event: str


class Ack(msgspec.Struct, omit_defaults=True, tag_field="type", tag="ack"):
    """A client frame was accepted."""

    ref: str | None = None
    id: str | None = None
    ts: str | None = None


class Notice(msgspec.Struct, omit_defaults=True, tag_field="type", tag="notice"):
    """A protective, sanction or system message."""

    kind: str
    text: str
    data: dict[str, str] | None = None


class Error(msgspec.Struct, omit_defaults=True, tag_field="type", tag="error"):
    """A client frame was refused."""

    code: str
    message: str
    ref: str | None = None


class Pong(msgspec.Struct, omit_defaults=True, tag_field="type", tag="pong"):
    """Answer to ``ping``."""

    ref: str | None = None


_encoder = msgspec.json.Encoder()


def encode(frame: msgspec.Struct) -> bytes:
    """Encode a server frame as JSON bytes (sent as a text frame)."""
    return _encoder.encode(frame)


def timestamp(moment: datetime) -> str:
    """RFC 3339 in UTC with milliseconds: ``2026-11-29T10:15:00.123Z``."""
    utc = moment.astimezone(UTC)
    return utc.strftime("%Y-%m-%dT%H:%M:%S.") + f"{utc.microsecond // 1000:03d}Z"


def user_wire(user: User, viewer: AgeBand) -> UserWire:
    """A user as a viewer of ``viewer``'s band may see them."""
    return UserWire(
        id=user.id,
        pseudo=user.pseudo,
        gender=user.gender.value,
        department=user.department,
        age=user.age if may_see_age(viewer, user.band) else None,
    )


def room_wire(room: Room, members: int) -> RoomWire:
    """A room on the wire."""
    return RoomWire(
        room.id, room.name, room.topic, room.audience.value, members, room.theme, room.adult_content
    )


def message_frame(message: Message, sender: User, viewer: AgeBand) -> MessageFrame:
    """The ``message`` frame of a message, for viewers of one band."""
    return MessageFrame(
        id=message.id,
        from_=user_wire(sender, viewer),
        text=message.text,
        ts=timestamp(message.created_at),
        room=message.room,
        conversation=message.conversation,
    )


def message_wire(message: Message, sender: User, viewer: AgeBand) -> MessageWire:
    """A message inside a history list."""
    return MessageWire(
        id=message.id,
        from_=user_wire(sender, viewer),
        text=message.text,
        ts=timestamp(message.created_at),
        room=message.room,
        conversation=message.conversation,
    )
