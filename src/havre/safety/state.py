"""Running state: per conversation (space) and per user, bounded and decaying with the request's time.

Grooming is a property of a conversation, not of a line: each speaker of a space accumulates the stages
they showed (decaying with ``half_life_s``). Per-category conversation scores accumulate weak evidence
slowly. Per-user risk keeps each user's grooming risk in their recent conversations so that one user
working on several teenagers in parallel stands out (see :meth:`UserRisk.risk`). Every map is an LRU with a
fixed bound.
"""

from __future__ import annotations

import math
import statistics
from collections import OrderedDict, deque
from dataclasses import dataclass, field
from types import MappingProxyType

from havre.domain.verdict import Category
from havre.safety.types import Signal

__all__ = ["SpaceState", "SpeakerState", "StateStore", "UserRisk", "decay"]


def decay(value: float, elapsed_s: float, half_life_s: float) -> float:
    """``value`` halved every ``half_life_s`` seconds of ``elapsed_s`` (negative elapsed: unchanged)."""
    if elapsed_s <= 0 or value == 0:
        return value
    return value * math.pow(0.5, elapsed_s / half_life_s)


@dataclass(slots=True)
class SpeakerState:
    """One speaker's running state in one space: stage levels in [0, 1], last texts, grooming risk, and
    the age they said they are when it is lower than the one they declared.

    ``stages_view`` is a read-only view of ``stages`` (made once: the pipeline hands it to every detector).
    """

    stages: dict[Signal, float] = field(default_factory=dict)
    recent_texts: deque[str] = field(default_factory=lambda: deque(maxlen=6))
    grooming: float = 0.0
    at: float = 0.0
    said_age: int | None = None  # the age the speaker last said they are, when under their declared one
    stages_view: MappingProxyType[Signal, float] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        self.stages_view = MappingProxyType(self.stages)


@dataclass(slots=True)
class SpaceState:
    """One space's running state: per-category scores, speakers, recent signals, message count.

    ``peaks`` keeps, per category, the two highest (decayed) message scores seen; ``scores`` are the
    conversation scores the pipeline derives from them (one strong message, or two consistent ones).
    ``recent_signals`` is the union of ``recent``, kept by :meth:`push_signals`.
    """

    scores: dict[Category, float] = field(default_factory=dict)
    peaks: dict[Category, tuple[float, float]] = field(default_factory=dict)
    speakers: OrderedDict[str, SpeakerState] = field(default_factory=OrderedDict)
    recent: deque[frozenset[Signal]] = field(default_factory=lambda: deque(maxlen=3))
    position: int = 0
    at: float = 0.0
    recent_signals: frozenset[Signal] = frozenset()

    def push_signals(self, signals: frozenset[Signal]) -> None:
        """Append one message's signals to ``recent`` (the oldest beyond its bound go) and update
        ``recent_signals``."""
        recent = self.recent
        recent.append(signals)
        # Most messages show no signal: the union of three empty sets is the empty set.
        self.recent_signals = frozenset().union(*recent) if (signals or self.recent_signals) else signals

    def advance(self, at: float, half_life_s: float) -> None:
        """Decay the space's scores to time ``at`` (seconds)."""
        elapsed = at - self.at
        if elapsed > 0 and self.position:
            factor = math.pow(0.5, elapsed / half_life_s)
            for category, value in self.scores.items():
                if value:  # a zero score stays zero: no need to write it back
                    self.scores[category] = value * factor
            for category, (top, second) in self.peaks.items():
                self.peaks[category] = (top * factor, second * factor)
        self.at = max(self.at, at)

    def speaker(self, user: str, at: float, half_life_s: float, bound: int) -> SpeakerState:
        """The speaker's state decayed to ``at`` (created if needed; the least recent beyond ``bound`` go)."""
        state = self.speakers.get(user)
        if state is None:
            state = SpeakerState(at=at)
            self.speakers[user] = state
            while len(self.speakers) > bound:
                self.speakers.popitem(last=False)
        else:
            self.speakers.move_to_end(user)
            elapsed = at - state.at
            if elapsed > 0:
                factor = math.pow(0.5, elapsed / half_life_s)
                for signal, level in state.stages.items():
                    state.stages[signal] = level * factor
                state.grooming *= factor
            state.at = max(state.at, at)
        return state


