"""Rebuilding the shipped linear models, reproducibly (fixed seed, deterministic solver).

Training examples are messages: from labelled conversations (a message's categories are its
``message_labels``; unlabelled messages are negatives) and from French HateCheck (hateful cases positive
for ``hate``, the others negative). scikit-learn is imported here only, lazily; the run time never needs it.
CyberAgressionAdo is evaluation-only and never trained on.
"""

from __future__ import annotations

import csv
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from havre.domain.verdict import Category, Setting, SpaceAudience
from havre.safety.dataset import Conversation
from havre.safety.model import LinearModel, context_tokens, featurize
from havre.safety.normalize import fold
from havre.safety.types import ConversationContext

__all__ = ["Example", "conversation_examples", "fit", "hatecheck_examples"]

DEFAULT_BITS = 16
DEFAULT_C = 1.0
DEFAULT_BALANCED = False
#: The pseudo-word every HateCheck training case carries (see :func:`hatecheck_examples`).
HATECHECK_SOURCE_TOKEN = "__source_hatecheck"  # noqa: S105 -- a feature name


@dataclass(frozen=True, slots=True)
class Example:
    """One training message: folded text, context tokens, categories, and a group key for CV."""

    text: str
    extra: tuple[str, ...]
    categories: frozenset[Category]
    group: str


def conversation_examples(conversations: Iterable[Conversation]) -> list[Example]:
    """One example per message, with the context tokens the pipeline would compute."""
    out: list[Example] = []
    for conversation in conversations:
        setting = conversation.setting_enum
        audience = conversation.audience_enum
        ages = {key: p.age for key, p in conversation.participants.items()}
        for index, message in enumerate(conversation.messages):
            recipient_age = None
            if setting is Setting.PM:
                others = [ages[k] for k in conversation.participants if k != message.sender]
                recipient_age = others[0] if others else None
            ctx = ConversationContext(setting, audience, ages[message.sender], recipient_age)
            out.append(
                Example(
                    text=fold(message.text),
                    extra=context_tokens(ctx),
                    categories=conversation.message_categories(index),
                    group=conversation.id,
                )
            )
    return out


def hatecheck_examples(path: Path) -> list[Example]:
    """French HateCheck cases as examples (hateful → ``hate``), grouped by template for CV.

    HateCheck is a test suite: 70 % of its cases are hateful by construction and nearly every case names a
    group, so a model trained on it as is learns that naming a group is hateful. Every case carries
    ``HATECHECK_SOURCE_TOKEN``, a pseudo-word no live message has: it absorbs the suite's own share of
    hateful cases, which would otherwise be learnt by the words all its cases share (the group names above
    all) and leak into live messages that name a group.
    """
    ctx = ConversationContext(Setting.ROOM, SpaceAudience.ADULTS, 30)
    extra = (*context_tokens(ctx), HATECHECK_SOURCE_TOKEN)
    out: list[Example] = []
    with path.open(encoding="utf-8", newline="") as handle:
        for row in csv.DictReader(handle):
            label = frozenset({Category.HATE}) if row["label_gold"] == "hateful" else frozenset()
            out.append(Example(fold(row["test_case"]), extra, label, f"hc-{row['templ_id']}"))
    return out


def fit(
    examples: Sequence[Example],
    categories: Sequence[Category] = tuple(Category),
    *,
    bits: int = DEFAULT_BITS,
    c: float = DEFAULT_C,
    seed: int = 0,
    balanced: bool = DEFAULT_BALANCED,
) -> LinearModel:
    """Fit one L2 logistic model per category; a category without positives gets a large negative bias.

    Deterministic for a given ``seed`` and input order. Needs scikit-learn (``pip install havre[train]``).
    """
    from scipy.sparse import csr_matrix
    from sklearn.linear_model import LogisticRegression

    rows: list[int] = []
    cols: list[int] = []
    for row, example in enumerate(examples):
        idx = featurize(example.text, example.extra, bits)
        rows.extend([row] * len(idx))
        cols.extend(idx.tolist())
    data = np.ones(len(rows), dtype=np.float64)
    matrix = csr_matrix((data, (rows, cols)), shape=(len(examples), 1 << bits))
    weights = np.zeros((1 << bits, len(categories)), dtype=np.float32)
    bias = np.full(len(categories), -10.0, dtype=np.float32)
    for k, category in enumerate(categories):
        y = np.array([category in e.categories for e in examples], dtype=np.int64)
        if y.sum() == 0 or y.sum() == len(y):
            continue
        model = LogisticRegression(
            C=c,
            class_weight="balanced" if balanced else None,
            solver="liblinear",
            max_iter=200,
            random_state=seed,
            tol=1e-5,
        )
        model.fit(matrix, y)
        weights[:, k] = model.coef_[0].astype(np.float32)
        bias[k] = float(model.intercept_[0])
    # Round through float16 so that a trained model and its shipped file score identically.
    return LinearModel(tuple(categories), weights.astype(np.float16).astype(np.float32), bias, bits)
