"""Pattern detectors on the folded text: grooming cues (stages), meetings, and spam shapes.

:class:`GroomingCueDetector` recognises the stages of grooming in one message (age checks, "are you
alone", secrecy, isolation, gifts, photo requests, meetings, flattery) and emits them as signals; the
conversation state accumulates them. :class:`SpamDetector` looks at links, shouting, flooding and repeats.
"""

# ruff: noqa: E501 -- word lists and regex tables read best one alternation per line

from __future__ import annotations

import re

from havre.safety.prefilter import LiteralGate
from havre.safety.types import Categories, ConversationContext, NormalizedMessage, Score, Signal

__all__ = ["STAGE_PATTERNS", "GroomingCueDetector", "SpamDetector", "said_age"]

_R = re.compile

#: One regex per signal, on folded text (see :func:`havre.safety.normalize.fold`).
STAGE_PATTERNS: dict[Signal, re.Pattern[str]] = {
    Signal.AGE_CHECK: _R(
        r"\b(?:t as|tu as|ta|vous avez|t a) quel age\b|\bquel age (?:t as|tu as|as tu|ta|avez vous)\b|"
        r"\bt as quel age\b|\btu es en quelle classe\b|\bt es en quelle classe\b|\ben quelle classe\b|"
        r"\bt es au college\b|\bt es au lycee\b|\btu es au college\b|\btu es au lycee\b|\bt es en (?:3e|4e|5e|seconde|troisieme|quatrieme)\b|"
        r"\bt es majeur|\btu es majeur|\bt es mineur|\btu es mineur|\bt as 1[0-7] ans\b|\btu as 1[0-7] ans\b|\bton age\b|\bage\s*\?"
    ),
    Signal.ALONE_CHECK: _R(
        r"\bt es (?:toute? )?seule?\b|\btu es (?:toute? )?seule?\b|\bt es seul|\bseule? chez (?:toi|vous)\b|"
        r"\btes parents (?:sont|rentrent|bossent|travaillent|dorment|regardent|surveillent|lisent|controlent)|"
        r"\bils regardent ton\b|\bils lisent tes\b|\bta (?:mere|daronne) (?:rentre|est la|travaille|regarde)|"
        r"\bton (?:pere|daron) (?:rentre|est la|travaille|regarde)|\bquelqu un (?:a cote|avec toi)\b|"
        r"\bpersonne (?:a la maison|chez toi)\b|\bdans ta chambre\b|\bporte fermee\b|\bferme ta porte\b|"
        r"\bils rentrent (?:quand|a quelle heure)\b"
    ),
    Signal.SECRECY: _R(
        r"\b(?:dis|dit|dire|raconte|parle) (?:rien|pas|jamais)\b|\bne (?:dis|dit|raconte|parle) (?:rien|pas|jamais)\b|"
        r"\bdis le a personne\b|\bdis a personne\b|\bnotre (?:petit )?secret\b|\bentre (?:nous|toi et moi)\b|"
        r"\bc est notre secret\b|\bgarde (?:ca|le) pour toi\b|\befface (?:nos|les|tes|mes|la|le|tout)\b|"
        r"\bsupprime (?:nos|les|la|le|tout|la conv)\b|\bsupprime apres\b|\befface apres\b|\bmessages? (?:ephemeres?|secrets?)\b|"
        r"\b(?:tes|vos) parents (?:doivent|peuvent|vont) (?:pas|rien|surtout pas|jamais)\b|\bsans que (?:tes|ta|ton) \w+ (?:le )?sache|"
        r"\bpersonne (?:doit|ne doit|peut|va) (?:savoir|le savoir|etre au courant)\b|\bmets ton compte en prive\b|"
        r"\bcompte (?:secret|prive)\b|\bmode (?:prive|fantome|ephemere)\b|\bdis que (?:t es|tu es|tu vas|tu dors|t etais)\b|"
        r"\bdis (?:a ta mere|a ton pere|a tes parents) que\b|\bils comprendraient pas\b|\bils vont pas comprendre\b"
    ),
    Signal.ISOLATION: _R(
        r"\bpersonne (?:te|ne te) comprend\b|\bcomme moi\b|\bque moi\b|\bt as besoin de moi\b|\bje suis la pour toi\b|"
        r"\bje suis le seul\b|\bje suis la seule\b|\b(?:tes|vos) parents (?:te |vous )?comprennent (?:rien|pas)\b|"
        r"\bles (?:adultes|parents) comprennent (?:rien|pas)\b|\bles (?:mecs|filles|gens|garcons|gars|autres) de ton age\b|"
        r"\bplus mature\b|\bt es mature\b|\btu es mature\b|\bt es pas comme les autres\b|\bpas comme les autres\b|"
        r"\bavec moi tu peux\b|\btu peux tout me dire\b|\bje te comprends\b|\btes potes (?:sont|comprennent)\b|"
        r"\btes amis (?:sont|comprennent)\b|\bmeilleur ami\b|\bje t aime\b|\bon est speciaux\b|\bnotre relation\b|"
        r"\bpas besoin d eux\b|\bils te meritent pas\b|\bprend soin de toi\b|\bprendre soin de toi\b|"
        r"\bl age (?:c est |n est )?(?:qu |que )?un (?:chiffre|nombre)\b|\bl age (?:compte|importe) pas\b"
    ),
    Signal.GIFT: _R(
        r"\bje (?:t|te|vous) (?:offre|paie|paye|achete|prends|prendrai|payerai|paierai|envoie de l argent|fais une recharge)\b|"
        r"\bje peux (?:t|te) (?:offrir|payer|acheter|prendre|envoyer)\b|\bcadeau\b|\bcarte cadeau\b|\brecharge\b|"
        r"\bv ?bucks\b|\brobux\b|\bskins?\b|\bpass de combat\b|\bde l argent de poche\b|\bje te fais un virement\b|"
        r"\bje te donne (?:\d+|de l argent|des sous)\b|\bbillet de train\b|\bpaye ton (?:uber|train|billet|taxi)\b|"
        r"\bton (?:uber|taxi|train) (?:est )?paye\b|\bje te paye (?:ton|le|un)\b"
    ),
    Signal.MOVE_APP: _R(
        r"\b(?:viens|passe|on passe|on continue|on se parle|parle moi|ajoute moi|add moi|rajoute moi|ecris moi)"
        r"(?: \w+){0,3} (?:sur|en) (?:snap|snapchat|insta|instagram|whatsapp|telegram|discord|tiktok|signal|kik|wizz|prive)\b|"
        r"\b(?:installe|telecharge) (?:snap|telegram|whatsapp|signal|discord|wizz|kik)\b|\ben prive\b|\ben pv\b|\ben mp\b"
    ),
    Signal.PHOTO_REQUEST: _R(
        r"\b(?:envoie|envoies|envoi|montre|montres|fais voir|file|donne)(?: moi| nous)? (?:une |des |ta |tes |la )?"
        r"(?:photo|photos|pic|pics|selfie|selfies|video|videos|snap)\b|\bphotos? de toi\b|\bune photo\b.*\?|"
        r"\bt as des photos\b|\bmontre (?:toi|moi|ton|ta|tes)\b|\ben maillot\b|\ben pyjama\b|\bsans (?:haut|t shirt|tshirt)\b|"
        r"\ben facetime\b|\bappel video\b|\ben visio\b|\ballume (?:ta|la) cam|\bmets? ta cam|\bnude|\bphotos? (?:de|sexy|coquine)"
    ),
    Signal.MEETING: _R(
        r"\bon (?:se voit|se rejoint|se retrouve|se capte|se rencontre|pourrait se voir|peut se voir|se verrait)\b|"
        r"\bse voir\b|\bse rencontrer\b|\bviens chez moi\b|\bje viens (?:te chercher|chez toi)\b|\bje passe te (?:chercher|prendre)\b|"
        r"\bje (?:te recupere|t emmene|t emmenerai|viens te prendre)\b|\brendez vous\b|\brejoins moi\b|\bviens me (?:voir|rejoindre|chercher)\b|"
        r"\bon va (?:boire|manger) un\b|\bun verre\b|\bdevant (?:chez toi|ton|ta|le|la)\b|\bt habites ou\b|\btu habites ou\b|"
        r"\bt habite ou\b|\bdans quelle ville\b|\bje serai a\b|\bje suis a \w+ (?:samedi|dimanche|demain|ce soir)\b|"
        r"\b(?:samedi|dimanche|demain|ce soir|ce week end|cet aprem|mercredi) (?:soir |aprem |apres midi )?(?:a \d|chez|au|a la|devant)\b"
    ),
    Signal.RAPPORT: _R(
        r"\bt es (?:trop |tres |super |vraiment )?(?:belle|beau|mignonne?|jolie|canon|bonne|sexy|magnifique|charmante?)\b|"
        r"\btu es (?:trop |tres |super |vraiment )?(?:belle|beau|mignonne?|jolie|canon|magnifique|charmante?)\b|"
        r"\bbeau garcon\b|\bbelle fille\b|\bjolie fille\b|\bde beaux yeux\b|\bdes beaux yeux\b|\bbeaux yeux\b|\bt as un beau\b|"
        r"\bt as une belle\b|\bjolie photo\b|\bbelle photo\b|\bma (?:belle|cherie|puce|princesse)\b|\bmon (?:coeur|bebe|cheri)\b|"
        r"\bje te kiffe\b|\bje t adore\b|\bma petite\b|\bmon petit\b"
    ),
}

