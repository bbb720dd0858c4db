"""Contact details: phone numbers, e-mails, social handles, street addresses and school names.

:func:`find_contacts` returns the spans of the *raw* text that give or ask for a way to reach someone off
Havre; :func:`mask` replaces them. :class:`ContactDetector` wraps both as a detector. Patterns run on the
raw text (case-insensitive, accent- and leet-tolerant, letters may be spaced or dotted) so that spans can
be masked where they were typed. Hard negatives kept alone: prices, times, scores, postal codes, dates,
years, ages and counts.
"""

# ruff: noqa: E501 -- word lists and regex tables read best one alternation per line

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import lru_cache
from typing import Any

import ahocorasick

from havre.safety.normalize import fold
from havre.safety.prefilter import LiteralGate
from havre.safety.types import Categories, ConversationContext, NormalizedMessage, Score, Signal, Span

__all__ = ["MASK", "ContactDetector", "find_contacts", "mask"]

#: What a masked span is replaced with.
MASK = "•••"

_VARIANTS = {
    "a": "a4@àâä",
    "e": "e3éèêë€",
    "i": "i1!íîïl|",
    "o": "o0òôö",
    "u": "uùûü",
    "s": "s5$",
    "t": "t7+",
    "g": "g9",
    "b": "b8",
    "c": "cç",
    "l": "l1|i",
}
_SEP = r"[\s.\-_*·,'’/|]{0,3}"


def _fuzzy(word: str) -> str:
    """A regex for ``word`` tolerant to leetspeak, accents, repeated letters and letter spacing."""
    parts = []
    for ch in word:
        variants = _VARIANTS.get(ch, ch)
        parts.append("[" + re.escape(variants) + "]+")
    return _SEP.join(parts)


