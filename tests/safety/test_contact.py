"""Contact details found and masked, on the corpus written for Havre."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from havre.safety.contact import MASK, find_contacts, mask

CORPUS = Path(__file__).parent / "data" / "contact_corpus.jsonl"


def _corpus() -> list[tuple[str, bool]]:
    rows = [json.loads(line) for line in CORPUS.read_text(encoding="utf-8").splitlines() if line.strip()]
    return [(row["text"], bool(row["contact"])) for row in rows]


def test_corpus_is_large_and_balanced() -> None:
    """The corpus holds at least 200 spellings with both positives and hard negatives."""
    rows = _corpus()
    assert len(rows) >= 200
    assert sum(c for _, c in rows) >= 100
    assert sum(not c for _, c in rows) >= 100


def test_corpus_precision_and_recall() -> None:
    """Precision and recall of contact detection are at least 0.98 on the corpus."""
    tp = fp = fn = 0
    for text, expected in _corpus():
        got = bool(find_contacts(text))
        tp += expected and got
        fp += got and not expected
        fn += expected and not got
    precision = tp / (tp + fp)
    recall = tp / (tp + fn)
    assert precision >= 0.98, precision
    assert recall >= 0.98, recall


@pytest.mark.parametrize(
    "text",
    ["06 12 34 56 78", "0612345678", "+33 6 12 34 56 78", "lea.martin@gmail.com", "mon snap c lea_2009"],
)
def test_mask_hides_the_detail(text: str) -> None:
    """Masking removes every digit and handle of the detail."""
    masked = mask(text, find_contacts(text))
    assert MASK in masked
    assert "12 34" not in masked and "lea" not in masked and "5678" not in masked


@pytest.mark.parametrize(
    "text", ["c 20€ le g", "3g 20e", "à 18h30", "3-1", "75011", "le 12/05/2024", "j'ai 15 ans"]
)
def test_hard_negatives_untouched(text: str) -> None:
    """Prices, times, scores, postal codes, dates and ages are not contact details."""
    assert find_contacts(text) == ()


@pytest.mark.parametrize(
    "text",
    [
        "jsuis en cours de svt, jte rep à la pause",
        "je suis en route pour l'entraînement",
        "chez moi en passage, juste pour la nuit",
        "je suis au cours de guitare",
        "je suis à la place de mon frère au match",
    ],
)
def test_what_one_is_doing_is_not_an_address(text: str) -> None:
    """ "en cours", "en route", "au cours de", "à la place de" say what one does, not where one lives."""
    assert find_contacts(text) == ()


@pytest.mark.parametrize(
    "text", ["j'habite cours Mirabeau", "je suis au 2 place de la Gare", "j'habite place des Lices"]
)
def test_street_nouns_still_give_an_address(text: str) -> None:
    """The same street nouns still give an address after a number or before a street name."""
    assert find_contacts(text) != ()
