"""The pipeline's thresholds and bounds, per category and per audience, as one frozen value.

A category has three thresholds on a score in [0, 1]: ``warn`` (deliver with a notice), ``act`` (the
category's strong action: block, hold or mask) and ``flag`` (the running conversation is flagged for the
category; used by moderation and by ``havre safety classify``). The minors' space and the mixed (all ages)
space subtract ``minors_margin`` from every threshold, so they are stricter.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from types import MappingProxyType

from havre.domain.verdict import Category, SpaceAudience
from havre.safety.types import Audiences

__all__ = ["SafetyPolicy", "Thresholds"]


@dataclass(frozen=True, slots=True)
class Thresholds:
    """Score thresholds in [0, 1] for one category: warn ≤ act; flag is the conversation-level one."""

    warn: float
    act: float
    flag: float


def _default_thresholds() -> Mapping[Category, Thresholds]:
    return MappingProxyType(
        {
            Category.GROOMING: Thresholds(warn=0.45, act=0.7, flag=0.55),
            Category.SEXUAL_MINORS: Thresholds(warn=0.45, act=0.7, flag=0.55),
            Category.PROSTITUTION: Thresholds(warn=0.45, act=0.7, flag=0.55),
            Category.DRUGS: Thresholds(warn=0.45, act=0.7, flag=0.55),
            Category.AMBUSH: Thresholds(warn=0.4, act=0.65, flag=0.5),
            Category.HATE: Thresholds(warn=0.5, act=0.75, flag=0.6),
            Category.HARASSMENT: Thresholds(warn=0.5, act=0.8, flag=0.55),
            Category.SELF_HARM: Thresholds(warn=0.45, act=0.7, flag=0.5),
            Category.CONTACT_EXCHANGE: Thresholds(warn=0.5, act=0.9, flag=0.6),
            Category.SPAM: Thresholds(warn=0.5, act=0.8, flag=0.6),
        }
    )


@dataclass(frozen=True, slots=True)
class SafetyPolicy:
    """Thresholds, memory bounds and decay of the safety pipeline; the defaults are the shipped policy.

    ``max_spaces`` and ``max_users`` bound the running state (least recently used evicted first);
    ``max_spaces_per_user`` bounds the per-user risk history; ``max_speakers_per_space`` bounds per-speaker
    state in a room (above a busy room's active speakers: an evicted speaker loses their stages, repeats and
    said age). ``half_life_s`` (seconds) is how fast conversation signals fade; ``user_half_life_s``
    how fast a user's risk fades. ``single_penalty`` and ``repeat_penalty`` turn message scores into a
    conversation score, ``max(top - single_penalty, noisy_or(top, second) - repeat_penalty)`` over the two
    highest message scores of a category (the second counts from ``repeat_floor``): one ambiguous line does
    not flag a conversation, one unambiguous line or two consistent ones do (calibrated by cross-validation).
    ``model_weight`` scales the trained models' scores (0 disables them), per category via
    ``model_weight_overrides``.
    Raises nothing; values are checked by :meth:`validate`.
    """

    thresholds: Mapping[Category, Thresholds] = field(default_factory=_default_thresholds)
    minors_margin: float = 0.1
    mask_contacts_in: frozenset[SpaceAudience] = frozenset({SpaceAudience.MINORS, SpaceAudience.MIXED})
    max_spaces: int = 20_000
    max_users: int = 50_000
    max_spaces_per_user: int = 32
    max_speakers_per_space: int = 1024
    half_life_s: float = 6 * 3600.0
    user_half_life_s: float = 7 * 24 * 3600.0
    model_weight: float = 1.0
    model_weight_overrides: Mapping[Category, float] = field(default_factory=lambda: MappingProxyType({}))
    single_penalty: float = 0.25
    repeat_penalty: float = 0.0
    repeat_floor: float = 0.3

    def model_weight_for(self, category: Category) -> float:
        """How much the trained model's score for ``category`` counts (hate's model has far more data)."""
        return self.model_weight_overrides.get(category, self.model_weight)

    def validate(self) -> None:
        """Raise ``ValueError`` naming the field when a value is out of range."""
        for category in Category:
            t = self.thresholds.get(category)
            if t is None:
                raise ValueError(f"thresholds.{category.value}: missing")
            if not (0.0 <= t.warn <= t.act <= 1.0) or not (0.0 <= t.flag <= 1.0):
                raise ValueError(
                    f"thresholds.{category.value}: need 0 <= warn <= act <= 1 and 0 <= flag <= 1"
                )
        for name in ("max_spaces", "max_users", "max_spaces_per_user", "max_speakers_per_space"):
            if getattr(self, name) <= 0:
                raise ValueError(f"{name}: must be > 0")
        if self.half_life_s <= 0 or self.user_half_life_s <= 0:
            raise ValueError("half_life_s: must be > 0")
        if not (0.0 <= self.single_penalty < 1.0 and 0.0 <= self.repeat_penalty < 1.0):
            raise ValueError("single_penalty, repeat_penalty: must be in [0, 1)")
        if not 0.0 <= self.minors_margin < 0.5:
            raise ValueError("minors_margin: must be in [0, 0.5)")

    def for_audience(self, category: Category, audience: SpaceAudience) -> Thresholds:
        """The thresholds of ``category`` in a space of ``audience``: lowered by ``minors_margin`` in the
        minors' space and in the mixed (all ages) space, which is at least as strict."""
        return _audience_table(self)[audience][category]

    def _for_audience(self, category: Category, audience: SpaceAudience) -> Thresholds:
        t = self.thresholds[category]
        if audience is Audiences.ADULTS or self.minors_margin == 0:
            return t
        m = self.minors_margin
        return Thresholds(warn=max(0.05, t.warn - m), act=max(0.05, t.act - m), flag=max(0.05, t.flag - m))


_TABLES: dict[int, tuple[SafetyPolicy, dict[SpaceAudience, dict[Category, Thresholds]]]] = {}


def _audience_table(policy: SafetyPolicy) -> dict[SpaceAudience, dict[Category, Thresholds]]:
    # The hot path asks for thresholds several times per message: compute them once per policy object.
    entry = _TABLES.get(id(policy))
    if entry is not None and entry[0] is policy:
        return entry[1]
    table = {a: {c: policy._for_audience(c, a) for c in policy.thresholds} for a in SpaceAudience}
    if len(_TABLES) > 64:
        _TABLES.clear()
    _TABLES[id(policy)] = (policy, table)
    return table
