"""Trained linear models on hashed character n-grams, scored in pure numpy (no scikit-learn at run time).

Features: character 3- to 5-grams of each folded word padded with spaces (a number of four digits or more
is first folded to its shape, see :func:`feature_words`), word unigrams and bigrams, and a
few context tokens (audience, adult-to-minor); a group name ("musulmans", "trans", ...) is one token shared by
all groups, without n-grams, so the model reads what is said about a group rather than which group is named;
a negation cue ("pas", "jamais", "aucun") adds ``<neg>`` and marks the next three words (see
:func:`negation_words`); each hashed with ``zlib.crc32`` (stable across processes,
unlike ``hash()``) into ``2**bits`` buckets, and counted (a repeated n-gram counts twice). One logistic
model per category: ``sigmoid(w · x + b)``. Weights ship as ``models/linear.npz`` (float16, a few MB at most).
"""

from __future__ import annotations

import io
import itertools
import json
import math
import re
import zlib
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from typing import Final, cast

import numpy as np
import numpy.typing as npt

from havre.domain.verdict import Category
from havre.safety.groups import GROUP_WORDS
from havre.safety.types import ConversationContext, NormalizedMessage, Score

__all__ = [
    "MODEL_FILE",
    "LinearModel",
    "LinearModelDetector",
    "context_tokens",
    "feature_words",
    "featurize",
    "load_shipped",
    "negation_words",
]

#: The shipped model's file name inside ``havre/safety/models``.
MODEL_FILE = "linear.npz"
_MAX_CHARS = 600


def context_tokens(ctx: ConversationContext) -> tuple[str, ...]:
    """The context pseudo-words appended to a message's features."""
    tokens = [f"__aud_{ctx.audience.value}", f"__set_{ctx.setting.value}"]
    if ctx.adult_to_minor:
        tokens.append("__adult_to_minor")
    elif ctx.minor_involved:
        tokens.append("__minor")
    return tuple(tokens)


#: What a group name (``_GROUP_WORDS``) is featurized as: one token shared by every group, no n-grams.
_GROUP_TOKEN = "<g>"  # noqa: S105 -- a feature name, not a secret

# Names of groups people are attacked for (see ``havre.safety.groups``; the normalizer has already
# spelt their typos right). Hate training data (HateCheck) uses them mostly in hateful sentences (70 %):
# featurized as one shared token, they carry no weight of their own and the model must read what is
# *said* about the group (the predicate, the frame), for every group alike, including groups its training
# data names less often. Words with a common other meaning in chat ("noir" the colour, "bi", "femme" in
# "ma femme") are left out on purpose.
_GROUP_WORDS = GROUP_WORDS
_crc32: Final = zlib.crc32  # a compiled constant: no module attribute look-up per n-gram

# Negation cues: the next words are read as negated ("les trans ne sont pas malades", "aucun migrant
# n'est dangereux"), the usual scope of a few words after the cue (Das & Chen 2001, Pang et al. 2002).
_NEGATION_CUES = frozenset(("pas", "jamais", "aucun", "aucune", "ni", "nullement", "guere"))
_NEGATION_SCOPE = 3
#: The token every negation cue adds, whatever it negates.
_NEGATION_TOKEN = "<neg>"  # noqa: S105 -- a feature name, not a secret


@lru_cache(maxsize=8192)
def _word_hashes(word: str, bits: int) -> tuple[int, ...]:
    mask = (1 << bits) - 1
    if word in _GROUP_WORDS:
        word = _GROUP_TOKEN
    if word[0] in "<!":  # a group, a negation or a negated word: one feature, no character n-grams
        return (_crc32(b"w" + word.encode()) & mask,)
    padded = f" {word} "
    out = [_crc32(b"w" + word.encode()) & mask]
    data = padded.encode()
    n_chars = len(padded)
    if n_chars == len(data):  # ASCII: slice bytes directly
        for n in (3, 4, 5):
            for i in range(0, n_chars - n + 1):
                out.append(_crc32(data[i : i + n]) & mask)
    else:
        for n in (3, 4, 5):
            for i in range(0, n_chars - n + 1):
                out.append(_crc32(padded[i : i + n].encode()) & mask)
    return tuple(out)


def _pair_hash(left: str, right: str, mask: int) -> int:
    if left in _GROUP_WORDS:
        left = _GROUP_TOKEN
    if right in _GROUP_WORDS:
        right = _GROUP_TOKEN
    return _crc32(f"b{left} {right}".encode()) & mask


_CRC_B: Final = _crc32(b"b")
_GROUP_BYTES: Final = _GROUP_TOKEN.encode()


def negation_words(words: Sequence[str]) -> list[str]:
    """The extra words negation adds to a message's :func:`feature_words`: ``<neg>`` per cue, and each of
    the (at most three) words after a cue prefixed with ``!`` ("pas", "malades" → "<neg>", "!malades").
    Empty for the large majority of messages, which have no cue."""
    if _NEGATION_CUES.isdisjoint(words):
        return []
    out: list[str] = []
    scope = 0
    for word in words:
        if word in _NEGATION_CUES:
            out.append(_NEGATION_TOKEN)
            scope = _NEGATION_SCOPE
        elif scope:
            out.append("!" + (_GROUP_TOKEN if word in _GROUP_WORDS else word))
            scope -= 1
    return out


