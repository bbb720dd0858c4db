"""A sale's invitation to another app or "free gift" is not recorded as a grooming stage."""

from __future__ import annotations

from collections.abc import Mapping

import pytest

from havre.domain.verdict import Action, Category, Setting, SpaceAudience
from havre.safety import SafetyPipeline
from havre.safety.types import Signal

from .conftest import request


def _stages(pipeline: SafetyPipeline, space: str, sender: str = "u1") -> Mapping[Signal, float]:
    state = pipeline._spaces.peek(space)
    assert state is not None
    return state.speakers[sender].stages


@pytest.mark.parametrize(
    "text",
    [
        "weed 🍃 10€ le g, coke et shit dispo, viens sur telegram pour commander",
        "livraison de beuh 7j/7, ajoute moi sur snap pour la carte",
        "CADEAU GRATUIT !!! gagne un iphone, clique vite et rejoins le telegram",
        "massage complet 150 roses l'heure, écris moi sur whatsapp",
    ],
)
def test_sale_records_no_grooming_stage(pipeline: SafetyPipeline, text: str) -> None:
    """A drug menu, spam or an escort ad that invites to another app records no MOVE_APP or GIFT stage."""
    verdict = pipeline.screen(
        request(text, audience=SpaceAudience.MINORS, sender_age=22, recipient_age=15, space="sale")
    )
    assert verdict.action is Action.BLOCK
    assert Category.GROOMING not in verdict.categories
    stages = _stages(pipeline, "sale")
    assert Signal.MOVE_APP not in stages and Signal.GIFT not in stages


@pytest.mark.parametrize(
    ("text", "stage"),
    [
        ("viens sur telegram, on sera plus tranquilles pour parler", Signal.MOVE_APP),
        ("ajoute moi sur snap c plus simple", Signal.MOVE_APP),
        ("je t'offre des v-bucks si tu veux", Signal.GIFT),
        ("tu veux des robux gratuits ? je t'en offre 1000 si tu viens sur discord", Signal.MOVE_APP),
        ("je te donne 100€ si tu m'envoies des photos de toi en culotte", Signal.GIFT),
    ],
)
def test_same_invitation_in_teen_talk_is_a_stage(pipeline: SafetyPipeline, text: str, stage: Signal) -> None:
    """An invitation or gift to a minor is still a grooming stage, also when it looks like spam or pays for
    sexual content (the message reads as grooming or as sexual talk to a minor)."""
    pipeline.screen(
        request(text, audience=SpaceAudience.MINORS, sender_age=19, recipient_age=14, space="teen")
    )
    assert stage in _stages(pipeline, "teen")


def test_class_tomorrow_is_not_a_contact(pipeline: SafetyPipeline) -> None:
    """ "moi jsuis en cours demain" in a mixed room is neither masked nor a grooming stage."""
    text = "moi jsuis en cours demain"
    verdict = pipeline.screen(
        request(text, audience=SpaceAudience.MIXED, setting=Setting.ROOM, sender_age=16, recipient_age=None)
    )
    assert verdict.action is Action.ALLOW and verdict.text == text
    assert Signal.MOVE_APP not in _stages(pipeline, "s1")
