"""The safety pipeline's one typed answer, and what it is asked.

The pipeline (``havre.safety``) produces a :class:`Verdict` for every :class:`ScreeningRequest`; the
messaging service acts on it. A verdict is a value, never an exception, and never grows another shape.
"""

from __future__ import annotations

import enum
from collections.abc import Mapping
from dataclasses import dataclass, field


class Action(enum.Enum):
    """What the live server does with a message, from mildest to strictest."""

    # Members are singletons: identity hashing is correct and much faster than Enum's Python-level hash.
    __hash__ = object.__hash__

    ALLOW = "allow"
    WARN = "warn"  # deliver, and show the recipient a safety notice
    MASK = "mask"  # deliver with the harmful spans hidden
    HOLD = "hold"  # deliver to nobody until a moderator decides
    BLOCK = "block"  # refuse, and tell the sender why

    @property
    def severity(self) -> int:
        """Rank of the action (0 for allow, 4 for block), to pick the strictest of several."""
        return _SEVERITY[self]


_SEVERITY = {Action.ALLOW: 0, Action.WARN: 1, Action.MASK: 2, Action.HOLD: 3, Action.BLOCK: 4}


class Category(enum.Enum):
    """The closed set of harm categories of ``shared/spec/safety-data.md``."""

    # Members are singletons: identity hashing is correct and much faster than Enum's Python-level hash.
    __hash__ = object.__hash__

    GROOMING = "grooming"
    SEXUAL_MINORS = "sexual_minors"
    PROSTITUTION = "prostitution"
    DRUGS = "drugs"
    AMBUSH = "ambush"
    HATE = "hate"
    HARASSMENT = "harassment"
    SELF_HARM = "self_harm"
    CONTACT_EXCHANGE = "contact_exchange"
    SPAM = "spam"


class Setting(enum.Enum):
    """Where a message is said."""

    # Members are singletons: identity hashing is correct and much faster than Enum's Python-level hash.
    __hash__ = object.__hash__

    PM = "pm"
    ROOM = "room"


class SpaceAudience(enum.Enum):
    """Who the space is for, as the safety data format names it."""

    # Members are singletons: identity hashing is correct and much faster than Enum's Python-level hash.
    __hash__ = object.__hash__

    MINORS = "minors"
    ADULTS = "adults"
    MIXED = "mixed"


class NoticeKey(enum.Enum):
    """Protective notices a verdict asks the transport to show; texts live in the message catalogues."""

    CONTACT_DETAILS_MASKED = "contact_details_masked"  # contact details were hidden (minors' band)
    CONTACT_DETAILS_WARNING = "contact_details_warning"  # be careful giving out contact details
    SELF_HARM_HELP = "self_harm_help"  # 3114
    MINOR_HELP = "minor_help"  # 119 and 3018
    MEETING_SAFETY = "meeting_safety"  # tips before meeting someone from the internet
    MESSAGE_WARNING = "message_warning"  # this message may be harmful: you can block or report


class NoticeTarget(enum.Enum):
    """Who receives a notice."""

    SENDER = "sender"
    RECIPIENTS = "recipients"
    BOTH = "both"


@dataclass(frozen=True, slots=True)
class SafetyNotice:
    """A notice to show, by key, to the sender, the recipients or both."""

    key: NoticeKey
    target: NoticeTarget


@dataclass(frozen=True, slots=True)
class ScreeningRequest:
    """One message as the pipeline sees it, with the context a stage-1 detector may use.

    ``space`` identifies the conversation (a room id or a private conversation id) and keys the running
    conversation state; ``recipient_age`` is the other side's declared age in a private conversation and
    ``None`` in a room. ``at`` is seconds since the epoch, from the injected clock.
    """

    space: str
    setting: Setting
    audience: SpaceAudience
    sender: str
    sender_age: int
    text: str
    at: float
    recipient: str | None = None
    recipient_age: int | None = None


@dataclass(frozen=True, slots=True)
class Verdict:
    """The pipeline's decision on one message.

    ``text`` is what may be delivered (the masked text when ``action`` is MASK, else the original);
    ``reason`` is a short French explanation for the sender when the action is BLOCK or HOLD;
    ``scores`` are in [0, 1] for the categories the message showed.
    """

    action: Action
    text: str
    categories: tuple[Category, ...] = ()
    scores: Mapping[Category, float] = field(default_factory=dict)
    notices: tuple[SafetyNotice, ...] = ()
    reason: str | None = None

    @property
    def needs_review(self) -> bool:
        """Whether moderators must see a signal for it (warn, hold and block do)."""
        return self.action in (Action.WARN, Action.HOLD, Action.BLOCK)


def allow(text: str) -> Verdict:
    """The verdict of a pipeline that found nothing (also the verdict when screening is off)."""
    return Verdict(action=Action.ALLOW, text=text)