_LONG_NUMBER = 4  # digits from which a number is folded to its class
# A gate before the per-word test: four characters in a row that may be digits for ``str.isdigit``
# (ASCII digits, or any non-ASCII character: Unicode has other digits and superscripts).
_MAY_HOLD_LONG_NUMBER = re.compile("[0-9\u0080-\U0010ffff]{4}")


def _number_class(word: str) -> str:
    # Its first two digits (a mobile "06", a postal code's département) and its length, capped at 12: a
    # timestamp, an order number or a phone number then shares its features (and its cache entry) with
    # every number of its shape, instead of hashing dozens of n-grams seen once.
    return word[:2] + "#" * min(len(word) - 2, 10)


def feature_words(text: str) -> list[str]:
    """The words of a folded ``text`` the features are built from: whitespace-split, the first
    ``_MAX_CHARS`` characters only, numbers of four digits or more folded to their class (first two
    digits, then ``#`` per further digit, capped)."""
    text = text[:_MAX_CHARS]
    words = text.split()
    if _MAY_HOLD_LONG_NUMBER.search(text) is None:  # most messages: no run of four digits at all
        return words
    for i, word in enumerate(words):
        if len(word) >= _LONG_NUMBER and word.isdigit():
            words[i] = _number_class(word)
    return words


def featurize(text: str, extra: Sequence[str] = (), bits: int = 18) -> npt.NDArray[np.int64]:
    """Bucket indices of a folded ``text`` plus ``extra`` pseudo-words, *with repetitions*: a feature that
    occurs twice counts twice; group names are one shared token and negated words are marked (see
    :func:`negation_words`) (the model is linear in these counts, which lets :class:`LinearModelDetector`
    cache one weight vector per word)."""
    mask = (1 << bits) - 1
    words = feature_words(text)
    out: list[int] = []
    for word in words:
        out.extend(_word_hashes(word, bits))
    for word in negation_words(words):
        out.extend(_word_hashes(word, bits))
    out.extend(_pair_hash(left, right, mask) for left, right in itertools.pairwise(words))
    out.extend(_crc32(token.encode()) & mask for token in extra)
    return np.array(out, dtype=np.int64)


_add_rows = np.add.reduce


@dataclass(frozen=True, slots=True)
class LinearModel:
    """Per-category logistic models over hashed features: ``weights[bucket, k]``, ``bias[k]``."""

    categories: tuple[Category, ...]
    weights: npt.NDArray[np.float32]
    bias: npt.NDArray[np.float32]
    bits: int

    def predict(self, text: str, extra: Sequence[str] = ()) -> dict[Category, float]:
        """Probabilities in [0, 1] per category for a folded ``text``."""
        idx = featurize(text, extra, self.bits)
        logits = self.bias + (self.weights[idx].sum(axis=0, dtype=np.float32) if idx.size else 0.0)
        probs = 1.0 / (1.0 + np.exp(-np.clip(logits, -30.0, 30.0)))
        return {c: float(p) for c, p in zip(self.categories, probs, strict=True)}

    def dumps(self) -> bytes:
        """The model as ``.npz`` bytes (weights stored as float16)."""
        buffer = io.BytesIO()
        meta = json.dumps({"categories": [c.value for c in self.categories], "bits": self.bits})
        np.savez_compressed(
            buffer,
            weights=self.weights.astype(np.float16),
            bias=self.bias.astype(np.float32),
            meta=np.frombuffer(meta.encode(), dtype=np.uint8),
        )
        return buffer.getvalue()

    @classmethod
    def loads(cls, data: bytes) -> LinearModel:
        """Read a model written by :meth:`dumps`; raises ``ValueError`` on a malformed file."""
        try:
            with np.load(io.BytesIO(data), allow_pickle=False) as npz:
                meta = json.loads(bytes(npz["meta"]).decode())
                weights = npz["weights"].astype(np.float32)
                bias = npz["bias"].astype(np.float32)
            categories = tuple(Category(v) for v in meta["categories"])
            bits = int(meta["bits"])
        except (KeyError, OSError, json.JSONDecodeError) as exc:
            raise ValueError(f"malformed model file: {exc}") from exc
        if weights.shape != (1 << bits, len(categories)) or bias.shape != (len(categories),):
            raise ValueError("malformed model file: shapes do not match")
        return cls(categories=categories, weights=weights, bias=bias, bits=bits)


@lru_cache(maxsize=1)
def load_shipped() -> LinearModel | None:
    """The model shipped in ``havre/safety/models`` (``None`` if the package has none)."""
    resource = resources.files("havre.safety").joinpath("models", MODEL_FILE)
    if not resource.is_file():
        return None
    return LinearModel.loads(resource.read_bytes())