# Every stage pattern starts a match at a word's first character (``\b`` then a letter or a digit;
# ``tests/safety/test_fast_paths.py`` checks it), so the look-ahead only skips positions that cannot match;
# it lets the regex engine reject most positions before trying the alternatives.
_ANY_STAGE = re.compile(
    r"(?=\w)(?:" + "|".join(f"(?:{pattern.pattern})" for pattern in STAGE_PATTERNS.values()) + ")"
)
# Before that pass, one Aho-Corasick scan for the literals every alternative needs (exact: see prefilter).
_STAGE_GATE = LiteralGate(_ANY_STAGE)

_GROOMING_WEIGHTS: dict[Signal, float] = {
    Signal.AGE_CHECK: 0.2,
    Signal.ALONE_CHECK: 0.35,
    Signal.SECRECY: 0.5,
    Signal.ISOLATION: 0.35,
    Signal.GIFT: 0.3,
    Signal.MOVE_APP: 0.25,
    Signal.PHOTO_REQUEST: 0.45,
    Signal.MEETING: 0.3,
    Signal.RAPPORT: 0.2,
    Signal.SEXUAL: 0.35,
}
_SMS_MARKERS = frozenset(
    [
        "mdr",
        "ptdr",
        "lol",
        "jsp",
        "tkt",
        "wesh",
        "frero",
        "wsh",
        "jpp",
        "slt",
        "bg",
        "ouais",
        "nan",
        "ui",
        "chui",
        "jsuis",
        "ptn",
        "oklm",
        "genre",
        "trop",
        "grave",
        "bail",
    ]
)


