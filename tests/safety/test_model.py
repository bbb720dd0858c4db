"""The shipped model loads, scores without scikit-learn, and training is reproducible."""

from __future__ import annotations

import subprocess
import sys

import numpy as np
import pytest

from havre.domain.verdict import Category
from havre.safety import model as model_module
from havre.safety.dataset import load_conversations
from havre.safety.model import LinearModel, featurize, load_shipped
from havre.safety.train import conversation_examples, fit

from .conftest import shared_path


def test_shipped_model_loads() -> None:
    """The packaged model file loads and knows every category."""
    model = load_shipped()
    assert model is not None
    assert set(model.categories) == set(Category)
    probs = model.predict("salut ca va")
    assert all(0.0 <= p <= 1.0 for p in probs.values())


def test_runtime_does_not_import_sklearn() -> None:
    """Building the pipeline and screening never imports scikit-learn."""
    code = (
        "import sys; from havre.safety import build_pipeline; p = build_pipeline(); "
        "from havre.domain.verdict import *; "
        "p.screen(ScreeningRequest('s', Setting.PM, SpaceAudience.ADULTS, 'u', 30, 'salut', 0.0)); "
        "print('sklearn' in sys.modules)"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"


def test_featurize_is_stable() -> None:
    """Feature hashing uses crc32: the same indices in every process."""
    assert featurize("snap", bits=16).tolist() == featurize("snap", bits=16).tolist()
    code = "from havre.safety.model import featurize; print(featurize('snap', bits=16).tolist())"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == str(featurize("snap", bits=16).tolist())


def test_train_is_reproducible() -> None:
    """Training twice on one subset with one seed gives identical weights; the file round-trips."""
    path = shared_path("data", "safety-dev", "conversations.jsonl")
    conversations = list(load_conversations(path))[:30]
    examples = conversation_examples(conversations)
    first = fit(examples, seed=3, bits=12)
    second = fit(examples, seed=3, bits=12)
    assert np.array_equal(first.weights, second.weights)
    assert np.array_equal(first.bias, second.bias)
    loaded = LinearModel.loads(first.dumps())
    assert np.array_equal(loaded.weights, first.weights)


def test_detector_cache_matches_model() -> None:
    """The detector's per-word cache gives the model's own probabilities."""
    from havre.domain.verdict import Setting, SpaceAudience
    from havre.safety.model import LinearModelDetector, context_tokens
    from havre.safety.normalize import normalize
    from havre.safety.types import ConversationContext

    model = load_shipped()
    assert model is not None
    detector = LinearModelDetector(model, cache_words=4)
    ctx = ConversationContext(Setting.PM, SpaceAudience.MIXED, 40, 14)
    texts = ("t'as quel âge ? t'es seule ?", "vends beuh 10e le g", "salut salut ça va", "ok")
    more = ("les musulmans ne sont pas dangereux", "jamais jamais pas ok les gays", "là juifs é 😀 x")
    for text in (*texts, *more):
        folded = normalize(text)
        expected = model.predict(folded.text, context_tokens(ctx))
        got = detector.score(folded, ctx).categories
        for category, value in got.items():
            assert abs(value - expected[category]) < 1e-4
        assert all(c in got for c, p in expected.items() if p > 0.11)


def test_long_numbers_share_their_class_features() -> None:
    """Numbers of four digits or more are featurized by their shape (first two digits, length)."""
    from havre.safety.model import feature_words

    assert feature_words("t 6340234829068 salut 17") == ["t", "63##########", "salut", "17"]
    same, other = featurize("tel 0612345678", bits=16), featurize("tel 0698765432", bits=16)
    assert same.tolist() == other.tolist()
    assert same.tolist() != featurize("tel 0712345678", bits=16).tolist()
    assert featurize("vends 1830", bits=16).tolist() == featurize("vends 1845", bits=16).tolist()
    assert featurize("rdv a 183", bits=16).tolist() != featurize("rdv a 184", bits=16).tolist()


def test_detector_cache_eviction_keeps_scores_right() -> None:
    """A cache smaller than the messages' vocabulary (evicted mid-stream) still gives the model's scores."""
    from havre.domain.verdict import Setting, SpaceAudience
    from havre.safety.model import LinearModelDetector, context_tokens
    from havre.safety.normalize import normalize
    from havre.safety.types import ConversationContext

    model = load_shipped()
    assert model is not None
    detector = LinearModelDetector(model, cache_words=5)
    ctx = ConversationContext(Setting.ROOM, SpaceAudience.ADULTS, 30)
    texts = [f"salut {i} tout le monde mot{i} autre{i % 3} on se voit ce soir" for i in range(40)]
    for text in [*texts, "a " * 400]:
        folded = normalize(text)
        expected = model.predict(folded.text, context_tokens(ctx))
        logits = detector.logits(folded.text, context_tokens(ctx))
        probs = 1.0 / (1.0 + np.exp(-np.clip(logits, -30.0, 30.0)))
        for category, value in zip(model.categories, probs.tolist(), strict=True):
            assert abs(value - expected[category]) < 1e-4


def test_detector_context_cache_follows_every_context() -> None:
    """The per-context cache of the detector gives the model's scores for every audience, setting and age."""
    import itertools

    from havre.domain.verdict import Setting, SpaceAudience
    from havre.safety.model import LinearModelDetector, context_tokens
    from havre.safety.normalize import normalize
    from havre.safety.types import ConversationContext

    model = load_shipped()
    assert model is not None
    detector = LinearModelDetector(model)
    folded = normalize("t'as quel âge ? on se voit ce soir")
    for audience, setting, sender, recipient in itertools.product(
        SpaceAudience, Setting, (14, 17, 18, 40), (None, 13, 17, 18, 35)
    ):
        ctx = ConversationContext(setting, audience, sender, recipient)
        expected = model.predict(folded.text, context_tokens(ctx))
        got = detector.score(folded, ctx).categories
        assert all(abs(value - expected[category]) < 1e-4 for category, value in got.items())
        assert all(c in got for c, p in expected.items() if p > 0.11)


def test_group_names_share_one_feature() -> None:
    """Every group name is featurized as one shared token, in words and in bigrams alike."""
    assert featurize("les gays sont la", bits=16).tolist() == featurize("les juifs sont la", bits=16).tolist()
    assert featurize("un gay", bits=16).tolist() != featurize("un gars", bits=16).tolist()


def test_negation_marks_the_words_it_denies() -> None:
    """A negation cue adds ``<neg>`` and marks up to three following words; other messages get nothing."""
    from havre.safety.model import feature_words, negation_words

    words = feature_words("les trans ne sont pas malades du tout non")
    assert negation_words(words) == ["<neg>", "!malades", "!du", "!tout"]
    assert negation_words(feature_words("aucun musulman")) == ["<neg>", "!<g>"]
    assert negation_words(feature_words("salut ça va")) == []
    assert featurize("pas malades", bits=16).tolist() != featurize("malades", bits=16).tolist()


@pytest.mark.parametrize(
    "text",
    ["appelle 0612345678 stp", "code ١٢٣٤٥ ici", "x²³⁴⁵ y", "é à ù ç", "1234", "123 4567 89", "rien"],
)
def test_feature_words_gate_changes_nothing(text: str) -> None:
    """The four-digit gate before the per-word number test gives the words the full test gives."""
    expected = [model_module._number_class(w) if len(w) >= 4 and w.isdigit() else w for w in text.split()]
    assert model_module.feature_words(text) == expected
