"""Fold French chat text so that detectors see one spelling per word.

Steps, in order: Unicode NFKC; drug/money/sex emoji to words; lower case; accents removed; apostrophes
and punctuation to spaces (``@``, ``€``, ``+`` kept); leetspeak decoded inside words that are mostly
letters ("sn4p", "1nsta", "p3d3"); elongations squeezed ("trooop" → "trop"); words spelled letter by letter
joined ("s n a p", "t.e.l.e.g.r.a.m" → "snap", "telegram"); common SMS spellings expanded ("slt", "tkt",
"jsp", "pk", "kel", ...); one-edit typos of group names spelt right ("muslmans" → "musulmans", see
:mod:`havre.safety.groups`). The raw text stays available next to the folded one.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

import ahocorasick

from havre.safety.groups import MISSPELLINGS
from havre.safety.types import NormalizedMessage

__all__ = ["EMOJI_WORDS", "SMS_WORDS", "fold", "normalize"]

#: Emoji used as code in drug, money and sex talk, and the word each one stands for.
EMOJI_WORDS: dict[str, str] = {
    "🍃": "weed",
    "🌿": "weed",
    "🍁": "weed",
    "🌱": "weed",
    "🥦": "weed",
    "🍫": "shit",
    "❄": "coke",
    "⛄": "coke",
    "🧊": "crystal",
    "💊": "cachet",
    "💉": "seringue",
    "🍄": "champi",
    "🔌": "plug",
    "💨": "fumee",
    "💰": "argent",
    "💸": "argent",
    "💵": "argent",
    "💶": "argent",
    "🤑": "argent",
    "🌹": "rose",
    "🍆": "bite",
    "🍑": "fesses",
    "💦": "sperme",
    "👅": "langue",
    "🔞": "porno",
    "🍒": "seins",
    "🍌": "bite",
    "😈": "coquin",
    "🔪": "couteau",
    "🔫": "flingue",
    "😂": "mdr",
    "🤣": "mdr",
    "😹": "mdr",
}

#: SMS and chat spellings, folded, and their expansion (also folded).
SMS_WORDS: dict[str, str] = {
    "slt": "salut",
    "cc": "coucou",
    "bjr": "bonjour",
    "bsr": "bonsoir",
    "tkt": "t inquiete",
    "tqt": "t inquiete",
    "jsp": "je sais pas",
    "jsais": "je sais",
    "chai": "je sais",
    "pk": "pourquoi",
    "pq": "pourquoi",
    "pkoi": "pourquoi",
    "pourquoa": "pourquoi",
    "kel": "quel",
    "kelle": "quelle",
    "kels": "quels",
    "koi": "quoi",
    "koa": "quoi",
    "ke": "que",
    "ki": "qui",
    "kan": "quand",
    "qd": "quand",
    "cmb": "combien",
    "cb": "combien",
    "cbn": "combien",
    "jsuis": "je suis",
    "chui": "je suis",
    "chuis": "je suis",
    "jsui": "je suis",
    "jss": "je suis",
    "jte": "je te",
    "jtm": "je t aime",
    "jtd": "je te dis",
    "jvais": "je vais",
    "jveux": "je veux",
    "jpeux": "je peux",
    "jai": "j ai",
    "jme": "je me",
    "jle": "je le",
    "ta": "ta",
    "tas": "t as",
    "tes": "tes",
    "bcp": "beaucoup",
    "stp": "s il te plait",
    "svp": "s il vous plait",
    "dsl": "desole",
    "ns": "nous",
    "vs": "vous",
    "dc": "donc",
    "pr": "pour",
    "pt": "peut",
    "ptet": "peut etre",
    "pe": "peut etre",
    "ac": "avec",
    "avc": "avec",
    "tt": "tout",
    "tjr": "toujours",
    "tjrs": "toujours",
    "auj": "aujourd hui",
    "ajd": "aujourd hui",
    "ajrd": "aujourd hui",
    "dm1": "demain",
    "2m1": "demain",
    "rdv": "rendez vous",
    "qqn": "quelqu un",
    "qqun": "quelqu un",
    "qqch": "quelque chose",
    "qlq": "quelque",
    "mm": "meme",
    "msg": "message",
    "msgs": "messages",
    "tel": "telephone",
    "tlf": "telephone",
    "tph": "telephone",
    "num": "numero",
    "nmr": "numero",
    "numr": "numero",
    "vrmt": "vraiment",
    "vrm": "vraiment",
    "keske": "qu est ce que",
    "kesk": "qu est ce que",
    "ya": "il y a",
    "y a": "il y a",
    "bb": "bebe",
    "mrc": "merci",
    "mci": "merci",
    "oklm": "au calme",
    "pcq": "parce que",
    "pck": "parce que",
    "psk": "parce que",
    "paske": "parce que",
    "bg": "beau gosse",
    "osef": "on s en fout",
    "askip": "a ce qu il parait",
    "wsh": "wesh",
    "ntm": "nique ta mere",
    "fdp": "fils de pute",
    "tg": "ta gueule",
    "vtf": "va te faire foutre",
    "mtn": "maintenant",
    "mnt": "maintenant",
    "insta": "insta",
    "snp": "snap",
    "whatsap": "whatsapp",
    "wtsp": "whatsapp",
    "wa": "whatsapp",
    "tiktk": "tiktok",
    "tlg": "telegram",
}

# The last step's one look-up per word: SMS spellings, and typos of group names (an SMS spelling wins).
_WORD_MAP: dict[str, str] = {**MISSPELLINGS, **SMS_WORDS}

_LEET = str.maketrans(
    {"0": "o", "1": "i", "3": "e", "4": "a", "5": "s", "7": "t", "@": "a", "$": "s", "!": "i"}
)
_NOT_KEPT = re.compile(r"[^a-z0-9@€+ ]+")
_SPACES = re.compile(r"\s+")
# The leading look-aheads below only restate what a match starts with: they change no match, and let the
# regex engine drop most positions early.
_ELONGATED = re.compile(r"(?=([a-z])\1\1)([a-z])\2{2,}")
# Four or more single letters separated by spaces, dots, dashes, underscores or stars: "s n a p". The last
# one is not an elided word ("l e s n'ont" is "les n'ont", not "lesn ont").
_SPELLED = re.compile(r"(?=[a-z][ ._*\-])(?<![a-z0-9])(?:[a-z][ ._*\-]{1,3}){3,}[a-z](?![a-z0-9'’])")
# Three or more single letters separated by dots, dashes or stars (no spaces needed): "t.e.l.e.g.r.a.m".
_DOTTED = re.compile(r"(?<![a-z0-9])(?:[a-z][._*\-]){2,}[a-z](?![a-z0-9])")
_LEET_CHARS = frozenset("013457@$!")
# A number with its unit is a quantity, not leetspeak: "30min", "2h30", "300mg", "15ans", "3eme".
_QUANTITY = re.compile(
    r"\d+(?:[.,]\d+)?(?:min|mn|mins|minutes?|h|h\d+|heures?|mg|ml|cl|kg|km|cm|gr?|ans?|eme|ieme|er|e|eur|euros?|"
    r"k|m|l|x|s|j|jours?|sec|p|pers)?$"
)


# Combining marks (what NFD splits accents into); the ones ``unicodedata.combining`` reports as non-zero.
_COMBINING = re.compile(
    "[" + "".join(chr(c) for c in range(0x300, 0x10000) if unicodedata.combining(chr(c))) + "]"
)


def _strip_accents(text: str) -> str:
    if text.isascii():
        return text
    decomposed = unicodedata.normalize("NFD", text)
    if decomposed.isascii():
        return decomposed
    return _COMBINING.sub("", decomposed)


_EMOJI_OR_SYMBOL = re.compile("[\u2001-\U0010ffff]")


def _deleet(token: str) -> str:
    # Decode only words that are mostly letters: "sn4p" and "1nsta" yes, "3g", "20e", "18h30", "30min" no.
    if _LEET_CHARS.isdisjoint(token) or _QUANTITY.match(token):
        return token
    letters = 0
    for ch in token:  # the letters a-z (a loop: cheaper than counting regex matches)
        if "a" <= ch <= "z":
            letters += 1
    if letters >= 2 and letters >= len(token) - letters:
        return token.translate(_LEET)
    return token


# Exact pre-checks for two passes of :func:`fold`, much cheaper than the patterns on ordinary text:
# - an elongation needs a letter three times in a row (one Aho-Corasick scan for "aaa" ... "zzz");
# - a spelled-out word has four single letters or more, and the inner ones have a separator on both sides,
#   so with separators turned to spaces at least two words are single letters;
# - the punctuation pass then only turns characters into spaces, and the last step splits on spaces, so on
#   ASCII text a byte table that turns each such character into a space gives the same words as the regex
#   (``bytes.translate`` runs at memory speed; ``str.translate`` looks every character up in a dict).
_TRIPLES = ahocorasick.Automaton()
for _letter in "abcdefghijklmnopqrstuvwxyz":
    _TRIPLES.add_word(_letter * 3, _letter)
_TRIPLES.make_automaton()
_ASCII_NOT_KEPT = bytes(c if re.match(r"[a-z0-9@+ ]", chr(c)) else 32 for c in range(256))


def _may_be_elongated(text: str) -> bool:
    if text.isascii():  # a loop over the bytes (compiled) is cheaper than starting a scan
        data = text.encode("ascii")
        run = 1
        for i in range(1, len(data)):
            byte = data[i]
            if byte == data[i - 1] and 97 <= byte <= 122:  # the same letter a-z again
                run += 1
                if run == 3:
                    return True
            else:
                run = 1
        return False
    for _ in _TRIPLES.iter(text):
        return True
    return False


def _may_be_spelled(text: str) -> bool:
    singles = 0
    for word in text.replace(".", " ").replace("_", " ").replace("*", " ").replace("-", " ").split():
        if len(word) == 1 and "a" <= word <= "z":
            singles += 1
            if singles >= 2:
                return True
    return False


def _join(match: re.Match[str]) -> str:
    return "".join(ch for ch in match.group(0) if ch.isalpha())


@lru_cache(maxsize=4096)
def fold(raw: str) -> str:
    """Return the folded form of ``raw`` (see the module docstring); pure and cached."""
    text = raw if raw.isascii() else unicodedata.normalize("NFKC", raw)
    if not text.isascii() and _EMOJI_OR_SYMBOL.search(text):
        text = "".join(f" {EMOJI_WORDS[ch]} " if ch in EMOJI_WORDS else ch for ch in text)
    text = _strip_accents(text.lower())
    if not text.isascii():
        text = text.replace("œ", "oe").replace("æ", "ae").replace("ß", "ss")
    if "." in text or "-" in text or "_" in text or "*" in text:  # a dotted word needs one of them
        text = _DOTTED.sub(_join, text)
    if _may_be_spelled(text):
        text = _SPELLED.sub(_join, text)
    # Leetspeak is decoded in words stripped of their punctuation ("sn4p!" is "snap"). A word with no leet
    # character is kept as it is: its punctuation becomes spaces below, as the strip would have removed it.
    leet = _LEET_CHARS.isdisjoint
    punctuation = ".,;:!?()[]{}\"'«»…"
    text = " ".join(
        [word if leet(word) else _deleet(word.strip(punctuation)) for word in text.replace("/", " ").split()]
    )
    if text.isascii():
        text = text.encode("ascii").translate(_ASCII_NOT_KEPT).decode("ascii")
    else:
        text = _NOT_KEPT.sub(" ", text)
    if _may_be_elongated(text):
        text = _ELONGATED.sub(r"\2", text)
    get = _WORD_MAP.get
    return " ".join([get(word, word) for word in text.split()]).strip()


def normalize(raw: str) -> NormalizedMessage:
    """Build the :class:`NormalizedMessage` of ``raw``; never raises."""
    text = fold(raw)
    tokens = tuple(text.split())
    return NormalizedMessage(raw=raw, text=text, tokens=tokens, compact="".join(tokens))