class StateStore:
    """An LRU of :class:`SpaceState` bounded to ``max_spaces`` entries."""

    def __init__(self, max_spaces: int) -> None:
        """Keep at most ``max_spaces`` spaces; the least recently used is forgotten first."""
        self._max = max_spaces
        self._spaces: OrderedDict[str, SpaceState] = OrderedDict()

    def get(self, space: str) -> SpaceState:
        """The state of ``space``, created when missing."""
        state = self._spaces.get(space)
        if state is None:
            state = SpaceState()
            self._spaces[space] = state
            while len(self._spaces) > self._max:
                self._spaces.popitem(last=False)
        else:
            self._spaces.move_to_end(space)
        return state

    def peek(self, space: str) -> SpaceState | None:
        """The state of ``space`` if known, without touching the LRU order."""
        return self._spaces.get(space)

    def forget(self, space: str) -> None:
        """Drop the state of ``space`` (no error when unknown)."""
        self._spaces.pop(space, None)

    def __len__(self) -> int:
        """Number of spaces held."""
        return len(self._spaces)


class UserRisk:
    """Per-user grooming risk across conversations, bounded and decaying.

    Each user keeps their risk in at most ``max_spaces_per_user`` recent conversations. The aggregate
    (:meth:`risk`) is the strongest conversation's risk, raised when several conversations are risky at once
    (parallel grooming) and when the risks are skewed: a user whose mean risk is well above the median
    (Roblox Sentinel's skew, (mean − median) / standard deviation) has a few conversations that stand out
    from their ordinary ones.
    """

    def __init__(self, max_users: int, max_spaces_per_user: int, half_life_s: float) -> None:
        """Bounds: ``max_users`` users, ``max_spaces_per_user`` conversations each; decay in seconds."""
        self._max_users = max_users
        self._max_spaces = max_spaces_per_user
        self._half_life = half_life_s
        self._users: OrderedDict[str, OrderedDict[str, tuple[float, float]]] = OrderedDict()

    def record(self, user: str, space: str, risk: float, at: float) -> None:
        """Record ``user``'s current risk in ``space`` at time ``at`` (keeps the higher decayed value)."""
        spaces = self._users.get(user)
        if spaces is None:
            spaces = OrderedDict()
            self._users[user] = spaces
            while len(self._users) > self._max_users:
                self._users.popitem(last=False)
        else:
            self._users.move_to_end(user)
        old = spaces.get(space)
        if old is not None:
            risk = max(risk, decay(old[0], at - old[1], self._half_life))
            spaces.move_to_end(space)
        spaces[space] = (risk, at)
        while len(spaces) > self._max_spaces:
            spaces.popitem(last=False)

    def forget_space(self, space: str) -> None:
        """Drop ``space`` from every user's history."""
        for spaces in self._users.values():
            spaces.pop(space, None)

    def risk(self, user: str, at: float | None = None) -> float:
        """The user's aggregate risk in [0, 1] at time ``at`` (default: the latest time recorded)."""
        spaces = self._users.get(user)
        if not spaces:
            return 0.0
        now = at if at is not None else max(t for _, t in spaces.values())
        risks = [decay(r, now - t, self._half_life) for r, t in spaces.values()]
        top = max(risks)
        risky = sum(1 for r in risks if r >= 0.4)
        value = top
        if risky >= 2:
            value = 1.0 - (1.0 - top) * (0.75 ** (risky - 1))
        if len(risks) >= 3:
            # Plain float arithmetic: ``statistics.pstdev`` uses exact fractions and costs ~50 µs here.
            mean = math.fsum(risks) / len(risks)
            spread = math.sqrt(math.fsum((r - mean) ** 2 for r in risks) / len(risks))
            if spread > 1e-9:
                skew = (mean - statistics.median(risks)) / spread
                if skew > 0.5:
                    value = 1.0 - (1.0 - value) * 0.9
        return min(1.0, max(0.0, value))

    def __len__(self) -> int:
        """Number of users held."""
        return len(self._users)