# Platforms whose name is distinctive enough to match fuzzily; then short names matched as whole words.
_FUZZY_PLATFORMS = (
    "snapchat",
    "snap",
    "instagram",
    "insta",
    "tiktok",
    "telegram",
    "whatsapp",
    "discord",
    "facebook",
    "messenger",
    "skype",
    "onlyfans",
    "twitter",
    "wizz",
)
_SHORT_PLATFORMS = r"sc|ig|fb|wa|wtsp|tlg|kik|tg|dc"
_PLATFORM = re.compile(
    r"(?<![^\W\d_])(?:" + "|".join(_fuzzy(p) for p in _FUZZY_PLATFORMS) + r")(?![^\W\d_])",
    re.IGNORECASE,
)
# The look-ahead restates the characters an alternative can start with (it changes no match, and lets the
# regex engine skip the other positions fast; ``tests/safety/test_fast_paths.py`` checks it).
_PLATFORM_FIRST = "".join(
    sorted(
        {ch for p in _FUZZY_PLATFORMS for ch in _VARIANTS.get(p[0], p[0])}
        | {p[0] for p in _SHORT_PLATFORMS.split("|")}
    )
)
_PLATFORM_WORD = re.compile(
    "(?=[" + re.escape(_PLATFORM_FIRST) + "])"
    r"(?<![\w])(?:" + "|".join(_fuzzy(p) for p in _FUZZY_PLATFORMS) + "|" + _SHORT_PLATFORMS + r")(?![\w])",
    re.IGNORECASE,
)
# Who gives or asks: a possessive or an invitation just before the platform.
_INTENT_BEFORE = re.compile(
    r"(?:\b(?:ton|ta|tn|mon|mn|ma|votre|vos|ajoute|ajoutes|ajouter|rajoute|add|addmoi|viens|venez|passe|passes|"
    r"va|go|parle|parler|parlons|écris|ecris|contacte|dm|mp|follow|retrouve|retrouver|continue|continuer|"
    r"suis|abonne|as|a|t'as|tas|t'a|avez|donne|file|envoie|balance|lâche|lache|laisse|écrire|ecrire|"
    r"discuter|causer|discute|mets|met|mettre|ami|amie|accepte|rejoins|rejoindre)\b)"
    r"(?:[\s,'’\-]+(?:moi|toi|nous|on|se|te|me|m|t|en|privé|prive|plutôt|plutot|plus|sur|par|via|le|la|ton|ta|mon|ma|"
    r"un|une|ça|ca|tu|vas|peux|veux|dois|directement|vite|donc|alors|stp|svp|\?)){0,4}[\s,'’\-]*$",
    re.IGNORECASE,
)
_INTENT_AFTER = re.compile(r"^\s*(?:\?|[:=→>]+|-+>|s'?il te pla[iî]t|stp|svp)", re.IGNORECASE)
_HANDLE = re.compile(r"@?\w[\w.\-]{1,29}\w")
_HANDLE_FILLER = frozenset(
    [
        "c",
        "cest",
        "c'est",
        "c’est",
        "est",
        "ct",
        ":",
        "=",
        "->",
        "→",
        ">",
        "mon",
        "ma",
        "le",
        "la",
        "pseudo",
        "id",
        "nom",
        "compte",
        "moi",
        "c'é",
        "sur",
        "tu",
        "peux",
        "m",
        "me",
        "ajoute",
        "add",
        "mets",
        "note",
        "c'esttt",
    ]
)
_NOT_HANDLE = frozenset(
    [
        "pas",
        "plus",
        "trop",
        "nul",
        "nulle",
        "bien",
        "ouf",
        "mort",
        "vide",
        "privé",
        "prive",
        "public",
        "quoi",
        "koi",
        "qoi",
        "quel",
        "kel",
        "quoi?",
        "ou",
        "où",
        "et",
        "mais",
        "donc",
        "alors",
        "aussi",
        "je",
        "tu",
        "il",
        "elle",
        "on",
        "nous",
        "vous",
        "ils",
        "elles",
        "le",
        "la",
        "les",
        "un",
        "une",
        "des",
        "du",
        "de",
        "que",
        "qui",
        "si",
        "non",
        "oui",
        "ok",
        "ça",
        "ca",
        "moi",
        "toi",
        "stp",
        "svp",
        "merci",
        "mdr",
        "ptdr",
        "lol",
        "jsp",
        "tkt",
        "pk",
        "pourquoi",
        "comment",
        "quand",
        "hein",
        "bah",
        "bof",
        "car",
        "parce",
        "chez",
        "avec",
        "sans",
        "pour",
        "par",
        "dans",
        "sur",
        "sous",
        "en",
        "au",
        "aux",
        "à",
        "a",
        "ya",
        "y",
        "vas",
        "va",
        "viens",
        "demain",
        "ce",
        "cette",
        "cet",
        "ces",
        "tes",
        "mes",
        "ses",
        "son",
        "sa",
        "ton",
        "ta",
        "mon",
        "ma",
        "notre",
        "votre",
        "leur",
        "leurs",
        "t'as",
        "tas",
        "as",
        "fais",
        "fait",
        "faire",
        "dit",
        "dire",
        "vu",
        "voir",
        "ajoute",
        "est",
        "c",
        "c'est",
        "cest",
        "snap",
        "insta",
        "tiktok",
        "telegram",
        "whatsapp",
        "discord",
        "facebook",
    ]
)
# The look-aheads of the next three patterns restate their first characters too.
_HANDLE_BEFORE = re.compile(
    r"(?=[@A-Za-z])(?<![\w@.])@?[A-Za-z][\w.]{0,30}?[\d_.][\w.]{0,30}\s+(?:sur|on|en|dans)\s+(?:"
    + "|".join(_fuzzy(p) for p in _FUZZY_PLATFORMS)
    + r")\b",
    re.IGNORECASE,
)
_NUMBER_REQUEST = re.compile(
    r"(?=[tvdfepblc])\b(?:ton|ta|tn|votre|t'?\s?as\s+(?:un|ton|le)|tu\s+as\s+(?:un|ton|le)|vous\s+avez\s+(?:un|votre))\s+"
    r"(?P<what>num[ée]ro(?:\s+de\s+(?:t[ée]l[ée]phone|portable|tel|tél))?|num|nmr|06|07|adresse(?:\s+mail)?|"
    r"e-?mail|mail)\b(?!\s+(?:est|a|de|du|c'est)\b)"
    r"|\b(?:donne|file|envoie|passe|balance|l[aâ]che|c\s+quoi|c'est\s+quoi)(?:[\s\-]*moi)?\s+(?:ton|ta|votre)\s+"
    r"(?P<device>t[ée]l[ée]phone|tel|tél|portable|tph)\b",
    re.IGNORECASE,
)
_INVITE_LINK = re.compile(
    r"(?=[hwtdcsifm])(?:https?://)?(?:www\.)?(?:t\.me|telegram\.me|discord\.gg|discord\.com/invite|wa\.me|chat\.whatsapp\.com|"
    r"snapchat\.com/add|instagram\.com|tiktok\.com/@|facebook\.com|m\.me)/\S+",
    re.IGNORECASE,
)
# A bare account name, as typed in reply to "c quoi ton snap ?": letters joined by dots or underscores,
# or letters then two digits or more ("lea.x.15", "kiki_gamer95", "juju.rck").
_BARE_HANDLE = re.compile(
    r"(?<![\w@.])@?(?:[a-z][a-z0-9]*(?:[._][a-z0-9]+)+|[a-z]{2,}[a-z_]*\d{2,}[a-z]*)(?![\w@])", re.I
)
_AT_HANDLE = re.compile(r"(?<![\w@.])@[A-Za-z0-9_][A-Za-z0-9_.]{2,29}")
_EMAIL = re.compile(
    r"(?<![\w.+\-])[\w.+\-]{2,64}\s*(?:@|\(\s*at\s*\)|\[\s*at\s*\]|\{\s*at\s*\}|\s(?:at|arobase|arrobase|arobaz)\s)\s*"
    r"[\w\-]{2,64}\s*(?:\.|\(\s*dot\s*\)|\[\s*dot\s*\]|\s(?:dot|point)\s)\s*[a-z]{2,6}\b",
    re.IGNORECASE,
)
_EMAIL_PROVIDER = re.compile(
    r"(?:(?<![\w.+\-])[\w.+\-]{2,64}\s*@|(?<![\w.+\-])[a-z]{0,30}[\w]{0,30}[._\d][\w.+\-]{0,30}\s+)\s*(?:gmail|hotmail|yahoo|outlook|laposte|orange|wanadoo|free|sfr|"
    r"icloud|live|protonmail|proton|gmx|aol)\b(?:\s*(?:\.|point|dot)\s*(?:com|fr|net|me))?",
    re.IGNORECASE,
)
# Digit runs with separators; judged by their digit count below.
# The look-ahead restates the characters a run can start with (it changes no match, and lets the regex
# engine skip letters fast).
_DIGIT_RUN = re.compile(r"(?=[+\s(\d])(?:\+|00)?\s?\(?\d[\d\s.\-/()]{6,22}\d")
_NON_DIGIT = re.compile(r"\D")
_DATE_LIKE = re.compile(r"^\d{1,2}[/.\-]\d{1,2}[/.\-]\d{2,4}$")
_NUMBER_WORDS = {
    "zero": 0, "zéro": 0, "un": 1, "une": 1, "deux": 2, "trois": 3, "quatre": 4, "cinq": 5, "six": 6,
    "sept": 7, "huit": 8, "neuf": 9, "dix": 10, "onze": 11, "douze": 12, "treize": 13, "quatorze": 14,
    "quinze": 15, "seize": 16, "vingt": 20, "vingts": 20, "trente": 30, "quarante": 40, "cinquante": 50,
    "soixante": 60, "cent": 100, "et": -1,
}  # fmt: skip


