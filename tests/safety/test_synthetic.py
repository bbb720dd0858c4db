"""The synthetic training corpus: deterministic, in the data format, and the committed file matches."""

from __future__ import annotations

import json
from pathlib import Path

from havre.domain.verdict import Category
from havre.safety.dataset import parse_conversation
from havre.safety.synthetic import generate

COMMITTED = (
    Path(__file__).resolve().parents[2] / "src" / "havre" / "safety" / "data" / "train_synthetic.jsonl"
)


def test_generate_is_deterministic_and_valid() -> None:
    """Two runs with one seed give the same conversations, each a valid labelled conversation."""
    first = generate(seed=1, scale=0.1)
    assert first == generate(seed=1, scale=0.1)
    labels: set[str] = set()
    for record in first:
        conversation = parse_conversation(json.dumps(record))
        labels.update(conversation.labels)
        for key in conversation.message_labels:
            assert 0 <= int(key) < len(conversation.messages)
    assert labels >= {c.value for c in Category}
    assert any(not r["labels"] for r in first)


def test_committed_corpus_is_the_generated_one() -> None:
    """The committed file is what ``havre safety synth`` writes with the default seed."""
    lines = COMMITTED.read_text(encoding="utf-8").splitlines()
    records = generate(seed=0)
    assert len(lines) == len(records)
    assert [json.loads(line) for line in lines[:50]] == records[:50]