class LinearModelDetector:
    """Scores every category the model knows from hashed n-grams of the folded text and the context.

    The model is linear in feature counts, so each word's n-gram weights are summed once and cached
    (``cache_words`` entries, cleared when full) as one row of a table that follows the model's weights, with
    the word's share of its bigrams' hash; a bigram is one bucket: a message costs one gather-and-sum over its
    words' rows and its bigrams' buckets.
    """

    name = "model"

    def __init__(self, model: LinearModel, cache_words: int = 50_000) -> None:
        """Wrap a loaded :class:`LinearModel`; ``cache_words`` bounds the per-word cache."""
        self.model = model
        buckets = 1 << model.bits
        self._mask = buckets - 1
        # Rows [0, buckets) are the model's weights; rows from ``buckets`` on hold cached word vectors.
        # A message has at most _MAX_CHARS // 2 + 1 words, all of which may miss the cache at once.
        rows = buckets + max(cache_words, _MAX_CHARS // 2 + 1)
        self._table = np.zeros((rows, len(model.categories)), dtype=np.float32)
        self._table[:buckets] = model.weights
        self._weights = self._table[:buckets]
        self._first_row = buckets
        self._words: dict[str, tuple[int, int, bytes]] = {}
        self._cache_words = cache_words
        self._extra: dict[tuple[str, ...], npt.NDArray[np.float32]] = {}
        self._context: dict[tuple[object, ...], tuple[str, ...]] = {}

    def _word(self, word: str) -> tuple[int, int, bytes]:
        # ``word``'s cache entry (the caller makes room first): the table row holding its summed n-gram
        # weights, then what its bigrams need: the CRC of "b{word} " and the bytes of the word as a bigram
        # sees it (a group name is "<g>"). A bigram's bucket, the CRC of "b{left} {right}", is then the CRC
        # of the right word's bytes continued from the left word's CRC (see :func:`_pair_hash`).
        entry = self._words.get(word)
        if entry is None:
            row = self._first_row + len(self._words)
            # ``take`` and ``add.reduce`` give the same float32 sum as fancy indexing and ``sum`` (rows added
            # in order) without ``sum``'s Python-level wrapper.
            self._table[row] = _add_rows(
                self._weights.take(_word_hashes(word, self.model.bits), axis=0), axis=0
            )
            data = _GROUP_BYTES if word in _GROUP_WORDS else word.encode()
            entry = (row, _crc32(b" ", _crc32(data, _CRC_B)), data)
            self._words[word] = entry
        return entry

    def logits(self, text: str, extra: tuple[str, ...]) -> npt.NDArray[np.float32]:
        """``bias + w · x`` per category for a folded ``text`` and context tokens (same as the model's)."""
        base = self._extra.get(extra)
        if base is None:
            idx = [_crc32(token.encode()) & self._mask for token in extra]
            base = self.model.bias + self._weights[idx].sum(axis=0, dtype=np.float32)
            self._extra[extra] = base
        words = feature_words(text)
        if not words:
            return base.copy()
        pairs = len(words) - 1  # the bigrams are those of the words, before any negation word is added
        if not _NEGATION_CUES.isdisjoint(words):
            words = words + negation_words(words)
        # Cache hits are looked up with ``map`` (no Python loop); misses, rare once warm, take the loop.
        found = list(map(self._words.get, words))
        if None not in found:
            entries = cast("list[tuple[int, int, bytes]]", found)
        else:
            word_entry = self._word
            if len(self._words) + len(words) > self._cache_words:
                self._words.clear()  # before any row of this message is handed out, never during
                entries = [word_entry(word) for word in words]
            else:
                entries = [
                    word_entry(word) if entry is None else entry
                    for entry, word in zip(found, words, strict=True)
                ]
        rows = [entry[0] for entry in entries]
        mask = self._mask
        for i in range(pairs):
            rows.append(_crc32(entries[i + 1][2], entries[i][1]) & mask)
        # ``take`` gathers the rows faster than fancy indexing, for the same sum.
        result: npt.NDArray[np.float32] = base + _add_rows(self._table.take(rows, axis=0), axis=0)
        return result

    def score(self, message: NormalizedMessage, ctx: ConversationContext) -> Score:
        """Model probabilities per category (only those ≥ 0.1, to keep verdicts small)."""
        if not message.text:
            return Score(detector=self.name)
        # The context tokens depend on these four values only (see :func:`context_tokens`).
        recipient = ctx.recipient_age
        key = (ctx.audience, ctx.setting, ctx.sender_age < 18, recipient is not None and recipient < 18)
        extra = self._context.get(key)
        if extra is None:
            extra = self._context[key] = context_tokens(ctx)
        logits = self.logits(message.text, extra).tolist()
        categories: dict[Category, float] = {}
        for category, logit in zip(self.model.categories, logits, strict=True):
            if logit > -2.197:  # sigmoid(-2.197) = 0.1
                categories[category] = 1.0 / (1.0 + math.exp(-min(30.0, logit)))
        return Score(detector=self.name, categories=categories)