def _trie(words: Iterable[str]) -> str:
    """A regex matching exactly ``words``, with shared prefixes factored ("cinq(?:uante)?"), so the regex
    engine compares each character once instead of once per word."""
    root: dict[str, dict[str, Any]] = {}
    for word in words:
        node = root
        for char in word:
            node = node.setdefault(char, {})
        node[""] = {}

    def emit(node: dict[str, dict[str, Any]]) -> str:
        branches = [re.escape(char) + emit(child) for char, child in sorted(node.items()) if char]
        if not branches:
            return ""
        body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
        return f"(?:{body})?" if "" in node else body

    return emit(root)


# A run of number words: each element is a whole word (a separator or the end must follow it), so at most
# one word of the trie fits at a position and factoring the words changes no match.
_NUMBER_RUN = re.compile(
    r"(?<![\w])(?:(?:" + _trie(_NUMBER_WORDS) + r"|\d{1,2})(?:[\s,.\-]+|$)){5,}",
    re.IGNORECASE,
)
_STREET = (
    r"(?:rue|avenue|av\.?|bd|boulevard|allée|allee|impasse|imp\.?|chemin|ch\.|place|route|rte|quai|cours|square|"
    r"résidence|residence|cité|cite|lotissement|lot\.?|chaussée|chaussee|passage|sentier|hameau|lieu-dit|"
    r"faubourg|fg|parvis|esplanade|voie)"
)
_ADDRESS_NUM = re.compile(
    r"\b\d{1,4}\s*(?:bis|ter|b)?\s*,?\s*" + _STREET + r"\s+(?:(?:de la|de l'|du|des|de|d'|la|le|les)\s*)?"
    r"[\w'’\-]+(?:\s+(?!(?:et|mais|ou|donc|car|a|à|je|tu|il|on|c|si|pour|vers|ce|ça|ca|demain|ce soir)\b)"
    r"[\w'’\-]+){0,3}",
    re.IGNORECASE,
)
# "I live / I am / my address" then a street. Not "en" (French gives an address with "au", "à", "dans" or
# nothing: "en cours", "en route", "en voie de", "en passage" say what one is doing), and not the
# locutions "au cours de" (during) and "à la place de" (instead of), whose nouns are also street types.
_ADDRESS_WORDS = re.compile(
    r"\b(?:j'?\s?habite|jhabite|habite|j'?\s?vis|jvis|j'?\s?suis|jsuis|je suis|mon adresse|adresse|chez moi)"
    r"\s*(?![aà]u?\s+(?:la\s+)?(?:cours|place)\s+(?:de|du|des|d')\b)"
    r"(?:c'?est\s*|:\s*|au\s+|à\s+la\s+|a\s+la\s+|à\s+|a\s+|dans\s+la\s+|dans\s+l')?"
    r"(?:la\s+|le\s+|l'\s*)?(?:\d{1,4}\s*,?\s*)?"
    + _STREET
    + r"\s+(?:(?:de la|de l'|du|des|de|d'|la|le|les)\s*)?[\w'’\-]+"
    r"(?:\s+[A-ZÉÈ][\w'’\-]+){0,3}",
    re.IGNORECASE,
)
_ADDRESS_ALONE = re.compile(
    r"^\W*(?:\d{1,4}\s*,?\s*)?" + _STREET + r"\s+(?:(?:de la|de l'|du|des|de|d')\s*)?[A-ZÉÈ][\w'’\-]+"
    r"(?:\s+(?:de\s+|du\s+|des\s+)?[A-ZÉÈ][\w'’\-]+){0,3}",
)
_SCHOOL = re.compile(
    r"\b(?:collège|college|colège|clg|lycée|lycee|lyc|lycé|école|ecole|LP|CFA|groupe scolaire|institution)"
    r"(?:\s+(?:privé|prive|public|pro|professionnel|général|general|technologique|agricole|international|"
    r"catholique|polyvalent|hôtelier|hotelier))*\s+"
    r"(?P<name>(?:(?:saint|st|ste|sainte|notre[\s\-]dame)[\s\-]+[\w'’\-]+)|"
    r"(?:(?:de la|de l'|du|des|de|d')\s*[\w'’\-]+)|(?:[\w'’\-]+))"
    r"(?=(?P<rest>(?:[\s\-]+[\w'’\-]+){0,2}))",
    re.IGNORECASE,
)
_SCHOOL_NOT_NAME = frozenset(
    [
        "on",
        "a",
        "à",
        "au",
        "aux",
        "en",
        "et",
        "est",
        "c",
        "c'est",
        "cest",
        "ça",
        "ca",
        "ce",
        "cette",
        "le",
        "la",
        "les",
        "l'",
        "un",
        "une",
        "de",
        "des",
        "du",
        "mon",
        "ma",
        "mes",
        "ton",
        "ta",
        "tes",
        "son",
        "sa",
        "ses",
        "notre",
        "votre",
        "leur",
        "que",
        "qui",
        "quoi",
        "pas",
        "plus",
        "trop",
        "demain",
        "aujourd'hui",
        "hier",
        "ce",
        "soir",
        "matin",
        "il",
        "elle",
        "ils",
        "je",
        "j'suis",
        "jsuis",
        "tu",
        "t'es",
        "tes",
        "nous",
        "vous",
        "y",
        "pour",
        "par",
        "avec",
        "sans",
        "sur",
        "dans",
        "vers",
        "chez",
        "si",
        "mais",
        "ou",
        "donc",
        "car",
        "comme",
        "maternelle",
        "primaire",
        "élémentaire",
        "elementaire",
        "publique",
        "privée",
        "privee",
        "musique",
        "danse",
        "commerce",
        "ingénieur",
        "ingenieur",
        "police",
        "conduite",
        "art",
        "arts",
        "théâtre",
        "theatre",
        "cirque",
        "voile",
        "ski",
        "foot",
        "rugby",
        "tennis",
        "cuisine",
        "infirmière",
        "infirmiere",
        "infirmier",
        "commerce",
        "hôtelière",
        "hoteliere",
        "normale",
        "supérieure",
        "superieure",
        "doctorale",
        "nationale",
        "c'était",
        "cetait",
        "était",
        "etait",
        "va",
        "vais",
        "fini",
        "finit",
        "commence",
        "reprend",
        "ferme",
        "fermé",
        "ferme",
        "rentre",
        "rentrée",
        "rentree",
        "nul",
        "nulle",
        "bien",
        "trop",
        "grand",
        "petit",
        "gros",
        "sympa",
        "relou",
        "chiant",
        "chiante",
        "cool",
        "dur",
        "dure",
        "loin",
        "pres",
        "près",
        "à",
        "côté",
        "cote",
        "aussi",
        "encore",
        "toujours",
        "jamais",
        "seulement",
        "déjà",
        "deja",
        "quand",
        "où",
        "ou",
        "comment",
        "pourquoi",
        "combien",
        "sont",
        "été",
        "ete",
        "me",
        "m'a",
        "m'ont",
        "t'a",
        "t'ont",
        "nous",
        "a",
        "fait",
        "sera",
        "serait",
        "avait",
        "ont",
    ]
)
_NAME_WORDS = frozenset(
    [
        "jean",
        "moulin",
        "victor",
        "hugo",
        "jules",
        "ferry",
        "jaurès",
        "jaures",
        "pasteur",
        "voltaire",
        "molière",
        "moliere",
        "zay",
        "marie",
        "curie",
        "paul",
        "eluard",
        "éluard",
        "saint",
        "exupéry",
        "exupery",
        "albert",
        "camus",
        "jacques",
        "prévert",
        "prevert",
        "verne",
        "charles",
        "gaulle",
        "simone",
        "veil",
        "condorcet",
        "descartes",
        "rousseau",
        "montaigne",
        "lamartine",
        "rabelais",
        "diderot",
        "michelet",
        "clemenceau",
        "anatole",
        "france",
        "louise",
        "michel",
        "lavoisier",
        "jeanne",
        "arc",
        "henri",
        "ix",
        "louis",
        "lumière",
        "lumiere",
        "pierre",
        "mendès",
        "mendes",
        "blaise",
        "pascal",
        "émile",
        "zola",
        "emile",
        "gustave",
        "eiffel",
        "joliot",
        "malraux",
        "aragon",
        "rostand",
        "racine",
        "corneille",
        "la",
        "fontaine",
        "fontaine",
        "montesquieu",
        "mermoz",
        "gambetta",
        "georges",
        "brassens",
        "sand",
        "colette",
        "baudelaire",
        "apollinaire",
        "mistral",
        "daudet",
        "buffon",
        "chaptal",
        "fénelon",
        "fenelon",
        "lakanal",
    ]
)
_STOP_SCHOOL_END = frozenset(
    [
        "et",
        "mais",
        "ou",
        "donc",
        "car",
        "je",
        "tu",
        "il",
        "elle",
        "on",
        "nous",
        "vous",
        "ils",
        "elles",
        "c",
        "ça",
        "ca",
        "ce",
        "si",
        "pour",
        "mdr",
        "ptdr",
        "lol",
        "t'es",
        "tes",
        "t",
        "es",
        "tu",
        "es",
        "demain",
        "ce",
        "soir",
    ]
)


