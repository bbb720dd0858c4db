"""The mixed (all ages) space gets the strictest policy: at least as strict as the minors' space."""

from __future__ import annotations

import pytest

from havre.domain.verdict import Action, Category, Setting, SpaceAudience
from havre.safety import SafetyPipeline, SafetyPolicy
from havre.safety.types import ConversationContext

from .conftest import request


@pytest.mark.parametrize("category", list(Category))
def test_mixed_thresholds_at_least_as_strict_as_minors(category: Category) -> None:
    """Every threshold of the mixed space is at most the minors' one, and below the adults' one."""
    policy = SafetyPolicy()
    mixed = policy.for_audience(category, SpaceAudience.MIXED)
    minors = policy.for_audience(category, SpaceAudience.MINORS)
    adults = policy.for_audience(category, SpaceAudience.ADULTS)
    assert (mixed.warn, mixed.act, mixed.flag) <= (minors.warn, minors.act, minors.flag)
    assert mixed.warn <= adults.warn and mixed.act <= adults.act and mixed.flag <= adults.flag


def test_mixed_room_treats_readers_as_minors() -> None:
    """In a mixed room an adult's message may be read by minors: it counts as adult-to-minor."""
    ctx = ConversationContext(Setting.ROOM, SpaceAudience.MIXED, 35)
    assert ctx.minors_space and ctx.minor_involved and ctx.adult_to_minor
    pm = ConversationContext(Setting.PM, SpaceAudience.MIXED, 35, 34)
    assert not pm.adult_to_minor


def test_contact_masked_in_mixed_room(pipeline: SafetyPipeline) -> None:
    """Contact details are masked in a mixed room, as in the minors' space."""
    verdict = pipeline.screen(
        request("mon snap c lea_2009", audience=SpaceAudience.MIXED, setting=Setting.ROOM, sender_age=30)
    )
    assert verdict.action is Action.MASK
    assert "lea_2009" not in verdict.text


def test_mixed_never_milder_than_minors(pipeline: SafetyPipeline) -> None:
    """On a set of risky lines, the mixed room's action is never milder than the minors' room's."""
    lines = [
        "t'as quel âge ? t'es seule chez toi ?",
        "envoie une photo de toi en maillot",
        "vends beuh 10e le g livraison",
        "ajoute moi sur snap : tom_rdx",
        "sale pd",
    ]
    for n, text in enumerate(lines):
        minors = pipeline.screen(
            request(text, audience=SpaceAudience.MINORS, setting=Setting.ROOM, sender_age=30, space=f"m{n}")
        )
        mixed = pipeline.screen(
            request(text, audience=SpaceAudience.MIXED, setting=Setting.ROOM, sender_age=30, space=f"x{n}")
        )
        assert mixed.action.severity >= minors.action.severity, text
