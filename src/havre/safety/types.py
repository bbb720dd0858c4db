"""The values detectors exchange with the pipeline: normalized text, context, signals and scores.

Everything here is a frozen value; a detector receives a :class:`NormalizedMessage` and a
:class:`ConversationContext` and returns one :class:`Score`, always the same shape.

They are plain classes with ``Final`` attributes, not dataclasses: under mypyc the methods a dataclass
generates stay interpreted, and building these values through them cost about 38,000 instructions per
message. Written out, ``__init__`` compiles and ``Final`` makes the attributes read-only there too.
"""

from __future__ import annotations

import enum
from collections.abc import Mapping
from types import MappingProxyType
from typing import Final, Protocol

from havre.domain.verdict import Action, Category, NoticeKey, NoticeTarget, Setting, SpaceAudience

__all__ = [
    "Actions",
    "Audiences",
    "Categories",
    "ConversationContext",
    "Detector",
    "NormalizedMessage",
    "Notices",
    "Score",
    "Settings",
    "Signal",
    "Span",
    "Targets",
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


# The members of the domain's enums, as compiled constants for the hot paths. On Python 3.11 every read of
# an enum class's attribute from compiled code (``Category.HATE``) goes through ``EnumType.__getattr__``'s
# hook, which allocates a method wrapper: about 120 ns. The domain module is not compiled; these classes
# are, and reading ``Categories.HATE`` is a static load (about 2 ns). Function bodies of the hot modules use
# them (``tests/safety/test_native.py`` checks that each mirrors its enum exactly); module-level tables
# keep the enums' own names.


class Categories:
    """The members of :class:`Category` (see above)."""

    GROOMING: Final = Category.GROOMING
    SEXUAL_MINORS: Final = Category.SEXUAL_MINORS
    PROSTITUTION: Final = Category.PROSTITUTION
    DRUGS: Final = Category.DRUGS
    AMBUSH: Final = Category.AMBUSH
    HATE: Final = Category.HATE
    HARASSMENT: Final = Category.HARASSMENT
    SELF_HARM: Final = Category.SELF_HARM
    CONTACT_EXCHANGE: Final = Category.CONTACT_EXCHANGE
    SPAM: Final = Category.SPAM


class Settings:
    """The members of :class:`Setting` (see above)."""

    PM: Final = Setting.PM
    ROOM: Final = Setting.ROOM


class Audiences:
    """The members of :class:`SpaceAudience` (see above)."""

    MINORS: Final = SpaceAudience.MINORS
    ADULTS: Final = SpaceAudience.ADULTS
    MIXED: Final = SpaceAudience.MIXED


class Actions:
    """The members of :class:`Action` (see above)."""

    ALLOW: Final = Action.ALLOW
    WARN: Final = Action.WARN
    MASK: Final = Action.MASK
    HOLD: Final = Action.HOLD
    BLOCK: Final = Action.BLOCK


class Notices:
    """The members of :class:`NoticeKey` (see above)."""

    CONTACT_DETAILS_MASKED: Final = NoticeKey.CONTACT_DETAILS_MASKED
    CONTACT_DETAILS_WARNING: Final = NoticeKey.CONTACT_DETAILS_WARNING
    SELF_HARM_HELP: Final = NoticeKey.SELF_HARM_HELP
    MINOR_HELP: Final = NoticeKey.MINOR_HELP
    MEETING_SAFETY: Final = NoticeKey.MEETING_SAFETY
    MESSAGE_WARNING: Final = NoticeKey.MESSAGE_WARNING


class Targets:
    """The members of :class:`NoticeTarget` (see above)."""

    SENDER: Final = NoticeTarget.SENDER
    RECIPIENTS: Final = NoticeTarget.RECIPIENTS
    BOTH: Final = NoticeTarget.BOTH


class Span:
    """A half-open character range ``[start, end)`` of the *raw* text that shows ``category``."""

    __slots__ = ("category", "end", "start")

    def __init__(self, start: int, end: int, category: Category) -> None:
        """A frozen value."""
        self.start: Final = start
        self.end: Final = end
        self.category: Final = category

    def _key(self) -> tuple[object, ...]:
        return (self.start, self.end, self.category)

    def __eq__(self, other: object) -> bool:
        return type(other) is Span and self._key() == other._key()

    def __hash__(self) -> int:
        return hash(self._key())

    def __repr__(self) -> str:
        return f"Span(start={self.start!r}, end={self.end!r}, category={self.category!r})"


class NormalizedMessage:
    """One message in the forms detectors need.

    ``raw`` is what was typed; ``text`` is folded (lower case, no accents, leetspeak decoded, elongations
    squeezed, spaced-out words joined, SMS spellings expanded, drug/money/sex emoji named, punctuation as
    spaces) with single spaces; ``tokens`` are the words of ``text``; ``compact`` is ``text`` without
    spaces, for evasions that split words.
    """

    __slots__ = ("compact", "raw", "text", "tokens")

    def __init__(self, raw: str, text: str, tokens: tuple[str, ...], compact: str) -> None:
        """A frozen value."""
        self.raw: Final = raw
        self.text: Final = text
        self.tokens: Final = tokens
        self.compact: Final = compact

    def _key(self) -> tuple[object, ...]:
        return (self.raw, self.text, self.tokens, self.compact)

    def __eq__(self, other: object) -> bool:
        return type(other) is NormalizedMessage and self._key() == other._key()

    def __hash__(self) -> int:
        return hash(self._key())

    def __repr__(self) -> str:
        return (
            f"NormalizedMessage(raw={self.raw!r}, text={self.text!r}, tokens={self.tokens!r}, "
            f"compact={self.compact!r})"
        )


_NO_STAGES: Mapping[Signal, float] = MappingProxyType({})


class ConversationContext:
    """What a stage-1 detector may know besides the message: who speaks, where, and the running state.

    Ages are declared (they may be lies). ``recipient_age`` is ``None`` in a room. ``repeats`` counts how
    many times the sender already sent the same folded text in this space recently; ``position`` is the
    message's index in the space (0 for the first seen); ``stages`` are the signals the conversation has
    accumulated so far with their decayed weights in [0, 1]; ``recent`` are the signals of the last few
    messages (any speaker).
    """

    __slots__ = (
        "audience",
        "position",
        "recent",
        "recipient_age",
        "repeats",
        "sender_age",
        "setting",
        "stages",
    )

    def __init__(
        self,
        setting: Setting,
        audience: SpaceAudience,
        sender_age: int,
        recipient_age: int | None = None,
        repeats: int = 0,
        position: int = 0,
        stages: Mapping[Signal, float] = _NO_STAGES,
        recent: frozenset[Signal] = frozenset(),
    ) -> None:
        """A frozen value."""
        self.setting: Final = setting
        self.audience: Final = audience
        self.sender_age: Final = sender_age
        self.recipient_age: Final = recipient_age
        self.repeats: Final = repeats
        self.position: Final = position
        self.stages: Final = stages
        self.recent: Final = recent

    def _key(self) -> tuple[object, ...]:
        return (
            self.setting,
            self.audience,
            self.sender_age,
            self.recipient_age,
            self.repeats,
            self.position,
            self.stages,
            self.recent,
        )

    def __eq__(self, other: object) -> bool:
        return type(other) is ConversationContext and self._key() == other._key()

    def __hash__(self) -> int:
        return hash(self._key())

    def __repr__(self) -> str:
        return (
            f"ConversationContext(setting={self.setting!r}, audience={self.audience!r}, "
            f"sender_age={self.sender_age!r}, recipient_age={self.recipient_age!r}, "
            f"repeats={self.repeats!r}, position={self.position!r}, stages={self.stages!r}, "
            f"recent={self.recent!r})"
        )

    @property
    def minors_space(self) -> bool:
        """Whether minors may read this message whatever the declared ages: the minors' space, or a room
        of the mixed (all ages) space, which gets the strictest policy."""
        if self.audience is Audiences.MINORS:
            return True
        return self.audience is Audiences.MIXED and self.setting is Settings.ROOM

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


_NO_SCORES: Mapping[Category, float] = MappingProxyType({})


class Score:
    """One detector's answer on one message: per-category scores in [0, 1], raw spans, signals.

    ``categories`` only lists the categories the detector saw (absent means 0); ``spans`` locate maskable
    content in the raw text; ``signals`` are cues for the conversation state. ``caps`` bound the combined
    score of a category whatever the other detectors say: a detector that recognises that a message *talks
    about* a harm without doing it (counter-speech, an identity statement, a quote) caps it. ``doubts`` in
    [0, 1) raise the bar without a hard cap: the combined score ``s`` becomes ``(s - d) / (1 - d)``.
    """

    __slots__ = ("caps", "categories", "detector", "doubts", "signals", "spans")

    def __init__(
        self,
        detector: str,
        categories: Mapping[Category, float] = _NO_SCORES,
        spans: tuple[Span, ...] = (),
        signals: frozenset[Signal] = frozenset(),
        caps: Mapping[Category, float] = _NO_SCORES,
        doubts: Mapping[Category, float] = _NO_SCORES,
    ) -> None:
        """A frozen value (the mappings are the caller's: never change them afterwards)."""
        self.detector: Final = detector
        self.categories: Final = categories
        self.spans: Final = spans
        self.signals: Final = signals
        self.caps: Final = caps
        self.doubts: Final = doubts

    def _key(self) -> tuple[object, ...]:
        return (self.detector, self.categories, self.spans, self.signals, self.caps, self.doubts)

    def __eq__(self, other: object) -> bool:
        return type(other) is Score and self._key() == other._key()

    def __hash__(self) -> int:
        return hash(self._key())

    def __repr__(self) -> str:
        return (
            f"Score(detector={self.detector!r}, categories={self.categories!r}, spans={self.spans!r}, "
            f"signals={self.signals!r}, caps={self.caps!r}, doubts={self.doubts!r})"
        )


class Detector(Protocol):
    """A stage-1 detector: synchronous, pure, microseconds; never raises on any text."""

    name: str

    def score(self, message: NormalizedMessage, ctx: ConversationContext) -> Score:
        """Score one message in its context; every value in [0, 1]."""
        ...