def _phones(raw: str) -> list[tuple[int, int]]:
    spans: list[tuple[int, int]] = []
    for match in _DIGIT_RUN.finditer(raw):
        chunk = match.group(0).strip()
        if _DATE_LIKE.match(chunk):
            continue
        digits = _NON_DIGIT.sub("", chunk)
        plus = chunk.startswith("+")
        if digits.startswith("0033"):
            digits = "0" + digits[4:].lstrip("0")
        elif plus and digits.startswith("33"):
            digits = "0" + digits[2:].lstrip("0")
        elif plus and digits.startswith(("32", "41", "352")):  # Belgium, Switzerland, Luxembourg
            digits = "0" + digits[2:]
        start = match.start() + len(match.group(0)) - len(match.group(0).lstrip())
        if len(digits) == 10 and digits[0] == "0" and digits[1] != "0":
            spans.append((start, match.end()))
        elif len(digits) == 9 and digits[:2] in ("06", "07"):
            # One digit short (a typo or a deliberate slice) still gives most of a mobile number.
            spans.append((start, match.end()))
    return spans


def _spelled_phones(raw: str) -> list[tuple[int, int]]:
    spans: list[tuple[int, int]] = []
    if raw.isascii() and _count_number_elements(raw) < 5:
        return spans
    for match in _NUMBER_RUN.finditer(raw):
        words = re.findall(r"[\w]+", match.group(0).lower())
        values = [_NUMBER_WORDS.get(w, int(w) if w.isdigit() else -1) for w in words]
        numbers = [v for v in values if v >= 0]
        # A phone number said aloud: starts with zero (or 6/7 after "zero") and has many number words.
        if (len(numbers) >= 5 and (values[0] == 0 or words[0] in ("zero", "zéro", "0"))) or len(numbers) >= 8:
            spans.append((match.start(), match.end()))
    return spans


