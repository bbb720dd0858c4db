"""Declared ages may be lies: the full grooming ladder between declared minors weighs as an adult's, and
an age said in a message lower than the declared one is believed."""

from __future__ import annotations

from collections.abc import Sequence

from havre.domain.verdict import Action, Category, Setting, SpaceAudience
from havre.safety import SafetyPipeline
from havre.safety.normalize import normalize
from havre.safety.patterns import said_age
from havre.safety.types import ConversationContext, Signal

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


def _said(text: str, asked: bool = False) -> int | None:
    recent = frozenset({Signal.AGE_CHECK}) if asked else frozenset()
    return said_age(
        normalize(text), ConversationContext(Setting.PM, SpaceAudience.ADULTS, 18, 30, recent=recent)
    )


def test_ages_said_in_messages() -> None:
    assert _said("en vrai jsuis en seconde, j'ai 15 ans") == 15
    assert _said("jai 14ans") == 14
    assert _said("chui en 4ème") == 13
    assert _said("jsuis mineure") == 17
    assert _said("14 et toi ?") is None  # a bare number is an age only as an answer
    assert _said("14 et toi ?", asked=True) == 14
    assert _said("j'ai 10 ans d'expérience") is None
    assert _said("moi au collège on faisait pareil") is None
    assert _said("j'ai 150 ans") is None


def test_a_declared_adult_who_says_she_is_15_is_taken_at_her_word(pipeline: SafetyPipeline) -> None:
    """In the adults' space, "she" declared 18; once she says 15, the adult's approach weighs as toward a
    minor; the same lines after "j'ai 25 ans" stay between adults."""

    def run(space: str, statement: str) -> list[Action]:
        lines = [
            ("a", "t'as 18 ans d'après ton profil, t'es étudiante ?"),
            ("b", statement),
            ("a", "c'est pas grave l'âge c'est qu'un chiffre, t'es toute seule chez toi ?"),
            ("b", "oui"),
            ("a", "dis rien à personne c'est notre secret, viens sur snap"),
            ("a", "envoie moi une photo de toi en pyjama"),
        ]
        actions = []
        for i, (who, text) in enumerate(lines):
            sender, age, other = ("u1", 40, 18) if who == "a" else ("u2", 18, 40)
            verdict = pipeline.screen(
                request(text, sender=sender, sender_age=age, recipient_age=other, space=space, at=i * 30.0)
            )
            if who == "a":
                actions.append(verdict.action)
        return actions

    minor = run("minor", "en vrai jsuis en seconde, j'ai 15 ans, j'ai mis 18 pour venir ici")
    adult = run("adult", "non j'ai 25 ans je bosse")
    assert Action.HOLD in minor or Action.WARN in minor
    assert pipeline.space_scores("minor").get(Category.GROOMING, 0.0) >= 0.5
    assert pipeline.space_scores("adult").get(Category.GROOMING, 0.0) < 0.3
    assert Action.HOLD not in adult


def test_sexual_talk_from_a_groomer_is_sexual_content_with_a_minor(pipeline: SafetyPipeline) -> None:
    """Once a speaker's grooming risk reaches its flag, their sexual words to the minor are sexual content
    with a minor at full strength (the conversation is flagged for it after one such line), even when the
    words alone are mild; between adults the same words are not."""
    lines = [
        "t as quel age ?",
        "t es toute seule chez toi ?",
        "c est notre secret, dis rien a tes parents",
        "je t offre des vbucks",
        "viens sur snap",
        "t es en pyjama sous ta couette ? t es sexy",
    ]
    for space, recipient_age in (("groomer", 14), ("adults", 33)):
        for i, text in enumerate(lines):
            at = i * 60.0
            pipeline.screen(request(text, sender_age=35, recipient_age=recipient_age, space=space, at=at))
    assert pipeline.space_scores("groomer").get(Category.SEXUAL_MINORS, 0.0) >= 0.55
    assert pipeline.space_scores("adults").get(Category.SEXUAL_MINORS, 0.0) == 0.0
