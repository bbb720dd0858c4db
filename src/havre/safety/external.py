"""The public French test sets in ``shared/data/external`` (read from there, never copied in).

- French HateCheck: F1 on hateful cases and the share of non-hateful cases left alone (identity
  statements, counter-speech), cross-validated by template when the model trains on HateCheck;
- MLMA (French tweets): detection rate on hateful/offensive tweets and false alarms on "normal" ones;
- CyberAgressionAdo (evaluation only, never trained on): message-level detection of hate speech and
  verbal abuse in role-played teen group chats.
"""

from __future__ import annotations

import csv
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from havre.domain.verdict import Category, ScreeningRequest, Setting, SpaceAudience
from havre.safety.evaluate import PRF, prf
from havre.safety.pipeline import SafetyPipeline

__all__ = ["HATECHECK", "HateCheckResult", "cyberaggression", "hatecheck", "mlma"]

HATECHECK = "fr_hate/mhc_hatecheck_cases_final_french.csv"
MLMA = "fr_hate/mlma_fr_dataset.csv"
CYBER = "fr_chat_cyberaggression"

_NON_HATEFUL_IDENTITY = ("ident_neutral_nh", "ident_pos_nh", "counter_quote_nh", "counter_ref_nh")


def _flagged(
    pipeline: SafetyPipeline, text: str, categories: tuple[Category, ...], n: int, audience: SpaceAudience
) -> bool:
    space = f"ext:{n}"
    request = ScreeningRequest(
        space,
        Setting.ROOM,
        audience,
        f"{space}:a",
        30 if audience is not SpaceAudience.MINORS else 16,
        text,
        0.0,
    )
    verdict = pipeline.screen(request)
    pipeline.forget_space(space)
    return any(c in verdict.categories for c in categories)


@dataclass(frozen=True, slots=True)
class HateCheckResult:
    """HateCheck figures: F1 on hateful cases, share of non-hateful identity/counter-speech left alone."""

    hateful: PRF
    identity_left_alone: float
    non_hateful_left_alone: float
    per_functionality: dict[str, float]


def hatecheck(
    root: Path, pipeline_for_fold: Callable[[frozenset[str]], SafetyPipeline], folds: int = 5
) -> HateCheckResult:
    """Score HateCheck; ``pipeline_for_fold(held_out_templates)`` gives a pipeline not trained on them.

    Cases are grouped by template id into ``folds`` folds (round robin over sorted ids).
    """
    with (root / HATECHECK).open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    templates = sorted({r["templ_id"] for r in rows}, key=lambda t: (len(t), t))
    fold_of = {t: i % folds for i, t in enumerate(templates)}
    pairs: list[tuple[bool, bool]] = []
    by_func: dict[str, list[bool]] = {}
    for k in range(folds):
        held = frozenset(t for t, f in fold_of.items() if f == k)
        pipeline = pipeline_for_fold(held)
        for n, row in enumerate(r for r in rows if r["templ_id"] in held):
            got = _flagged(
                pipeline, row["test_case"], (Category.HATE, Category.HARASSMENT), n, SpaceAudience.ADULTS
            )
            expected = row["label_gold"] == "hateful"
            pairs.append((expected, got))
            by_func.setdefault(row["functionality"], []).append(got == expected)
    per = {f: sum(v) / len(v) for f, v in sorted(by_func.items())}
    ident = [ok for f in _NON_HATEFUL_IDENTITY for ok in by_func.get(f, [])]
    nh = [ok for f, v in by_func.items() if f.endswith("_nh") for ok in v]
    return HateCheckResult(prf(pairs), sum(ident) / max(1, len(ident)), sum(nh) / max(1, len(nh)), per)


def mlma(root: Path, pipeline: SafetyPipeline) -> tuple[float, float, int, int]:
    """(share of hateful/offensive/abusive tweets flagged, share of "normal" ones flagged, both counts)."""
    with (root / MLMA).open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    hit = harmful = alarm = normal = 0
    for n, row in enumerate(rows):
        got = _flagged(pipeline, row["tweet"], (Category.HATE, Category.HARASSMENT), n, SpaceAudience.ADULTS)
        if row["sentiment"] == "normal":
            normal += 1
            alarm += got
        elif any(s in row["sentiment"] for s in ("hateful", "offensive", "abusive")):
            harmful += 1
            hit += got
    return hit / max(1, harmful), alarm / max(1, normal), harmful, normal


def cyberaggression(root: Path, pipeline: SafetyPipeline) -> tuple[PRF, PRF, int]:
    """Message-level (hate speech → hate or harassment) and (any verbal abuse → hate or harassment) figures,
    replaying each chat in order in the minors' space."""
    hate_pairs: list[tuple[bool, bool]] = []
    abuse_pairs: list[tuple[bool, bool]] = []
    count = 0
    for path in sorted((root / CYBER).glob("*.csv")):
        space = f"cyber:{path.stem}"
        with path.open(encoding="utf-8", newline="") as handle:
            for i, row in enumerate(csv.DictReader(handle)):
                text = (row.get("TEXT") or "").strip()
                name = (row.get("NAME") or "").strip()
                request = ScreeningRequest(
                    space, Setting.ROOM, SpaceAudience.MINORS, f"{space}:{name}", 15, text, i * 30.0
                )
                verdict = pipeline.screen(request)
                got = Category.HATE in verdict.categories or Category.HARASSMENT in verdict.categories
                hate_pairs.append(((row.get("HATE_SPEECH") or "").strip() == "yes", got))
                abuse_pairs.append(((row.get("VERBAL_ABUSE") or "none").strip() not in ("none", ""), got))
                count += 1
        pipeline.forget_space(space)
    return prf(hate_pairs), prf(abuse_pairs), count
