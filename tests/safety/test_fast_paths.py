"""The detectors' shortcuts (gates, lazy patterns, reduced rules) give exactly what the full rules give."""

from __future__ import annotations

import re
import re._constants as sre_constants
import re._parser as sre_parse
from collections.abc import Iterator
from pathlib import Path

import pytest

from havre.domain.verdict import Setting, SpaceAudience
from havre.safety import contact, lexicon, normalize, patterns, prefilter
from havre.safety.dataset import load_conversations
from havre.safety.types import ConversationContext

from .conftest import SHARED

_SYNTHETIC = (
    Path(__file__).resolve().parents[2] / "src" / "havre" / "safety" / "data" / "train_synthetic.jsonl"
)

# Hand-written lines that reach the price, menu, roses, dotted and spelled-out rules.
_CRAFTED = [
    "t=6340234829068;salut tout le monde, quelqu'un a vu le match hier soir ? 17",
    "dispo ce soir 100 roses la demi heure, 150 l'heure",
    "30min/1h 80 et 150",
    "30 min ou 1h, 50€ la demi",
    "300€ par rencontre",
    "100 la soirée à l'hôtel",
    "10g à 60 balles",
    "le bouquet de 12 roses coûte 40€",
    "rose rose 20",
    "2 pochons = 20",
    "ajoute moi s.n.a.p",
    "s n a p : lea_06",
    "t.e.l.e.g.r.a.m",
    "coooool à 20h30",
    "Œuvre d'art à 12€",
    "18h30 devant le collège",
    "50 e chacun",
    "€20e",
    "le match 3-1, score 2*2 et x_y",
]


def _texts() -> Iterator[str]:
    yield from _CRAFTED
    for conversation in load_conversations(_SYNTHETIC):
        for message in conversation.messages:
            yield message.text
    dev = SHARED / "data" / "safety-dev" / "conversations.jsonl"
    if dev.is_file():
        for conversation in load_conversations(dev):
            for message in conversation.messages:
                yield message.text


@pytest.fixture(scope="module")
def texts() -> list[str]:
    """Every message of the synthetic corpus (and the dev set when present), plus crafted lines."""
    return list(_texts())


def test_price_rules_alone_match_the_full_rules(texts: list[str]) -> None:
    """With no lexicon feature, the reduced price rules give what the full combination gives."""
    ctxs = [
        ConversationContext(Setting.ROOM, SpaceAudience.ADULTS, 30),
        ConversationContext(Setting.PM, SpaceAudience.MINORS, 40, 14),
    ]
    checked = 0
    for text in texts:
        folded = normalize.fold(text)
        if lexicon.features(folded) or lexicon._DIGIT.search(folded) is None:
            continue
        checked += 1
        for ctx in ctxs:
            assert lexicon._combine_prices(folded) == lexicon._combine({}, folded, ctx), text
    assert checked > 50


def test_fold_gates_change_nothing(texts: list[str]) -> None:
    """Skipping the dotted-word pass when no separator is present folds every message the same."""
    for text in texts:
        lowered = normalize._strip_accents(text.lower())
        if not ("." in lowered or "-" in lowered or "_" in lowered or "*" in lowered):
            assert normalize._DOTTED.search(lowered) is None, text


def _first_items(
    items: sre_parse.SubPattern | list[tuple[object, object]],
) -> Iterator[tuple[object, object]]:
    # The first element of each alternative, descending into groups and alternations.
    seq = list(items)
    if not seq:
        yield (None, None)
        return
    op, arg = seq[0]
    if op is sre_constants.BRANCH:
        for alternative in arg[1]:  # type: ignore[index]
            yield from _first_items(alternative)
    elif op is sre_constants.SUBPATTERN:
        yield from _first_items(arg[-1])  # type: ignore[index]
    else:
        yield (op, arg)


def _starts(
    items: sre_parse.SubPattern | list[tuple[object, object]],
) -> Iterator[list[tuple[object, object]]]:
    # Each alternative as a flat sequence of elements (groups and alternations at the front expanded).
    seq = list(items)
    if seq and seq[0][0] is sre_constants.BRANCH:
        for alternative in seq[0][1][1]:  # type: ignore[index]
            yield from _starts(list(alternative) + seq[1:])
    elif seq and seq[0][0] is sre_constants.SUBPATTERN:
        yield from _starts(list(seq[0][1][-1]) + seq[1:])  # type: ignore[index]
    else:
        yield seq