# Each element of a run of number words is a whole word of the text (a separator or the text's edge on both
# sides), and a span needs five elements other than "et". On ASCII text (where case-insensitive matching is
# plain ASCII case folding and ``\w``, ``\d`` are ASCII), fewer than five such words prove that no span can
# be found, and counting them is much cheaper than the scan.
# (The words are cut with a byte table that turns every ASCII character outside ``\w`` into a space.)
_NOT_WORD_TO_SPACE = bytes(c if re.match(r"\w", chr(c)) else 32 for c in range(128)) + b" " * 128
_NUMBER_ELEMENTS = frozenset(w.encode() for w in _NUMBER_WORDS if w != "et" and w.isascii())


def _count_number_elements(raw: str) -> int:
    # ``raw`` is ASCII.
    count = 0
    for word in raw.lower().encode("ascii").translate(_NOT_WORD_TO_SPACE).split():
        if word in _NUMBER_ELEMENTS or (len(word) <= 2 and word.isdigit()):
            count += 1
    return count


def _handles(raw: str) -> list[tuple[int, int]]:
    spans: list[tuple[int, int]] = []
    for match in _PLATFORM_WORD.finditer(raw):
        start, end = match.span()
        before = raw[max(0, start - 60) : start]
        after = raw[end : end + 60]
        intent = bool(_INTENT_BEFORE.search(before)) or bool(_INTENT_AFTER.match(after))
        short = _PLATFORM.fullmatch(match.group(0)) is None
        # The handle: skip filler words after the platform, take the next handle-looking token.
        handle_end = None
        pos = 0
        strong = weak = False
        for _ in range(6):
            token_match = re.match(r"\s*([^\s]+)", after[pos:])
            if token_match is None:
                break
            token = token_match.group(1)
            bare = token.strip(",;!?()\"'«»").lower()
            if bare in _HANDLE_FILLER or bare in (":", "=", "->", "→", "-", "c'", "'"):
                strong = strong or bare in (":", "=", "->", "→")
                weak = weak or bare in ("c", "cest", "c'est", "c’est", "est", "ct")
                pos += token_match.end()
                continue
            if _HANDLE.fullmatch(bare.rstrip(".")) is not None and bare not in _NOT_HANDLE:
                marked = bare.startswith("@") or any(ch.isdigit() or ch in "_.#" for ch in bare)
                if marked or strong or (weak and intent):
                    handle_end = end + pos + token_match.end()
            break
        if handle_end is not None and (intent or not short or strong):
            spans.append((start, handle_end))
        elif intent and not short:
            spans.append((start, end))
    if "@" in raw:
        for match in _AT_HANDLE.finditer(raw):
            # "@manon" alone addresses someone in the room; "@manon.lvs" or "@tom_06" is an account.
            if any(ch.isdigit() or ch in "_." for ch in match.group(0).rstrip(".")):
                spans.append(match.span())
    if _may_hold_marked_handle(raw):
        for match in _HANDLE_BEFORE.finditer(raw):
            spans.append(match.span())
    if _may_request_number(raw):
        for match in _NUMBER_REQUEST.finditer(raw):
            spans.append(match.span("what") if match.group("what") else match.span("device"))
    if "/" in raw and "." in raw:  # every invitation link has a dot in its domain and a "/" after it
        for match in _INVITE_LINK.finditer(raw):
            spans.append(match.span())
    return spans


