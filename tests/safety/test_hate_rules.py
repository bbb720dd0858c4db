"""The lexicon's rules for attacks on a named group: generalisations, calls for violence, profanity bound to
a group's name; and the news and talk that share their words."""

from __future__ import annotations

import pytest

from havre.domain.verdict import Category, Setting, SpaceAudience
from havre.safety.lexicon import LexiconDetector
from havre.safety.normalize import fold, normalize
from havre.safety.types import ConversationContext

_CTX = ConversationContext(Setting.ROOM, SpaceAudience.ADULTS, 30)


def _hate(text: str) -> float:
    return LexiconDetector().score(normalize(text), _CTX).categories.get(Category.HATE, 0.0)


# Sentences written for these tests (none is taken from a test set).
ATTACKS = [
    "les rebeus du quartier sont vraiment tous minables",  # every group name counts ("rebeus")
    "les renois comme toi sont pitoyables",  # "comme toi" between the group and the verb
    "les gitans de ce pays sont des ordures",
    "les lesbiennes me font chier",
    "ces migrants devraient tous être pendus",  # a call for violence in the passive
    "j'espère qu'un jour les juifs soient gazés",
    "putain de musulmans",  # profanity bound to the name
    "encore ces africains de merde",
    "je vais torturer un arabe ce soir",
    "ces immigrés sont un fléau",
    "le pays se porterait mieux sans les roms",
]

NOT_HATE = [
    "les migrants sont arrivés hier après une traversée très violente",  # the attribute is far off
    "des migrants ont été tués en mer cette nuit",  # news: no obligation or wish governs the participle
    "les musulmans ne sont pas minables",  # a denial before the attribute
    "écrire que les gays sont des ordures, c'est homophobe",  # counter-speech
    "cette série est pitoyable",  # no group
    "putain de réveil",
]


@pytest.mark.parametrize("text", ATTACKS)
def test_attacks_on_a_group_are_hate(text: str) -> None:
    """The lexicon scores these attacks on a named group at or above hate's warn threshold."""
    assert _hate(text) >= 0.5


@pytest.mark.parametrize("text", NOT_HATE)
def test_news_and_talk_are_not_hate(text: str) -> None:
    """News, denials, counter-speech and profanity without a group stay below the warn threshold."""
    assert _hate(text) < 0.5


def test_violence_found_by_the_lexicon_is_not_doubted() -> None:
    """A message whose only attack is violence the lexicon found keeps its score (no group-only doubt)."""
    score = LexiconDetector().score(normalize("je veux assassiner chaque musulman"), _CTX)
    assert score.categories.get(Category.HATE, 0.0) >= 0.5
    assert Category.HATE not in score.doubts


def test_spelled_letters_stop_before_an_elided_word() -> None:
    """Letters spelled one by one are joined, but not with the next elided word ("n'", "j'", "l'")."""
    assert fold("les t r a n s n'ont rien fait") == "les trans n ont rien fait"
    assert fold("s n a p j'ai") == "snap j ai"
