"""Group names are recognised through one-edit typos, and ordinary words near a name are left alone."""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest

from havre.safety.groups import (
    CHAT_WORDS,
    DICTIONARY_WORDS,
    GROUP_WORDS,
    MISSPELLINGS,
    OTHER_SENSES,
    dictionary_collisions,
    typo_variants,
)
from havre.safety.lexicon import Feature, features
from havre.safety.model import featurize
from havre.safety.normalize import fold

# Typos written for this test: one swap, doubled letter, missing letter or replaced letter each.
MISSPELT = [
    ("les muslmans du quartier", "les musulmans du quartier"),
    ("ces refgies", "ces refugies"),
    ("les trnas", "les trans"),
    ("les homoss", "les homos"),
    ("des femms", "des femmes"),
    ("les muzulmans", "les musulmans"),
    ("les migarnts", "les migrants"),
    ("un handicpé", "un handicape"),
    ("les lesbiennnes", "les lesbiennes"),
    ("les m u s u l m a n s", "les musulmans"),
]

# Ordinary French (or chat) words one edit away from a name: they keep their own spelling.
LEFT_AS_IS = [
    "un artiste",
    "un refuge",
    "une robe noire",
    "ma femme",
    "le black friday",
    "un handicap",
    "les oiseaux migrent",
    "la juve a gagne",
    "un autisme",
    "gitans",  # a name stays itself
    "gay",
]


@pytest.mark.parametrize(("raw", "folded"), MISSPELT)
def test_misspelt_group_names_are_spelt_right(raw: str, folded: str) -> None:
    """A one-edit typo of a group's name folds to the name."""
    assert fold(raw) == folded


@pytest.mark.parametrize("text", LEFT_AS_IS)
def test_words_near_a_name_are_left_alone(text: str) -> None:
    """Dictionary words, words with another sense and chat words near a name are not rewritten."""
    assert fold(text) == text


def test_short_names_tolerate_no_typo() -> None:
    """Names of four letters or fewer have no typo variants: too many words sit one edit away."""
    assert typo_variants("gay") == frozenset()
    assert typo_variants("juif") == frozenset()
    assert "tran" not in MISSPELLINGS  # a deletion from a five-letter name


def test_typos_keep_the_first_letter() -> None:
    """Every variant starts with the name's first letter."""
    for name in GROUP_WORDS:
        assert all(typo[0] == name[0] for typo in typo_variants(name))


def test_no_variant_is_a_name_or_an_excluded_word() -> None:
    """The table never rewrites a name, a word with another sense, a dictionary word or a chat word."""
    excluded = GROUP_WORDS | OTHER_SENSES | DICTIONARY_WORDS | CHAT_WORDS
    assert excluded.isdisjoint(MISSPELLINGS)
    assert set(MISSPELLINGS.values()) <= GROUP_WORDS


def test_model_and_lexicon_see_the_misspelt_name() -> None:
    """The model's features and the lexicon's identity feature are those of the right spelling."""
    right = fold("les refugies sont des voleurs")
    wrong = fold("les rfeugies sont des voleurs")
    assert featurize(wrong).tolist() == featurize(right).tolist()
    assert Feature.IDENTITY in features(wrong)


_DICTIONARY = Path("/usr/share/dict/french")


def _dictionary() -> Path:
    # Debian's wfrench word list, installed with apt-get when missing and we are root (as the browser tests
    # install Chromium); skipped otherwise, or failed where HAVRE_REQUIRE_SERVICES=1 (CI).
    if not _DICTIONARY.is_file() and os.geteuid() == 0 and shutil.which("apt-get"):
        env = {**os.environ, "DEBIAN_FRONTEND": "noninteractive"}
        subprocess.run(["apt-get", "update"], check=False, env=env, capture_output=True)
        subprocess.run(["apt-get", "install", "-y", "wfrench"], check=False, env=env, capture_output=True)
    if not _DICTIONARY.is_file():
        reason = "needs Debian's wfrench word list (apt-get install wfrench, as root)"
        if os.environ.get("HAVRE_REQUIRE_SERVICES") == "1":
            pytest.fail(reason)
        pytest.skip(reason)
    return _DICTIONARY


def test_dictionary_words_list_is_complete() -> None:
    """DICTIONARY_WORDS holds exactly the French dictionary's words that are typos of a name."""
    dictionary = _dictionary()
    words = {
        fold(line.strip()) for line in dictionary.read_text(encoding="utf-8").splitlines() if line.strip()
    }
    assert dictionary_collisions(words) == DICTIONARY_WORDS