# Exact pre-checks for three of the patterns of :func:`_handles`, each tens of times cheaper than its
# pattern (``tests/safety/test_fast_paths.py`` checks them on the corpora):
# - a handle before "sur snap" has a digit, "_" or "." (``[\d_.]``; ``\d`` is ``str.isdecimal``);
# - a request for a number or an address names one of the words below. Case-insensitive matching folds a
#   few non-ASCII letters onto ASCII ones (the Kelvin sign onto "k", the long s onto "s"), so the check on
#   the lower-cased text is only used for ASCII text.
_REQUEST_WORDS = ("num", "nmr", "06", "07", "adresse", "mail", "tel", "portable", "tph")  # ASCII: see above


def _may_hold_marked_handle(raw: str) -> bool:
    if "_" in raw or "." in raw:
        return True
    return any(ch.isdecimal() for ch in raw)


def _may_request_number(raw: str) -> bool:
    if not raw.isascii():
        return True
    lower = raw.lower()
    return any(word in lower for word in _REQUEST_WORDS)


def _schools(raw: str) -> list[tuple[int, int]]:
    spans: list[tuple[int, int]] = []
    for match in _SCHOOL.finditer(raw):
        name = match.group("name")
        words = re.findall(r"[\w'’]+", name)
        last = words[-1].lower() if words else ""
        head = words[0].lower() if words else ""
        linked = head in ("de", "du", "des", "d", "saint", "st", "ste", "sainte", "notre") or name[
            :2
        ].lower() in (
            "d'",
            "d’",
        )
        if not words or last in _SCHOOL_NOT_NAME or (head in _SCHOOL_NOT_NAME and not linked):
            continue
        capitalised = name[:1].isupper() or (linked and words[-1][:1].isupper())
        known = last in _NAME_WORDS or head in _NAME_WORDS
        if not (capitalised or known or linked):
            continue
        end = match.end("name")
        for extra in re.finditer(r"[\s\-]+([\w'’\-]+)", match.group("rest") or ""):
            word = extra.group(1)
            if word.lower() in _STOP_SCHOOL_END or word.lower() in _SCHOOL_NOT_NAME:
                break
            if word[:1].isupper() or word.lower() in _NAME_WORDS or known:
                end = match.start("rest") + extra.end()
            else:
                break
        spans.append((match.start(), end))
    return spans