def _adult_style(message: NormalizedMessage) -> bool:
    # Adults often write fully spelled, capitalised and punctuated sentences; teenagers rarely do.
    raw = message.raw.strip()
    if len(message.tokens) < 6 or not raw[:1].isupper() or raw[-1:] not in ".?!":
        return False
    if any(token in _SMS_MARKERS for token in message.tokens):
        return False
    return "," in raw or raw.count(" ") >= 8


# What a speaker says of their own age ("j'ai 15 ans", "je suis en 4e", "je suis mineure", or a bare "14 et
# toi" answering an age question): declared ages may be lies, and a teenager who declared 18 to get in
# often says so later. School years map to the youngest usual age of that class. Not "j'ai 10 ans
# d'expérience", nor memories ("moi au collège, ...").
_SAID_AGE = re.compile(
    r"\bj ai (?:que |juste |bientot )?(\d{1,2}) ?ans\b(?! ?de\b| ?d\b)|"
    r"\b(?:je suis|moi je suis|je suis encore) (?:en|au) "
    r"(6e|6eme|sixieme|5e|5eme|cinquieme|4e|4eme|quatrieme|3e|3eme|troisieme|seconde|2nde|college|cm2)\b|"
    r"\bje suis (mineure?)\b"
)
_AGE_ANSWER = re.compile(r"(?:moi )?(\d{2}) ?(?:ans)?(?: et (?:toi|vous))?")
_CLASS_AGES = {
    "cm2": 10, "6e": 11, "6eme": 11, "sixieme": 11, "5e": 12, "5eme": 12, "cinquieme": 12, "4e": 13,
    "4eme": 13, "quatrieme": 13, "3e": 14, "3eme": 14, "troisieme": 14, "college": 11, "seconde": 15,
    "2nde": 15, "mineur": 17, "mineure": 17,
}  # fmt: skip


