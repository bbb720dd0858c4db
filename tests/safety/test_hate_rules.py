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


# A group's judgement of the speaker or the listener: the attribute is theirs (sentences written for this).
JUDGED = [
    "les femmes me trouvent nul",
    "les musulmans me trouvent stupide",
    "les homos nous trouvent ridicules",
    "les femmes me prennent pour un idiot",
    "les arabes te trouvent con",
]
JUDGED_AND_ATTACKED = [
    "les femmes nous trouvent nuls mais les femmes sont des salopes",
    "les arabes me trouvent con ces rats",  # a dehumanising word is never the speaker's attribute
    "les migrants me trouvent sympa mais les migrants sont des voleurs",
]


@pytest.mark.parametrize("text", JUDGED)
def test_a_group_judging_the_speaker_is_talk_not_hate(text: str) -> None:
    """ "Les X me trouvent nul" caps hate at the talk cap, whatever the model says of the group's name."""
    score = LexiconDetector().score(normalize(text), _CTX)
    assert score.caps.get(Category.HATE) == 0.3


@pytest.mark.parametrize("text", JUDGED_AND_ATTACKED)
def test_an_attack_beside_a_judgement_is_not_capped(text: str) -> None:
    """A judgement of the speaker does not shield an attack on the group in the same message."""
    score = LexiconDetector().score(normalize(text), _CTX)
    assert Category.HATE not in score.caps


def test_spelled_letters_stop_before_an_elided_word() -> None:
    """Letters spelled one by one are joined, but not with the next elided word ("n'", "j'", "l'")."""
    assert fold("les t r a n s n'ont rien fait") == "les trans n ont rien fait"
    assert fold("s n a p j'ai") == "snap j ai"
