"""The fixed list of notice reasons, their safety categories, and the queue's priority tiers."""

from __future__ import annotations

import enum

from havre.domain.verdict import Category


class Reason(enum.Enum):
    """Why someone files a notice (DSA art. 16): the safety categories, threats, and ``other``."""

    CHILD_SEXUAL_ABUSE = "child_sexual_abuse"
    GROOMING = "grooming"
    THREAT = "threat"  # a threat to someone's life or safety
    SELF_HARM = "self_harm"
    AMBUSH = "ambush"  # luring someone to a meeting to hurt or rob them
    HARASSMENT = "harassment"
    HATE = "hate"
    PROSTITUTION = "prostitution"
    DRUGS = "drugs"
    CONTACT_EXCHANGE = "contact_exchange"
    SPAM = "spam"
    OTHER = "other"


# The category of the safety pipeline each reason maps to (``threat`` and ``other`` have none).
CATEGORY_OF: dict[Reason, str] = {
    Reason.CHILD_SEXUAL_ABUSE: Category.SEXUAL_MINORS.value,
    Reason.GROOMING: Category.GROOMING.value,
    Reason.THREAT: "threat",
    Reason.SELF_HARM: Category.SELF_HARM.value,
    Reason.AMBUSH: Category.AMBUSH.value,
    Reason.HARASSMENT: Category.HARASSMENT.value,
    Reason.HATE: Category.HATE.value,
    Reason.PROSTITUTION: Category.PROSTITUTION.value,
    Reason.DRUGS: Category.DRUGS.value,
    Reason.CONTACT_EXCHANGE: Category.CONTACT_EXCHANGE.value,
    Reason.SPAM: Category.SPAM.value,
    Reason.OTHER: "other",
}

LABEL_FR: dict[str, str] = {
    "child_sexual_abuse": "Abus sexuel sur mineur",
    "sexual_minors": "Abus sexuel sur mineur",
    "grooming": "Pédopiégeage (grooming)",
    "threat": "Menace pour la vie ou la sécurité",
    "self_harm": "Automutilation, suicide",
    "ambush": "Guet-apens",
    "harassment": "Harcèlement",
    "hate": "Haine",
    "prostitution": "Prostitution",
    "drugs": "Drogues",
    "contact_exchange": "Échange de coordonnées",
    "spam": "Spam",
    "other": "Autre",
    "age_hopping": "Changement d'âge déclaré",
}

# Tier 0 goes first: threats to life or safety, child sexual abuse and grooming.
TIER_LIFE = 0
TIER_TRUSTED = 1  # notices of trusted flaggers (DSA art. 22)
TIER_OTHER = 2
SEVERE_CATEGORIES = frozenset({"sexual_minors", "grooming", "threat", "self_harm", "ambush", "age_hopping"})
CHILD_ABUSE_CATEGORIES = frozenset({"sexual_minors", "grooming"})


def tier_for(categories: set[str] | frozenset[str], *, trusted: bool) -> int:
    """The queue tier of a report with these categories, from a trusted flagger or not."""
    if categories & SEVERE_CATEGORIES:
        return TIER_LIFE
    return TIER_TRUSTED if trusted else TIER_OTHER


# Names a client may use for a reason: the safety categories of ``shared/spec/safety-data.md``.
_ALIASES: dict[str, Reason] = {"sexual_minors": Reason.CHILD_SEXUAL_ABUSE}


def parse_reason(value: str) -> Reason | None:
    """The reason named by ``value`` (a reason or a safety category), or ``None``."""
    try:
        return Reason(value)
    except ValueError:
        return _ALIASES.get(value)
