"""The values detectors exchange with the pipeline: normalized text, context, signals and scores.

Everything here is a frozen value; a detector receives a :class:`NormalizedMessage` and a
:class:`ConversationContext` and returns one :class:`Score`, always the same shape.
"""

from __future__ import annotations

import enum
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Protocol

from havre.domain.verdict import Category, Setting, SpaceAudience

__all__ = [
    "ConversationContext",
    "Detector",
    "NormalizedMessage",
    "Score",
    "Signal",
    "Span",
]


class Signal(enum.Enum):
    """A conversational cue a detector saw; the conversation state accumulates them over time.

    The grooming stages follow the literature (O'Connell's stages, the PAN-2012 predator corpus): rapport,
    age check, isolation, secrecy, gifts, a move to another app, a photo request and a meeting.
    """

    # Members are singletons: identity hashing is correct and much faster than Enum's Python-level hash.
    __hash__ = object.__hash__

    RAPPORT = "rapport"  # flattery, "you are mature", special-bond talk
    AGE_CHECK = "age_check"  # "t'as quel âge", "t'es en quelle classe"
    ALONE_CHECK = "alone_check"  # "t'es seule ?", "tes parents sont là ?"
    ISOLATION = "isolation"  # "personne te comprend comme moi", "les mecs de ton âge sont nuls"
    SECRECY = "secrecy"  # "dis rien à tes parents", "efface nos messages"
    GIFT = "gift"  # "je t'offre", "je te paie ton uber", gift cards, in-game currency
    MOVE_APP = "move_app"  # "viens sur snap", a handle, a phone number
    PHOTO_REQUEST = "photo_request"  # "envoie une photo de toi"
    MEETING = "meeting"  # "on se voit samedi ?", "viens chez moi"
    SEXUAL = "sexual"  # sexual vocabulary
    ADULT_STYLE = "adult_style"  # formal, fully spelled, punctuated writing


@dataclass(frozen=True, slots=True)
class Span:
    """A half-open character range ``[start, end)`` of the *raw* text that shows ``category``."""

    start: int
    end: int
    category: Category


@dataclass(frozen=True, slots=True)
class NormalizedMessage:
    """One message in the forms detectors need.

    ``raw`` is what was typed; ``text`` is folded (lower case, no accents, leetspeak decoded, elongations
    squeezed, spaced-out words joined, SMS spellings expanded, drug/money/sex emoji named, punctuation as
    spaces) with single spaces; ``tokens`` are the words of ``text``; ``compact`` is ``text`` without
    spaces, for evasions that split words.
    """

    raw: str
    text: str
    tokens: tuple[str, ...]
    compact: str


@dataclass(frozen=True, slots=True)
class ConversationContext:
    """What a stage-1 detector may know besides the message: who speaks, where, and the running state.

    Ages are declared (they may be lies). ``recipient_age`` is ``None`` in a room. ``repeats`` counts how
    many times the sender already sent the same folded text in this space recently; ``position`` is the
    message's index in the space (0 for the first seen); ``stages`` are the signals the conversation has
    accumulated so far with their decayed weights in [0, 1]; ``recent`` are the signals of the last few
    messages (any speaker).
    """

    setting: Setting
    audience: SpaceAudience
    sender_age: int
    recipient_age: int | None = None
    repeats: int = 0
    position: int = 0
    stages: Mapping[Signal, float] = field(default_factory=dict)
    recent: frozenset[Signal] = frozenset()

    @property
    def minors_space(self) -> bool:
        """Whether minors may read this message whatever the declared ages: the minors' space, or a room
        of the mixed (all ages) space, which gets the strictest policy."""
        if self.audience is SpaceAudience.MINORS:
            return True
        return self.audience is SpaceAudience.MIXED and self.setting is Setting.ROOM

    @property
    def minor_involved(self) -> bool:
        """Whether a declared minor is in the conversation or minors may read it (:attr:`minors_space`)."""
        if self.minors_space or self.sender_age < 18:
            return True
        return self.recipient_age is not None and self.recipient_age < 18

    @property
    def adult_to_minor(self) -> bool:
        """Whether a declared adult writes to a declared minor, or where minors may read it."""
        if self.sender_age < 18:
            return False
        if self.minors_space:
            return True
        return self.recipient_age is not None and self.recipient_age < 18


@dataclass(frozen=True, slots=True)
class Score:
    """One detector's answer on one message: per-category scores in [0, 1], raw spans, signals.

    ``categories`` only lists the categories the detector saw (absent means 0); ``spans`` locate maskable
    content in the raw text; ``signals`` are cues for the conversation state. ``caps`` bound the combined
    score of a category whatever the other detectors say: a detector that recognises that a message *talks
    about* a harm without doing it (counter-speech, an identity statement, a quote) caps it. ``doubts`` in
    [0, 1) raise the bar without a hard cap: the combined score ``s`` becomes ``(s - d) / (1 - d)``.
    """

    detector: str
    categories: Mapping[Category, float] = field(default_factory=dict)
    spans: tuple[Span, ...] = ()
    signals: frozenset[Signal] = frozenset()
    caps: Mapping[Category, float] = field(default_factory=dict)
    doubts: Mapping[Category, float] = field(default_factory=dict)


class Detector(Protocol):
    """A stage-1 detector: synchronous, pure, microseconds; never raises on any text."""

    name: str

    def score(self, message: NormalizedMessage, ctx: ConversationContext) -> Score:
        """Score one message in its context; every value in [0, 1]."""
        ...