@pytest.mark.parametrize(
    ("name", "source"),
    [
        *((signal.value, pattern.pattern) for signal, pattern in patterns.STAGE_PATTERNS.items()),
        ("contact request", contact._REQUEST_SOURCE),
        ("winter", lexicon._WINTER.pattern.removeprefix("(?=\\w)")),
    ],
)
def test_patterns_with_a_word_lookahead_start_at_a_word_character(name: str, source: str) -> None:
    """Each alternative of the patterns searched behind ``(?=\\w)`` is ``\\b`` then a word character,
    so the look-ahead never hides a match."""
    word = re.compile(r"\w")
    for alternative in _starts(sre_parse.parse(source)):
        assert alternative, name
        op, arg = alternative[0]
        assert op is sre_constants.AT and arg is sre_constants.AT_BOUNDARY, (name, alternative[:3])
        for first_op, first_arg in _first_items(alternative[1:]):
            assert first_op is sre_constants.LITERAL, (name, alternative[:3])
            assert word.fullmatch(chr(first_arg)), (name, alternative[:3])  # type: ignore[arg-type]


def test_stage_precheck_agrees_with_the_patterns(texts: list[str]) -> None:
    """The combined pre-check fires exactly when one of the stage patterns does."""
    for text in texts:
        folded = normalize.fold(text)
        any_pattern = any(p.search(folded) for p in patterns.STAGE_PATTERNS.values())
        assert (patterns._ANY_STAGE.search(folded) is not None) == any_pattern, text


def test_lookahead_prefixed_fold_patterns_match_the_plain_ones(texts: list[str]) -> None:
    """The elongation and spelled-out-word patterns with their look-aheads rewrite text as the plain ones."""
    elongated = re.compile(r"([a-z])\1{2,}")
    spelled = re.compile(r"(?<![a-z0-9])(?:[a-z][ ._*\-]{1,3}){3,}[a-z](?![a-z0-9])")
    for text in [*texts, "coooool", "s n a p", "s.n.a.p", "a b c d e", "zzz aaa b-c-d-e"]:
        lowered = normalize._strip_accents(text.lower())
        assert normalize._SPELLED.sub(normalize._join, lowered) == spelled.sub(normalize._join, lowered)
        assert normalize._ELONGATED.sub(r"\2", lowered) == elongated.sub(r"\1", lowered)


def test_lookahead_prefixed_context_patterns_agree(texts: list[str]) -> None:
    """The contact-request and winter patterns find what they found without their look-aheads."""
    request = re.compile(contact._REQUEST_SOURCE)
    winter = re.compile(lexicon._WINTER.pattern.removeprefix("(?=\\w)"))
    for text in texts:
        folded = normalize.fold(text)
        assert (contact._REQUEST.search(folded) is None) == (request.search(folded) is None), text
        assert (lexicon._WINTER.search(folded) is None) == (winter.search(folded) is None), text


def test_digit_run_lookahead_finds_the_same_runs(texts: list[str]) -> None:
    """The phone-number scan with its look-ahead finds the same runs as without it."""
    plain = re.compile(r"(?:\+|00)?\s?\(?\d[\d\s.\-/()]{6,22}\d")
    for text in [*texts, "+33 6 12 34 56 78", "0033 (0)6 12 34 56 78", " 06.12.34.56.78", "tel: 0612345678"]:
        assert [m.span() for m in contact._DIGIT_RUN.finditer(text)] == [
            m.span() for m in plain.finditer(text)
        ], text


def test_spam_shortcuts_score_as_the_full_count(texts: list[str]) -> None:
    """Skipping the upper-case count on lower-case text and the emoji count on ASCII text changes no score."""
    for text in [
        *texts,
        "ACHETEZ MAINTENANT ÇA VAUT LE COUP",
        "😂😂😂😂 mdr",
        "ǅ ǅ ǅ ǅ ǅ ǅ ǅ ǅ ǅ ǅ ǅ ǅ ǅ ǅ ǅ ǅ ǅ ǅ ǅ ǅ",
    ]:
        raw = text[:4000]
        if raw.islower():
            assert not any(map(str.isupper, raw)), text
        if raw.isascii():
            assert not patterns._EMOJI.findall(raw), text


