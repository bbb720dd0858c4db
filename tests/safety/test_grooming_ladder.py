"""Declared ages may be lies: between declared minors, the full grooming ladder weighs as an adult's."""

from __future__ import annotations

from collections.abc import Sequence

from havre.domain.verdict import Action, Category, SpaceAudience
from havre.safety import SafetyPipeline

from .conftest import request


def _replay(pipeline: SafetyPipeline, lines: Sequence[str], space: str) -> list[Action]:
    actions = []
    for i, text in enumerate(lines):
        sender, age, other = ("u1", 16, 14) if i % 2 == 0 else ("u2", 14, 16)
        verdict = pipeline.screen(
            request(
                text,
                audience=SpaceAudience.MINORS,
                sender=sender,
                sender_age=age,
                recipient_age=other,
                space=space,
                at=i * 30.0,
            )
        )
        if sender == "u1":
            actions.append(verdict.action)
    return actions


# The "16-year-old" asks for secrecy, offers a gift and asks for photos: the ladder, whatever his age.
_LADDER = [
    "slt t as quel age ?",
    "14 et toi",
    "t es trop mignonne sur ta photo",
    "merci",
    "viens on parle sur snap",
    "ok",
    "je t offre des vbucks si tu veux",
    "c vrai ??",
    "mais dis rien a tes parents c est notre secret",
    "ok promis",
    "envoie moi une photo de toi en pyjama",
    "bof",
]

# Two teenagers flirting: age, compliments, another app, a meeting and a photo, but no secret and no gift.
_FLIRT = [
    "slt t as quel age ?",
    "14 et toi",
    "t es trop mignonne sur ta photo",
    "merci toi aussi",
    "viens on parle sur snap",
    "ok",
    "envoie moi une photo de ton chien mdr",
    "il est trop chou",
    "on se voit samedi au parc avec les autres ?",
    "grave",
]


def test_the_full_ladder_between_declared_minors_is_grooming(pipeline: SafetyPipeline) -> None:
    actions = _replay(pipeline, _LADDER, "ladder")
    assert Category.GROOMING in pipeline.space_scores("ladder")
    assert pipeline.space_scores("ladder")[Category.GROOMING] >= 0.6
    assert actions[-1] in (Action.WARN, Action.HOLD)


def test_teenagers_flirting_are_not_grooming(pipeline: SafetyPipeline) -> None:
    actions = _replay(pipeline, _FLIRT, "flirt")
    assert pipeline.space_scores("flirt").get(Category.GROOMING, 0.0) < 0.4
    assert Action.WARN not in actions  # "snap" is masked in the minors' space, as for anyone
    assert Action.HOLD not in actions