def said_age(message: NormalizedMessage, ctx: ConversationContext) -> int | None:
    """The age the speaker says they are in ``message`` (10 to 99), if they say one; ``None`` otherwise.

    A bare number ("14", "14 et toi") counts only as the answer to an age question of the last messages.
    """
    text = message.text
    hint = "ans" in text or " en " in text or " au " in text or "mineur" in text
    if not hint and not (Signal.AGE_CHECK in ctx.recent and text[:1].isdigit()):
        return None
    match = _SAID_AGE.search(text)
    if match is not None:
        years, school, minor = match.groups()
        if years is not None:
            age = int(years)
            return age if 10 <= age <= 99 else None
        return _CLASS_AGES[school or minor]
    if Signal.AGE_CHECK in ctx.recent:
        answer = _AGE_ANSWER.fullmatch(text)
        if answer is not None and 10 <= int(answer.group(1)) <= 99:
            return int(answer.group(1))
    return None


_NO_CUE = Score(detector="grooming_cues")  # shared: most messages show no stage
_NO_SPAM = Score(detector="spam")


class GroomingCueDetector:
    """Emits the grooming stages a message shows and a per-message grooming score weighted by who speaks."""

    name = "grooming_cues"

    def score(self, message: NormalizedMessage, ctx: ConversationContext) -> Score:
        """Signals for the state; a grooming score when the speaker talks to (or among) minors."""
        text = message.text[:2000]
        signals: set[Signal] = set()
        # One pass first: most messages show no stage at all.
        if _STAGE_GATE.may_match(text) and _ANY_STAGE.search(text):
            signals = {signal for signal, pattern in STAGE_PATTERNS.items() if pattern.search(text)}
        if ctx.minors_space and ctx.sender_age >= 18 and _adult_style(message):
            signals.add(Signal.ADULT_STYLE)
        if not signals:
            return _NO_CUE
        rest = 1.0
        for signal in signals:
            rest *= 1.0 - _GROOMING_WEIGHTS.get(signal, 0.0)
        raw_score = 1.0 - rest
        if ctx.adult_to_minor:
            prior = 1.0
        elif ctx.minor_involved:
            prior = 0.45
        else:
            prior = 0.15
        categories = {Categories.GROOMING: round(raw_score * prior, 4)} if raw_score > 0 else {}
        return Score(detector=self.name, categories=categories, signals=frozenset(signals))


_LINK = re.compile(
    r"https?://|www\.|\b[\w-]+\.(?:com|fr|net|org|io|gg|ly|me|xyz|shop|store|link)\b", re.IGNORECASE
)


_EMOJI = re.compile("[\U0001f300-\U0010ffff]")


class SpamDetector:
    """Scores spam from links, shouting, emoji floods and repeats of the same text by the same sender."""

    name = "spam"

    def score(self, message: NormalizedMessage, ctx: ConversationContext) -> Score:
        """Repeats weigh most (a third identical message is spam); links and shouting add up."""
        raw = message.raw[:4000]
        value = 0.0
        if ctx.repeats >= 2:
            value = 0.9
        elif ctx.repeats == 1 and len(message.tokens) >= 4:
            value = 0.6
        links = len(_LINK.findall(raw)) if ("." in raw or ":" in raw) else 0  # a link needs one of them
        if links:
            value = max(value, 0.25 + 0.15 * min(links, 3))
            if ctx.repeats >= 1:
                value = 0.95
        if len(raw) >= 20 and not raw.islower():  # all cased letters lower case: no upper case to count
            letters = sum(map(str.isalpha, raw))
            if letters >= 20 and sum(map(str.isupper, raw)) / letters > 0.7:
                value = max(value, 0.3) + 0.15
        if len(raw) >= 4 and not raw.isascii() and len(_EMOJI.findall(raw)) >= 4:
            value += 0.15
        value = min(1.0, value)
        return Score(detector=self.name, categories={Categories.SPAM: value}) if value > 0 else _NO_SPAM