def test_possessive_price_patterns_find_the_same_texts(texts: list[str]) -> None:
    """The price patterns with look-aheads and possessive digit runs match exactly the texts the plain
    ones match."""
    price = re.compile(r"\b\d+(?:[.,]\d+)?\s?(?:€|eur|euro|euros|balles|boules)(?!\w)|\b\d{2,}e\b|€\s?\d+")
    coded = re.compile(
        r"\b\d+(?:[.,]\d+)?\s?(?:g|gr|gramme|grammes|pochon|pochons|bar|barrette|barrettes|p|pilule|pilules|"
        r"cachet)\s?(?:a|=|pour|le|les|:|-)?\s?\d+(?:[.,]\d+)?\s?(?:e|€|eur|euros|balles|boules)?\b"
    )
    extra = [
        "1234567 euros",
        "20e",
        "€ 30",
        "12,5€",
        "10g a 60",
        "3 pochons 20",
        "100000000000e",
        "2.5 g = 40e",
    ]
    for text in [*texts, *extra]:
        folded = normalize.fold(text)
        assert (lexicon._PRICE.search(folded) is None) == (price.search(folded) is None), text
        assert (lexicon._CODED_PRICE.search(folded) is None) == (coded.search(folded) is None), text


def test_number_word_trie_finds_the_same_runs(texts: list[str]) -> None:
    """The spelled-out phone scan with its words factored into a trie finds the same runs as the list."""
    words = "|".join(sorted(contact._NUMBER_WORDS, key=len, reverse=True))
    plain = re.compile(r"(?<![\w])(?:(?:" + words + r"|\d{1,2})(?:[\s,.\-]+|$)){5,}", re.IGNORECASE)
    extra = [
        "zéro six douze trente-quatre cinquante-six soixante-dix-huit",
        "ZERO SIX 12 34 56 78",
        "zero sept, un, une, vingt et un, cent",
        "quelqu'un un deux trois quatre cinq six sept huit neuf dix onze douze",
        "cinquante cinq quarante quatre trente trois vingts vingt seize",
    ]
    for text in [*texts, *extra]:
        assert [m.span() for m in contact._NUMBER_RUN.finditer(text)] == [
            m.span() for m in plain.finditer(text)
        ], text


_GATED = [
    ("stages", patterns._STAGE_GATE, patterns._ANY_STAGE),
    ("contact request", contact._REQUEST_GATE, contact._REQUEST),
    ("winter", lexicon._WINTER_GATE, lexicon._WINTER),
]


@pytest.mark.parametrize(("name", "gate", "pattern"), _GATED, ids=[g[0] for g in _GATED])
def test_literal_gates_never_close_on_a_match(
    texts: list[str], name: str, gate: prefilter.LiteralGate, pattern: re.Pattern[str]
) -> None:
    """A literal gate is closed only on texts its pattern does not match (and it does close on most)."""
    closed = 0
    for text in texts:
        folded = normalize.fold(text)
        if not gate.may_match(folded):
            closed += 1
            assert pattern.search(folded) is None, (name, text)
    assert closed > len(texts) // 2, name


def test_required_literals_of_small_patterns() -> None:
    """Literal runs, alternations, repeats and flattened groups give the sets a match must contain."""
    found = prefilter.required_literals(re.compile(r"\b(?:t as|tu as) quel age\b|\bskins?\b|(?:ab)+c|x?yz"))
    assert found == [
        # The regex parser factors the common "t" out of the alternation.
        [frozenset({"t"}), frozenset({" as", "u as"}), frozenset({" quel age"})],
        [frozenset({"skin"})],
        [frozenset({"ab"}), frozenset({"c"})],
        [frozenset({"yz"})],
    ]
    assert prefilter.required_literals(re.compile(r"a|\w+")) == [[frozenset({"a"})], []]
    with pytest.raises(ValueError, match="no required literal"):
        prefilter.LiteralGate(re.compile(r"a|\w+"), prefilter.SharedScan())
    with pytest.raises(ValueError, match="case-insensitive"):
        prefilter.required_literals(re.compile("abc", re.IGNORECASE))


