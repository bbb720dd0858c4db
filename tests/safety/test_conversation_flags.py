"""Conversation flags need one unambiguous message or two consistent ones."""

from __future__ import annotations

from collections.abc import Mapping

from havre.domain.verdict import Category, Setting
from havre.safety import SafetyPipeline, SafetyPolicy
from havre.safety.types import ConversationContext, NormalizedMessage, Score

from .conftest import request


class _Fixed:
    """A detector that gives each text a fixed drugs score."""

    name = "fixed"

    def __init__(self, table: Mapping[str, float]) -> None:
        self.table = table

    def score(self, message: NormalizedMessage, ctx: ConversationContext) -> Score:
        value = self.table.get(message.raw, 0.0)
        return Score(self.name, {Category.DRUGS: value} if value else {})


def _flagged(pipeline: SafetyPipeline, texts: list[str]) -> bool:
    flag = pipeline.policy.thresholds[Category.DRUGS].flag
    for n, text in enumerate(texts):
        pipeline.screen(request(text, setting=Setting.ROOM, at=n * 30.0))
    return pipeline.space_scores("s1").get(Category.DRUGS, 0.0) >= flag


def test_one_ambiguous_message_does_not_flag() -> None:
    """A single message just above the flag threshold is not enough for the conversation."""
    pipeline = SafetyPipeline([_Fixed({"x": 0.65})], SafetyPolicy())
    assert not _flagged(pipeline, ["x", "bonjour"])


def test_one_unambiguous_message_flags() -> None:
    """A single near-certain message flags the conversation."""
    pipeline = SafetyPipeline([_Fixed({"x": 0.95})], SafetyPolicy())
    assert _flagged(pipeline, ["x"])


def test_two_consistent_messages_flag() -> None:
    """Two moderate messages of one category flag the conversation."""
    pipeline = SafetyPipeline([_Fixed({"x": 0.5, "y": 0.45})], SafetyPolicy())
    assert _flagged(pipeline, ["x", "y"])


def test_caps_bound_other_detectors() -> None:
    """A detector's cap bounds the combined score of a category."""

    class _Cap:
        name = "cap"

        def score(self, message: NormalizedMessage, ctx: ConversationContext) -> Score:
            return Score(self.name, caps={Category.DRUGS: 0.2})

    pipeline = SafetyPipeline([_Fixed({"x": 0.95}), _Cap()], SafetyPolicy())
    verdict = pipeline.screen(request("x", setting=Setting.ROOM))
    assert Category.DRUGS not in verdict.categories
    assert not _flagged(pipeline, ["x"])
