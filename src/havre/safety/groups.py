"""Names of the groups people are attacked for, and their misspellings.

A group's name is read the same way by every detector: the normalizer (:func:`havre.safety.normalize.fold`)
rewrites a misspelt name to its spelling here ("muslmans", "refgies", "trnas" → "musulmans", "refugies",
"trans"), so the model's shared group token and the lexicon's identity words both see it.

Misspellings are not listed by hand: :data:`MISSPELLINGS` holds every *one-edit typo* of every name,
generated at import (Damerau, "A technique for computer detection and correction of spelling errors",
CACM 1964: most misspellings are one deletion, insertion, substitution or swap of adjacent letters). The
first letter is kept (it is the letter typists get wrong least often), and the longer a name the more
kinds of edit it tolerates, because a short name is one edit away from many other words:

- names of five letters: two adjacent letters swapped ("trnas"), a letter doubled ("homoss");
- six letters or more: also a letter left out ("femms", "refgie");
- seven letters or more: also a letter replaced ("muzulmans", "migrqnts").

A typo that is itself another word is left alone: an ordinary French word (:data:`DICTIONARY_WORDS`,
e.g. "artiste" next to "autiste", "refuge" next to "refugie", "noire" next to "noires"), a word with another
sense that is left out of the names on purpose (:data:`OTHER_SENSES`), or a chat word, proper noun or
English word seen in French chat (:data:`CHAT_WORDS`, e.g. "juves" for Juventus fans).
"""

from __future__ import annotations

import string
from collections.abc import Iterable

__all__ = [
    "CHAT_WORDS",
    "DICTIONARY_WORDS",
    "GROUP_WORDS",
    "MISSPELLINGS",
    "OTHER_SENSES",
    "dictionary_collisions",
    "typo_variants",
]

# Names of groups people are attacked for (folded, singular and plural). Hate training data (HateCheck)
# uses the same names in its hateful and its harmless sentences, but mostly in hateful ones (70 %): a model
# that sees the names learns "musulmans" → hate. The model featurizes them as one shared token (see
# ``havre.safety.model``), so they carry no weight of their own and the model must read what is *said*
# about the group. (Dixon et al., "Measuring and Mitigating Unintended Bias in Text Classification",
# AIES 2018, on identity terms.)
GROUP_WORDS = frozenset(
    (
        "gay", "gays", "gai", "gais", "homo", "homos", "homosexuel", "homosexuels", "homosexuelle",
        "homosexuelles", "lesbienne", "lesbiennes", "bisexuel", "bisexuels", "bisexuelle", "bisexuelles",
        "trans", "transgenre", "transgenres", "transsexuel", "transsexuels", "transsexuelle",
        "transsexuelles",
        "queer", "queers", "lgbt", "lgbtq", "lgbtqi", "pansexuel", "pansexuelle", "asexuel", "asexuelle",
        "noirs", "noires", "blacks", "renoi", "renois", "arabe", "arabes", "rebeu", "rebeus", "beur", "beurs",
        "maghrebin", "maghrebins", "maghrebine", "maghrebines", "juif", "juifs", "juive", "juives", "feuj",
        "feujs", "musulman", "musulmans", "musulmane", "musulmanes", "chretien", "chretiens", "chretienne",
        "chretiennes", "asiatique", "asiatiques", "roms", "gitan", "gitans", "gitane", "gitanes", "tziganes",
        "migrant", "migrants", "migrante", "migrantes", "immigre", "immigres", "immigree", "immigrees",
        "refugie", "refugies", "refugiee", "refugiees", "etrangers", "etrangeres", "handicape", "handicapes",
        "handicapee", "handicapees", "autiste", "autistes", "africain", "africains", "africaine",
        "africaines",
        "femmes",
    )
)  # fmt: skip

#: Words with a common other meaning in chat, left out of :data:`GROUP_WORDS` on purpose ("noir" the
#: colour, "bi", "femme" in "ma femme", "black" in "black friday", "à l'étranger"); a typo of a name that
#: spells one of them is that word.
OTHER_SENSES = frozenset(("noir", "noire", "black", "bi", "femme", "rom", "etranger", "etrangere"))

#: Ordinary French words one edit away from a name (see :func:`typo_variants`): every such word of a
#: French dictionary (Debian's ``wfrench``, folded; regenerate with :func:`dictionary_collisions`,
#: ``tests/safety/test_groups.py`` checks this list against the dictionary when it is installed).
DICTIONARY_WORDS = frozenset(
    (
        "altiste", "artiste", "artistes", "asexue", "asexuee", "asexues", "astatique", "autisme", "bisexue",
        "bisexuee", "bisexuees", "bisexues", "bissexuel", "bissexuelle", "bissexuelles", "chretiente",
        "etranges", "etrangetes", "gitames", "gitas", "gitates", "handicap", "handicapa", "handicapas",
        "handicaper", "handicapez", "handicaps", "immigra", "immigras", "immigrer", "immigrez", "migrait",
        "migrat", "migrates", "migrent", "mirant", "noies", "rebus", "refuge", "refuges", "refugia",
        "refugias", "refugier", "refugiez", "refuie", "refuies", "tsiganes", "tzigane",
    )
)  # fmt: skip

#: Chat words, proper nouns and English words one edit away from a name that a French dictionary does not
#: hold (read from the list of typos, not from any test set).
CHAT_WORDS = frozenset(("backs", "juves", "juvie", "juvies", "renos", "tarns"))

_LETTERS = string.ascii_lowercase
_SWAP_FROM = 5  # letters a name needs for swaps and doubled letters
_DELETE_FROM = 6  # ... for a letter left out
_REPLACE_FROM = 7  # ... for a letter replaced


def typo_variants(name: str) -> frozenset[str]:
    """Every one-edit typo of ``name`` (folded, lower-case ASCII) that keeps its first letter: adjacent
    letters swapped and a letter doubled (names of five letters or more), a letter left out (six or more),
    a letter replaced (seven or more). ``name`` itself is not included; short names have none."""
    n = len(name)
    out: set[str] = set()
    if n >= _SWAP_FROM:
        out.update(name[:i] + name[i + 1] + name[i] + name[i + 2 :] for i in range(1, n - 1))
        out.update(name[:i] + name[i] + name[i:] for i in range(1, n))
    if n >= _DELETE_FROM:
        out.update(name[:i] + name[i + 1 :] for i in range(1, n))
    if n >= _REPLACE_FROM:
        out.update(name[:i] + c + name[i + 1 :] for i in range(1, n) for c in _LETTERS)
    out.discard(name)
    return frozenset(out)


def dictionary_collisions(words: Iterable[str]) -> frozenset[str]:
    """The folded ``words`` that are a typo of a name (:func:`typo_variants`) without being a name: what
    :data:`DICTIONARY_WORDS` must hold for a dictionary's words (``words`` must already be folded)."""
    typos = {typo for name in GROUP_WORDS for typo in typo_variants(name)} - GROUP_WORDS
    return frozenset(word for word in words if word in typos) - OTHER_SENSES


def _misspellings() -> dict[str, str]:
    excluded = GROUP_WORDS | OTHER_SENSES | DICTIONARY_WORDS | CHAT_WORDS
    out: dict[str, str] = {}
    # Sorted, so that a typo of two names (rare: "juifs" and "juive" share none) maps to the same one in
    # every process.
    for name in sorted(GROUP_WORDS):
        for typo in typo_variants(name):
            if typo not in excluded:
                out.setdefault(typo, name)
    return out


#: Each one-edit typo of a group's name → the name (see the module docstring); about 14,000 entries.
MISSPELLINGS: dict[str, str] = _misspellings()
