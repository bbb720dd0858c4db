"""The labelled-conversation format (``shared/spec/safety-data.md``): reading it into typed values.

Input is parsed and validated here, at the edge; the rest of the package receives :class:`Conversation`.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import msgspec

from havre.domain.verdict import Category, Setting, SpaceAudience

__all__ = ["Conversation", "Message", "Participant", "load_conversations", "parse_conversation"]


class Participant(msgspec.Struct, frozen=True):
    """A speaker's declared age (may be a lie) and gender."""

    age: int
    gender: str = "x"


class Message(msgspec.Struct, frozen=True):
    """One message: speaker key and text."""

    text: str
    sender: str = msgspec.field(name="from")


class Conversation(msgspec.Struct, frozen=True):
    """One labelled conversation; ``labels`` may be empty (benign) and ``message_labels`` absent."""

    id: str
    setting: str
    audience: str
    participants: dict[str, Participant]
    messages: list[Message]
    labels: list[str] = msgspec.field(default_factory=list)
    message_labels: dict[str, list[str]] = msgspec.field(default_factory=dict)
    note: str | None = None

    @property
    def setting_enum(self) -> Setting:
        """The setting as the domain's enum."""
        return Setting(self.setting)

    @property
    def audience_enum(self) -> SpaceAudience:
        """The audience as the domain's enum."""
        return SpaceAudience(self.audience)

    @property
    def categories(self) -> frozenset[Category]:
        """The conversation-level categories."""
        return frozenset(Category(label) for label in self.labels)

    def message_categories(self, index: int) -> frozenset[Category]:
        """The categories message ``index`` shows (empty when unlabelled)."""
        return frozenset(Category(label) for label in self.message_labels.get(str(index), ()))


_DECODER = msgspec.json.Decoder(Conversation)


def parse_conversation(line: str | bytes) -> Conversation:
    """Parse one JSON line; raises ``ValueError`` naming the problem when it is not a valid conversation."""
    try:
        conversation = _DECODER.decode(line)
        conversation.setting_enum  # noqa: B018 - validates the enum value
        conversation.audience_enum  # noqa: B018
        conversation.categories  # noqa: B018
        for message in conversation.messages:
            if message.sender not in conversation.participants:
                raise ValueError(f"{conversation.id}: unknown speaker {message.sender!r}")
    except msgspec.ValidationError as exc:
        raise ValueError(f"invalid conversation: {exc}") from exc
    return conversation


def load_conversations(path: Path) -> Iterator[Conversation]:
    """Yield the conversations of a JSON Lines file in order; raises ``ValueError`` with the line number."""
    with path.open("rb") as handle:
        for number, line in enumerate(handle, start=1):
            if not line.strip():
                continue
            try:
                yield parse_conversation(line)
            except ValueError as exc:
                raise ValueError(f"{path}:{number}: {exc}") from exc