def test_literal_gate_needs_every_kept_requirement() -> None:
    """The gate opens only when one alternative finds a literal of each of its sets."""
    pattern = re.compile(r"\bje (?:t|te) (?:offre|paie)\b|\bcadeau\b")
    gate = prefilter.LiteralGate(pattern, prefilter.SharedScan())
    assert gate.may_match("je te paie")
    assert gate.may_match("un cadeau")
    assert not gate.may_match("je sais pas")  # "je " alone is not enough
    assert not gate.may_match("il offre")  # "offre" alone neither


def test_shared_scan_serves_every_owner_from_one_pass() -> None:
    """Each owner gets its own payloads from one scan of the padded text; the last text's hits are kept, and
    a registration after a scan rebuilds the automaton."""
    scan = prefilter.SharedScan()
    first = scan.register({"snap": "platform", " ta ": "word"})
    second = scan.register({"snap": 2})
    hits = scan.hits("ta snap")
    # " ta " is found thanks to the padding; "snap" carries both owners' payloads.
    assert [(end, payloads) for end, payloads in hits] == [
        (3, ((first, "word"),)),
        (7, ((first, "platform"), (second, 2))),
    ]
    assert scan.hits("ta snap") is hits  # the same text again: not scanned again
    assert scan.hits("rien") == []
    third = scan.register({"rien": None})
    assert scan.hits("rien") == [(4, ((third, None),))]  # ends are inclusive indices of " rien "
    with pytest.raises(ValueError, match="empty literal"):
        scan.register({"": None})


def test_gates_and_lexicon_share_the_scan_of_a_message() -> None:
    """The lexicon and a gate asking about the same text read the same scan (one pass per message)."""
    text = normalize.fold("t'es seule chez toi ? envoie une photo sur snap")
    found = lexicon.features(text)
    hits = prefilter.SHARED_SCAN.hits(text)
    assert patterns._STAGE_GATE.may_match(text)
    assert prefilter.SHARED_SCAN.hits(text) is hits
    assert found == lexicon.features(text)


def test_price_hints_never_hide_a_price(texts: list[str]) -> None:
    """The cheap price and coded-price checks give what the full patterns give."""
    extra = ["20e", "12,5 €", "3 euros", "40 balles", "10 boules", "€30", "10g a 60", "2.5 g = 40e", "3 p 20"]
    for text in [*texts, *extra]:
        folded = normalize.fold(text)
        assert lexicon._has_price(folded) == (lexicon._PRICE.search(folded) is not None), text
        assert lexicon._has_coded_price(folded) == (lexicon._CODED_PRICE.search(folded) is not None), text


def test_handle_pattern_checks_never_hide_a_match(texts: list[str]) -> None:
    """The pre-checks in front of three patterns of ``_handles`` are closed only on texts the pattern does not
    match (raw texts, as ``_handles`` sees them), and close on most texts."""
    extra = [
        "ajoute moi lea.x.15 sur snap",
        "TON NUMERO stp",
        "donne moi ton tél",
        "c quoi ton Téléphone",
        "rejoins https://t.me/xyz",
        "DISCORD.GG/abc",
        "ton ad\u017fresse mail",  # a long s, folded onto "s" by case-insensitive matching
    ]
    closed = {"before": 0, "request": 0, "link": 0}
    for text in [*texts, *extra]:
        if not contact._may_hold_marked_handle(text):
            closed["before"] += 1
            assert contact._HANDLE_BEFORE.search(text) is None, text
        if not contact._may_request_number(text):
            closed["request"] += 1
            assert contact._NUMBER_REQUEST.search(text) is None, text
        if not ("/" in text and "." in text):
            closed["link"] += 1
            assert contact._INVITE_LINK.search(text) is None, text
    total = len(texts) + len(extra)
    assert closed["request"] > total // 2 and closed["link"] > total // 2, closed
    assert closed["before"] > total // 10, closed


@pytest.mark.parametrize("name", ["_PLATFORM_WORD", "_HANDLE_BEFORE", "_NUMBER_REQUEST", "_INVITE_LINK"])
def test_leading_look_aheads_change_no_match(texts: list[str], name: str) -> None:
    """Each contact pattern finds the same spans with and without the look-ahead that restates its first
    characters."""
    pattern: re.Pattern[str] = getattr(contact, name)
    look_ahead = re.match(r"\(\?=\[(?:\\.|[^\]\\])*\]\)", pattern.pattern)
    assert look_ahead is not None, name
    plain = re.compile(pattern.pattern[look_ahead.end() :], pattern.flags)
    extra = ["@lea.x_15 sur SNAP", "5n4p : kiki_95", "T.ME/abc", "\u212aik ok", "Donne-moi ton téléphone"]
    for text in [*texts, *extra]:
        assert [m.span() for m in pattern.finditer(text)] == [m.span() for m in plain.finditer(text)], text


