"""One contract suite run against every registered detector."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from havre.domain.verdict import Setting, SpaceAudience
from havre.safety.normalize import normalize
from havre.safety.pipeline import default_detectors
from havre.safety.types import ConversationContext, Detector, Score, Signal

DETECTORS = default_detectors(with_models=True)
CONTEXTS = [
    ConversationContext(Setting.PM, SpaceAudience.MINORS, 40, 15, repeats=2, stages={Signal.SECRECY: 1.0}),
    ConversationContext(Setting.ROOM, SpaceAudience.ADULTS, 30),
    ConversationContext(Setting.PM, SpaceAudience.MIXED, 16, 17, recent=frozenset({Signal.MOVE_APP})),
]
WEIRD = [
    "",
    " ",
    "\u200b\u200d\ufeff",
    "🍃" * 500,
    "a" * 20_000,
    "06 " * 3000,
    "Z̸̢̛a̴l̷g̶o̵ t̷e̵x̶t̸",
    "\x00\x01\x02",
    "ﬁ ﬂ ǅ İstanbul ß ẞ",
    "@" * 100 + "." * 100,
    "٠١٢٣٤٥٦٧٨٩ ０６１２３４５６７８",
    "\ud7ff\ue000 \U0010ffff",
]


def _check(detector: Detector, text: str, ctx: ConversationContext) -> Score:
    score = detector.score(normalize(text), ctx)
    assert isinstance(score, Score)
    assert score.detector == detector.name
    for value in score.categories.values():
        assert 0.0 <= value <= 1.0
    for value in score.caps.values():
        assert 0.0 <= value <= 1.0
    for span in score.spans:
        assert 0 <= span.start < span.end <= len(text)
    return score


def test_registry_names_are_unique() -> None:
    """Every registered detector has its own name."""
    names = [d.name for d in DETECTORS]
    assert len(names) == len(set(names))
    assert {"contact", "lexicon", "grooming_cues", "spam", "model"} <= set(names)


@pytest.mark.parametrize("detector", DETECTORS, ids=lambda d: d.name)
@pytest.mark.parametrize("text", WEIRD)
def test_weird_input(detector: Detector, text: str) -> None:
    """Empty, huge and odd Unicode input yields a valid score without exceptions."""
    for ctx in CONTEXTS:
        _check(detector, text, ctx)


@pytest.mark.parametrize("detector", DETECTORS, ids=lambda d: d.name)
@settings(max_examples=60, deadline=None)
@given(text=st.text(max_size=300))
def test_any_text(detector: Detector, text: str) -> None:
    """Any text gives a valid score in [0, 1], the same on a second call."""
    ctx = CONTEXTS[0]
    first = _check(detector, text, ctx)
    second = _check(detector, text, ctx)
    assert first == second
