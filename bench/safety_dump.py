"""Dump every verdict and score of the safety pipeline over the labelled corpora, to diff two versions.

Run: ``PYTHONPATH=src .venv/bin/python bench/safety_dump.py OUT.jsonl`` then ``diff`` two dumps (or pass
``--check BASELINE.jsonl`` to compare and exit 1 on the first difference).

Feeds the dev set (``../shared/data/safety-dev/conversations.jsonl``) and the synthetic training corpus
(``src/havre/safety/data/train_synthetic.jsonl``) one message at a time, in order, per conversation, through
one pipeline: once as written, then again with every audience (minors, adults, mixed) and the room/PM
setting swapped, so that every context rule is reached. Then the fan-out benchmark's line from 100 senders.
Each line holds the full verdict, the message-level scores (``repr`` of the floats: exact), the space's
running scores, and the sender's user risk.

``--check`` wants every field identical, except that the unrounded running scores (``space_scores``,
``user_risk``) may differ in the last bits: a speaker's stages are kept in the order of a set of signals,
and ``Signal`` hashes by identity (its address, which changes from one process to the next), so the
product of the grooming risk is not computed in the same order in two runs of the *same* code (two runs
of the starting commit already differ so, in a handful of lines). Those fields are compared to a relative
1e-12; the rounded verdict scores and everything else must be identical.
"""

from __future__ import annotations

import argparse
import json
import math
import sys
from collections.abc import Iterator
from pathlib import Path

from fanout_line import fanout_request

from havre.domain.verdict import ScreeningRequest, Setting, SpaceAudience
from havre.safety import build_pipeline
from havre.safety.dataset import load_conversations
from havre.safety.evaluate import screening_requests
from havre.safety.pipeline import SafetyPipeline

_ROOT = Path(__file__).resolve().parents[1]
DEV = _ROOT / ".." / "shared" / "data" / "safety-dev" / "conversations.jsonl"
SYNTHETIC = _ROOT / "src" / "havre" / "safety" / "data" / "train_synthetic.jsonl"


def _all_requests() -> Iterator[ScreeningRequest]:
    corpora = [("dev", DEV), ("syn", SYNTHETIC)]
    for name, path in corpora:
        conversations = list(load_conversations(path))
        for conversation in conversations:
            yield from screening_requests(conversation, f"{name}:{conversation.id}")
        for audience in SpaceAudience:
            for conversation in conversations:
                setting = Setting.ROOM if conversation.setting_enum is Setting.PM else Setting.PM
                yield from screening_requests(
                    conversation, f"{name}-{audience.value}:{conversation.id}", setting, audience
                )
    for i in range(3000):
        yield fanout_request(i, i * 7919, 1e3 + i)


def _record(pipeline: SafetyPipeline, request: ScreeningRequest) -> str:
    verdict, scores = pipeline.screen_detailed(request)
    return json.dumps(
        {
            "space": request.space,
            "action": verdict.action.value,
            "text": verdict.text,
            "categories": [c.value for c in verdict.categories],
            "verdict_scores": {c.value: repr(v) for c, v in verdict.scores.items()},
            "notices": [(n.key.value, n.target.value) for n in verdict.notices],
            "reason": verdict.reason,
            "scores": {c.value: repr(v) for c, v in scores.items()},
            "space_scores": {c.value: repr(v) for c, v in pipeline.space_scores(request.space).items()},
            "user_risk": repr(pipeline.user_risk(request.sender)),
        },
        ensure_ascii=False,
    )


def _same(old: str, new: str) -> tuple[bool, bool]:
    # (same within the tolerance, bit for bit identical)
    if old == new:
        return True, True
    a, b = json.loads(old), json.loads(new)
    loose = ("space_scores", "user_risk")
    if {k: v for k, v in a.items() if k not in loose} != {k: v for k, v in b.items() if k not in loose}:
        return False, False
    pairs = [(a["user_risk"], b["user_risk"])]
    if a["space_scores"].keys() != b["space_scores"].keys():
        return False, False
    pairs += [(a["space_scores"][k], b["space_scores"][k]) for k in a["space_scores"]]
    close = all(math.isclose(float(x), float(y), rel_tol=1e-12, abs_tol=1e-15) for x, y in pairs)
    return close, False


def main() -> int:
    """Write the dump, or compare it with ``--check``; returns the exit status."""
    parser = argparse.ArgumentParser()
    parser.add_argument("out", nargs="?", type=Path)
    parser.add_argument("--check", type=Path, help="compare with this dump instead of writing")
    args = parser.parse_args()
    pipeline = build_pipeline()
    lines = [_record(pipeline, request) for request in _all_requests()]
    if args.check is not None:
        baseline = args.check.read_text(encoding="utf-8").splitlines()
        if len(baseline) != len(lines):
            print(f"{len(baseline)} lines before, {len(lines)} now")
            return 1
        last_bits = 0
        for number, (old, new) in enumerate(zip(baseline, lines, strict=True), 1):
            close, identical = _same(old, new)
            if not close:
                print(f"line {number} differs:\n- {old}\n+ {new}")
                return 1
            last_bits += not identical
        print(f"{len(lines)} verdicts identical ({last_bits} running scores differ in the last bits only)")
        return 0
    out = args.out.open("w", encoding="utf-8") if args.out else sys.stdout
    out.write("\n".join(lines) + "\n")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