def _addresses(raw: str) -> list[tuple[int, int]]:
    spans = []
    for match in _ADDRESS_NUM.finditer(raw):
        name = re.sub(r"^\d+\s*(?:bis|ter|b)?\s*,?\s*\S+\s+", "", match.group(0)).split()
        if (
            name
            and name[0].lower()
            not in _SCHOOL_NOT_NAME
            | {"de", "du", "des", "d'", "la", "le", "les"}
            | {
                "pour",
                "qui",
            }
        ) or (len(name) > 1 and name[0].lower() in ("de", "du", "des", "la", "le", "les", "de la")):
            spans.append(match.span())
    spans.extend(m.span() for m in _ADDRESS_WORDS.finditer(raw))
    spans.extend(m.span() for m in _ADDRESS_ALONE.finditer(raw))
    return spans


def _merge(spans: list[tuple[int, int]]) -> tuple[tuple[int, int], ...]:
    merged: list[tuple[int, int]] = []
    for start, end in sorted(spans):
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(end, merged[-1][1]))
        else:
            merged.append((start, end))
    return tuple(merged)


@lru_cache(maxsize=4096)
def find_contacts(raw: str) -> tuple[tuple[int, int], ...]:
    """Return the sorted, merged ``(start, end)`` spans of ``raw`` that give or ask for contact details.

    Covers phone numbers (digits in any grouping, ``+33``, spelled out), e-mails (incl. "arobase", "at",
    provider names), social handles and invitations to another app (fuzzy on spacing and leetspeak),
    street addresses and school names. Pure and cached; never raises.
    """
    if len(raw) > 4000:
        raw = raw[:4000]
    # Cheap gates on the folded text first: most chat lines have no digit, no platform and no street.
    folded = fold(raw)
    words = set(folded.split())
    compact = folded.replace(" ", "")
    spans: list[tuple[int, int]] = []
    digits = _ANY_DIGIT.search(raw) is not None
    if digits:
        spans.extend(_phones(raw))
    if len(words & _NUMBER_WORD_SET) >= 3 or (digits and words & _NUMBER_WORD_SET):
        spans.extend(_spelled_phones(raw))
    if "@" in raw or words & _EMAIL_GATE:
        spans.extend(m.span() for m in _EMAIL.finditer(raw))
        spans.extend(m.span() for m in _EMAIL_PROVIDER.finditer(raw))
    if "@" in raw or words & _SHORT_GATE or _has_platform_stem(compact) or ("/" in raw and "." in raw):
        spans.extend(_handles(raw))
    if words & _STREET_GATE:
        spans.extend(_addresses(raw))
    if words & _SCHOOL_GATE:
        spans.extend(_schools(raw))
    return _merge([(s, e) for s, e in spans if e > s])


_ANY_DIGIT = re.compile(r"\d")
_NUMBER_WORD_SET = frozenset(fold(w) for w in _NUMBER_WORDS if w != "et")
_EMAIL_GATE = frozenset(
    [
        "at",
        "arobase",
        "arrobase",
        "arobaz",
        "gmail",
        "hotmail",
        "yahoo",
        "outlook",
        "laposte",
        "orange",
        "wanadoo",
        "free",
        "sfr",
        "icloud",
        "live",
        "protonmail",
        "proton",
        "gmx",
        "aol",
    ]
)
_SHORT_GATE = frozenset(
    [
        "sc",
        "ig",
        "fb",
        "wa",
        "wtsp",
        "tlg",
        "kik",
        "tg",
        "dc",
        "ta",
        "gueule",
        "numero",
        "num",
        "nmr",
        "06",
        "07",
        "telephone",
        "portable",
        "tel",
        "tph",
        "mail",
        "email",
        "adresse",
        "e",
    ]
)
_PLATFORM_STEMS = (
    "snap",
    "sn",
    "insta",
    "inst",
    "tiktok",
    "tik",
    "telegram",
    "tele",
    "whatsap",
    "what",
    "wats",
    "discord",
    "disc",
    "facebook",
    "face",
    "messenger",
    "skype",
    "onlyfans",
    "twitter",
    "wizz",
    "insa",
)
_PLATFORM_STEM_RE = re.compile("|".join(re.escape(stem) for stem in _PLATFORM_STEMS))
_PLATFORM_STEM_AUTOMATON = ahocorasick.Automaton()
for _stem in _PLATFORM_STEMS:
    _PLATFORM_STEM_AUTOMATON.add_word(_stem, _stem)