def test_number_word_count_never_hides_a_spelled_phone(texts: list[str]) -> None:
    """On ASCII text, fewer than five number words or short numbers means no spelled-out phone number."""
    extra = [
        "zero six douze trente quatre cinquante",
        "ZERO SIX, 12 34 56",
        "zero six,1 douze trente",
        "un deux trois quatre cinq six sept huit",
        "et et et et un deux",
    ]
    for text in [*texts, *extra]:
        if not text.isascii() or contact._count_number_elements(text) >= 5:
            continue
        for match in contact._NUMBER_RUN.finditer(text):
            words = re.findall(r"\w+", match.group(0).lower())
            numbers = [w for w in words if w != "et"]
            assert len(numbers) < 5, text


def test_platform_stem_automaton_agrees_with_the_pattern(texts: list[str]) -> None:
    """The one-pass platform stem check says what the stem regex says."""
    for text in [*texts, "sn", "inSTA", "facebook", ""]:
        compact = normalize.fold(text).replace(" ", "")
        assert contact._has_platform_stem(compact) == (contact._PLATFORM_STEM_RE.search(compact) is not None)


def test_fold_prechecks_change_nothing(texts: list[str]) -> None:
    """The elongation and spelled-word pre-checks close only where the passes change nothing, and the
    ASCII punctuation table splits into the same words as the regex."""
    extra = ["coooool", "s n a p", "s . n . a . p", "a-b-c-d", "x_y_z_w", "il y a", "(s n a p)!", "a\tb c d"]
    extra += ["aaa", "zz z", "ab bbb.", "a1aa", "éééé", "xyzzz"]
    for text in [*texts, *extra]:
        lowered = normalize._strip_accents(text.lower())
        if not normalize._may_be_spelled(lowered):
            assert normalize._SPELLED.sub(normalize._join, lowered) == lowered, text
        if not normalize._may_be_elongated(lowered):
            assert normalize._ELONGATED.sub(r"\2", lowered) == lowered, text
        if lowered.isascii():
            table = lowered.encode().translate(normalize._ASCII_NOT_KEPT).decode().split()
            assert table == normalize._NOT_KEPT.sub(" ", lowered).split(), text


def test_words_without_leet_need_no_strip(texts: list[str]) -> None:
    """A word with no leet character gives the same words after the punctuation pass whether or not its
    punctuation was stripped first (``fold`` strips only the words it decodes)."""
    punctuation = ".,;:!?()[]{}\"'«»…"
    for text in [*texts, "«salut», (toi) ...", "bon...ok", 'c\'est "ça"?']:
        for word in normalize._strip_accents(text.lower()).split():
            if not normalize._LEET_CHARS.isdisjoint(word):
                continue
            assert (
                normalize._NOT_KEPT.sub(" ", word).split()
                == normalize._NOT_KEPT.sub(" ", word.strip(punctuation)).split()
            ), word


def test_recent_signals_union_follows_the_deque() -> None:
    """The union kept by ``push_signals`` is always the union of the last three messages' signals."""
    from havre.safety.state import SpaceState
    from havre.safety.types import Signal

    space = SpaceState()
    sequence = [
        set(),
        {Signal.GIFT},
        set(),
        set(),
        set(),
        {Signal.MEETING, Signal.GIFT},
        set(),
        {Signal.SEXUAL},
    ]
    for signals in sequence * 3:
        space.push_signals(frozenset(signals))
        assert space.recent_signals == frozenset().union(*space.recent)


def test_lexicon_empty_answer_is_the_shared_one() -> None:
    """A message with no lexicon finding gets the shared empty score, equal to a freshly built one."""
    from havre.safety.types import Score

    ctx = ConversationContext(Setting.ROOM, SpaceAudience.ADULTS, 30)
    message = normalize.normalize("t=123456789012;salut tout le monde 12345")
    assert lexicon.LexiconDetector().score(message, ctx) == Score(
        detector="lexicon", categories={}, signals=frozenset(), caps={}, doubts={}
    )
