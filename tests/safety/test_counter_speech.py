"""Hate is told apart from talk about hate: identity statements, praise, counter-speech, negation."""

from __future__ import annotations

import pytest

from havre.domain.verdict import Action, Category, Setting
from havre.safety import SafetyPipeline

from .conftest import request

LEFT_ALONE = [
    "je suis gay et fier",
    "moi je suis trans et ça va très bien merci",
    "les lesbiennes sont géniales",
    "arrête de dire que les arabes sont des voleurs, c'est raciste",
    "il m'a traité de sale pd, je l'ai signalé",
    "les femmes ne sont pas stupides",
    "« les juifs contrôlent tout » : voilà ce qu'il a écrit",
    "non les migrants ne sont jamais dangereux",
    "arrête de traiter les gens de tapettes",
    "il faut dénoncer la haine contre les musulmans",
]
BLOCKED = [
    "les pd devraient tous crever",
    "les arabes sont tous des voleurs",
    "sale gouine",
    "je déteste les juifs",
    "les trans ne sont que des malades",
    "les handicapés n'ont pas leur place ici",
    "je vais poignarder un arabe ce soir",
    "les femmes sont les pires",
]


@pytest.mark.parametrize("text", LEFT_ALONE)
def test_talk_about_hate_left_alone(pipeline: SafetyPipeline, text: str) -> None:
    """An identity statement, praise, quoted or condemned hate and negated attacks are not hate."""
    verdict = pipeline.screen(request(text, setting=Setting.ROOM))
    assert Category.HATE not in verdict.categories
    assert verdict.action is Action.ALLOW


@pytest.mark.parametrize("text", BLOCKED)
def test_hate_still_blocked(pipeline: SafetyPipeline, text: str) -> None:
    """Attacks on a group stay blocked whatever the model says."""
    verdict = pipeline.screen(request(text, setting=Setting.ROOM))
    assert verdict.action is Action.BLOCK
    assert Category.HATE in verdict.categories


def test_slur_at_someone_is_also_harassment(pipeline: SafetyPipeline) -> None:
    """A slur thrown at a person attacks that person too."""
    verdict = pipeline.screen(request("t'es qu'un sale pd", setting=Setting.ROOM))
    assert {Category.HATE, Category.HARASSMENT} <= set(verdict.categories)


def test_denial_is_local_and_restrictive_negation_asserts() -> None:
    """A denial counts only right before the negative word; "ne ... que" and "pas leur place" assert."""
    from havre.safety.lexicon import _negatives_all_denied

    assert _negatives_all_denied("les trans ne sont pas malades")
    assert _negatives_all_denied("aucun migrant ne merite d etre elimine")
    assert not _negatives_all_denied("les trans ne sont que des malades")
    assert not _negatives_all_denied("les gays n ont pas leur place")
    assert not _negatives_all_denied("ils ne sont pas stupides mais violents")
