"""The frame parser and encoders: arbitrary input never escapes as anything but BadFrame."""

from __future__ import annotations

import contextlib
import json
from datetime import UTC, datetime

import msgspec
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from havre.domain.ids import MessageId, RoomId, UserId
from havre.domain.messages import Message
from havre.domain.users import AgeBand, Gender, User
from havre.errors import BadFrame
from havre.transport import frames

json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=30),
    lambda children: (
        st.lists(children, max_size=4) | st.dictionaries(st.text(max_size=10), children, max_size=4)
    ),
    max_leaves=20,
)
frame_like = st.fixed_dictionaries(
    {"type": st.sampled_from(["join", "leave", "say", "pm", "block", "unblock", "report", "ping", "x", ""])},
    optional={
        "room": json_values,
        "text": json_values,
        "to": json_values,
        "user": json_values,
        "ref": json_values,
        "reason": json_values,
        "message": json_values,
    },
)


@settings(max_examples=400, deadline=None)
@given(st.binary(max_size=200) | st.text(max_size=200))
def test_arbitrary_bytes_parse_or_raise_bad_frame(data: bytes | str) -> None:
    """Any input either parses into a frame or raises BadFrame, never anything else."""
    with contextlib.suppress(BadFrame):
        frames.parse_frame(data)


@settings(max_examples=400, deadline=None)
@given(frame_like)
def test_frame_shaped_objects_parse_or_raise_bad_frame(obj: dict[str, object]) -> None:
    """Objects shaped like frames parse into the right type or raise BadFrame with a reason."""
    try:
        frame = frames.parse_frame(json.dumps(obj))
    except BadFrame as exc:
        assert exc.detail
    else:
        assert type(frame).__name__.lower() == obj["type"]


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=64), st.text(max_size=300))
def test_valid_say_frames_round_trip(ref: str, text: str) -> None:
    """A valid say frame keeps its room, text and ref."""
    frame = frames.parse_frame(json.dumps({"type": "say", "room": "accueil", "text": text, "ref": ref}))
    assert frame == frames.Say(room="accueil", text=text, ref=ref)


def test_ref_is_recovered_from_an_ill_typed_frame() -> None:
    """An ill-typed frame's valid ref is kept so its error answers it."""
    with pytest.raises(BadFrame) as error:
        frames.parse_frame('{"type": "say", "room": 1, "text": "x", "ref": "abc"}')
    assert error.value.ref == "abc"  # type: ignore[attr-defined]
    assert frames.recover_ref('{"ref": "' + "x" * 65 + '"}') is None


def test_message_frame_hides_a_minors_age_from_adults() -> None:
    """The wire form of a user carries the age only when the viewer may see it."""
    teen = User(UserId("u_t"), "Lina", Gender.F, 16, "69", datetime(2026, 1, 1, tzinfo=UTC))
    message = Message(
        MessageId("01J"),
        teen.id,
        "salut",
        datetime(2026, 11, 29, 10, 15, 0, 123456, tzinfo=UTC),
        room=RoomId("ados-accueil"),
    )
    for_minors = msgspec.json.decode(frames.encode(frames.message_frame(message, teen, AgeBand.MINORS)))
    for_adults = msgspec.json.decode(frames.encode(frames.message_frame(message, teen, AgeBand.ADULTS)))
    assert for_minors["from"]["age"] == 16 and "age" not in for_adults["from"]
    assert for_minors == {
        "type": "message",
        "id": "01J",
        "from": {"id": "u_t", "pseudo": "Lina", "gender": "f", "department": "69", "age": 16},
        "text": "salut",
        "ts": "2026-11-29T10:15:00.123Z",
        "room": "ados-accueil",
    }