_PLATFORM_STEM_AUTOMATON.make_automaton()


def _has_platform_stem(compact: str) -> bool:
    # Whether a platform stem occurs anywhere (what ``_PLATFORM_STEM_RE.search`` says), in one C pass.
    for _ in _PLATFORM_STEM_AUTOMATON.iter(compact):
        return True
    return False


_STREET_GATE = frozenset(
    fold(w)
    for w in [
        "rue",
        "avenue",
        "av",
        "bd",
        "boulevard",
        "allée",
        "allee",
        "impasse",
        "imp",
        "chemin",
        "ch",
        "place",
        "route",
        "rte",
        "quai",
        "cours",
        "square",
        "résidence",
        "residence",
        "cité",
        "cite",
        "lotissement",
        "lot",
        "chaussée",
        "chaussee",
        "passage",
        "sentier",
        "hameau",
        "lieu",
        "dit",
        "faubourg",
        "fg",
        "parvis",
        "esplanade",
        "voie",
    ]
)
_SCHOOL_GATE = frozenset(
    fold(w)
    for w in [
        "collège",
        "college",
        "colège",
        "clg",
        "lycée",
        "lycee",
        "lyc",
        "lycé",
        "école",
        "ecole",
        "lp",
        "cfa",
        "scolaire",
        "institution",
    ]
)


def mask(raw: str, spans: tuple[tuple[int, int], ...] | list[tuple[int, int]]) -> str:
    """Return ``raw`` with every ``(start, end)`` span replaced by :data:`MASK`."""
    out: list[str] = []
    pos = 0
    for start, end in sorted(spans):
        if start < pos:
            start = pos
        if end <= start:
            continue
        out.append(raw[pos:start])
        out.append(MASK)
        pos = end
    out.append(raw[pos:])
    return "".join(out)


# Every alternative starts with ``\b`` and a letter (``tests/safety/test_fast_paths.py`` checks it): the
# look-ahead ``(?=\w)`` changes no match and lets the regex engine skip the spaces quickly.
_REQUEST_SOURCE = (
    r"\b(?:ton|ta|tn|votre|t as|tu as|t'as|vous avez|donne|file|envoie|passe|balance|lache|laisse|c quoi|"
    r"c'est quoi|cest quoi|quel est) (?:moi |nous )?(?:ton |ta |votre |le |l )?"
    r"(?:numero|telephone|portable|06|07|snap|snapchat|insta|instagram|tiktok|telegram|whatsapp|discord|"
    r"facebook|mail|adresse|e mail|email)\b"
    r"|\b(?:t habites|tu habites|t habite|tu vis|t es|tu es|vous etes|vous habitez)(?: ou| dans quel| dans quelle| a quel)"
    r"|\b(?:quelle rue|ton adresse|l adresse exacte|quel lycee|quel college|quelle ecole|quel etablissement)\b"
)
_REQUEST = re.compile(rf"(?=\w)(?:{_REQUEST_SOURCE})")
_REQUEST_GATE = LiteralGate(_REQUEST)  # exact: the literals every alternative needs (see prefilter)


_NOTHING = Score(detector="contact")  # shared: most messages have no contact detail


class ContactDetector:
    """Scores ``contact_exchange`` and returns the spans to mask; emits ``MOVE_APP`` on a detail."""

    name = "contact"

    def score(self, message: NormalizedMessage, ctx: ConversationContext) -> Score:
        """1.0 with spans when the message gives contact details, 0.7 when it only asks for them."""
        spans = find_contacts(message.raw)
        if not spans and Signal.MOVE_APP in ctx.recent and len(message.tokens) <= 8:
            # A bare account name right after someone asked for one.
            spans = tuple(m.span() for m in _BARE_HANDLE.finditer(message.raw))
        if spans:
            return Score(
                detector=self.name,
                categories={Categories.CONTACT_EXCHANGE: 1.0},
                spans=tuple(Span(s, e, Categories.CONTACT_EXCHANGE) for s, e in spans),
                signals=frozenset({Signal.MOVE_APP}),
            )
        if _REQUEST_GATE.may_match(message.text) and _REQUEST.search(message.text):
            return Score(
                detector=self.name,
                categories={Categories.CONTACT_EXCHANGE: 0.7},
                signals=frozenset({Signal.MOVE_APP}),
            )
        return _NOTHING
