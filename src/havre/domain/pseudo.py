"""Pseudo rules: what a pseudo may contain, how two pseudos are compared, and which are refused.

Two pseudos are the same when their *keys* are equal: Unicode compatibility forms folded (NFKC), case
folded, accents removed, and characters that look like Latin letters (Cyrillic, Greek) mapped to them, so
"Élodie", "ELODIE" and "Еlodie" (Cyrillic Е) share one key.
"""

from __future__ import annotations

import enum
import re
import unicodedata

MIN_LENGTH = 3
MAX_LENGTH = 20

# Letters that render like Latin ones (after case folding), from Unicode's confusables for Cyrillic and
# Greek; enough to stop the common impersonation tricks.
_CONFUSABLES = str.maketrans(
    {
        "а": "a", "в": "b", "е": "e", "ё": "e", "к": "k", "м": "m", "н": "h", "о": "o", "р": "p",
        "с": "c", "т": "t", "у": "y", "х": "x", "і": "i", "ї": "i", "ј": "j", "ѕ": "s", "ԁ": "d",
        "ԛ": "q", "ԝ": "w", "ɡ": "g", "ı": "i", "ȷ": "j",
        "α": "a", "β": "b", "ε": "e", "η": "n", "ι": "i", "κ": "k", "ν": "v", "ο": "o", "ρ": "p",
        "τ": "t", "υ": "u", "χ": "x", "ω": "w", "ζ": "z", "μ": "u",
        "ß": "ss", "æ": "ae", "œ": "oe", "ø": "o", "ð": "d", "þ": "th", "ł": "l", "đ": "d",
    }
)  # fmt: skip


# Capitals first: once case-folded, Greek "Ν" (N) would read as "ν" (v).
_UPPER_CONFUSABLES = str.maketrans(
    {
        "А": "A", "В": "B", "Е": "E", "К": "K", "М": "M", "Н": "H", "О": "O", "Р": "P", "С": "C",
        "Т": "T", "У": "Y", "Х": "X", "І": "I", "Ј": "J", "Ѕ": "S",
        "Α": "A", "Β": "B", "Ε": "E", "Ζ": "Z", "Η": "H", "Ι": "I", "Κ": "K", "Μ": "M", "Ν": "N",
        "Ο": "O", "Ρ": "P", "Τ": "T", "Υ": "Y", "Χ": "X",
    }
)  # fmt: skip


class PseudoProblem(enum.Enum):
    """Why a pseudo is refused."""

    LENGTH = "length"
    CHARACTERS = "characters"
    TARGETING = "targeting"


def pseudo_key(pseudo: str) -> str:
    """The comparison key of a pseudo: equal keys mean the same pseudo."""
    text = (
        unicodedata.normalize("NFKC", pseudo).translate(_UPPER_CONFUSABLES).casefold().translate(_CONFUSABLES)
    )
    stripped = "".join(c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c))
    return stripped.translate(_CONFUSABLES).replace("-", "_")


def _allowed(char: str) -> bool:
    return char.isalpha() or char.isdigit() or char in "_-"


# Words that, in a pseudo, advertise an age or sexual target. Matched on whole tokens (split on digits,
# separators and case changes) to leave "adorable" or "Tornado" alone; the long ones anywhere.
_TARGETING_TOKENS = frozenset(
    {
        "ado", "ados", "adolescent", "adolescente", "jf", "jh", "jfille", "teen", "teens", "minet",
        "minette", "jeunette", "jeunot", "mineur", "mineure", "mineurs", "collegien", "collegienne",
        "lyceen", "lyceenne", "lolita", "lolitas", "daddy", "sugar", "cul", "sexe", "sexy", "sex",
        "hot", "nude", "nudes", "nue", "nu", "bite", "chatte", "baise", "baiser", "baiseur", "salope",
        "soumise", "soumis", "coquin", "coquine", "chaud", "chaude", "cam", "webcam", "escort", "pedo",
        "pedophile", "porn", "porno", "plan", "tbm", "bbc", "dom", "maitre", "esclave", "fetiche",
    }
)  # fmt: skip
_TARGETING_ANYWHERE = (
    "cherche",
    "lolita",
    "pedo",
    "porn",
    "plancul",
    "sugardad",
    "jeunefille",
    "jeunegarcon",
    "petitefille",
    "petitgarcon",
    "pourado",
    "pourjf",
    "pourjh",
    "salope",
    "baise",
    "sexe",
    "escort",
)
_AGE_IN_PSEUDO = re.compile(r"\d{1,2}_?ans|ans\d{1,2}")
_TOKEN_SPLIT = re.compile(r"[_\d]+|(?<=[a-z])(?=[A-Z])")
_LEET = str.maketrans({"0": "o", "1": "i", "3": "e", "4": "a", "5": "s", "7": "t", "@": "a", "$": "s"})


def pseudo_problem(pseudo: str) -> PseudoProblem | None:
    """Why ``pseudo`` may not be used, or ``None`` when it may.

    Rules: 3 to 20 characters; letters (accents allowed), digits, ``_`` and ``-`` only; nothing that
    targets an age or advertises sex ("cherche_ado", "papa_pour_jf", "jf_15ans").
    """
    normalized = unicodedata.normalize("NFKC", pseudo)
    if not MIN_LENGTH <= len(normalized) <= MAX_LENGTH:
        return PseudoProblem.LENGTH
    if not all(_allowed(c) for c in normalized):
        return PseudoProblem.CHARACTERS
    if not any(c.isalpha() for c in normalized):
        return PseudoProblem.CHARACTERS
    key = pseudo_key(normalized)
    if _AGE_IN_PSEUDO.search(key):
        return PseudoProblem.TARGETING
    spaced = pseudo_key(_TOKEN_SPLIT.sub("_", normalized.replace("-", "_")))
    tokens = [t for t in spaced.split("_") if t]
    if any(t in _TARGETING_TOKENS for t in tokens):
        return PseudoProblem.TARGETING
    squashed = key.replace("_", "")
    deleeted = squashed.translate(_LEET)
    if any(word in squashed or word in deleeted for word in _TARGETING_ANYWHERE):
        return PseudoProblem.TARGETING
    return None
