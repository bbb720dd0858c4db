"""Exact pre-checks for large regexes: the literal strings one of which every match must contain.

:func:`required_literals` reads a pattern's syntax tree and returns, for each of its top-level
alternatives, sets of literal strings such that a match of that alternative contains at least one literal
of each set. A text in which no alternative finds all it requires cannot match, so :class:`LiteralGate`
(one Aho-Corasick pass over the text) lets a detector skip a pattern of dozens of alternatives on most
messages without changing any result.

:data:`SHARED_SCAN` is the one Aho-Corasick pass every message gets: the gates and the lexicon register
their literals with it, and the first of them to ask about a text scans it for all of them.
"""

from __future__ import annotations

import re
import re._constants as _c  # type: ignore[import-not-found]  # no stubs for the regex internals
import re._parser as _p  # type: ignore[import-not-found]
from collections.abc import Iterable, Mapping
from typing import Any, cast

import ahocorasick

__all__ = ["SHARED_SCAN", "Hit", "LiteralGate", "SharedScan", "required_literals"]

_REPEATS = (_c.MAX_REPEAT, _c.MIN_REPEAT, _c.POSSESSIVE_REPEAT)
_MIN_LITERAL = 3
_ZERO_WIDTH = (_c.AT, _c.ASSERT, _c.ASSERT_NOT)


def _flatten(items: Iterable[tuple[Any, Any]]) -> list[tuple[Any, Any]]:
    # Groups match their content in place: inline them, so literal runs continue across them. A group
    # that changes flags is kept whole (and never yields a literal).
    out: list[tuple[Any, Any]] = []
    for op, av in items:
        if op is _c.SUBPATTERN and not av[1] and not av[2]:
            out.extend(_flatten(av[3]))
        elif op is _c.ATOMIC_GROUP:
            out.extend(_flatten(av))
        else:
            out.append((op, av))
    return out


def _requirements(items: Iterable[tuple[Any, Any]]) -> list[frozenset[str]]:
    # What a match of the sequence ``items`` must contain: every set of the list (a conjunction), and of
    # each set at least one literal. From each maximal run of literals; from each alternation whose every
    # branch requires something (the union of one set per branch); from each repeat of at least once.
    required: list[frozenset[str]] = []
    run: list[str] = []

    def flush() -> None:
        if run:
            required.append(frozenset({"".join(run)}))
            run.clear()

    for op, av in _flatten(items):
        if op is _c.LITERAL:
            run.append(chr(av))
            continue
        flush()
        if op is _c.BRANCH:
            branches = [_best(_requirements(branch)) for branch in av[1]]
            if all(branch is not None for branch in branches):
                required.append(frozenset().union(*branches))  # type: ignore[arg-type]
        elif op in _REPEATS and av[0] >= 1:
            required.extend(_requirements(av[2]))
        # Anything else (a class, an anchor, a look-around, a back-reference) requires no known literal.
    flush()
    return required


def _best(required: list[frozenset[str]]) -> frozenset[str] | None:
    # The most selective single set: the longest shortest literal, then the fewest literals.
    if not required:
        return None
    return max(required, key=lambda c: (min(map(len, c)), -len(c)))


def _alternatives(items: Iterable[tuple[Any, Any]]) -> list[list[frozenset[str]]]:
    # The pattern's top-level alternatives (nested top-level alternations opened), each with its
    # requirements. Anchors and look-arounds around a lone alternation consume nothing and require no
    # literal: they are looked past.
    flat = _flatten(items)
    consuming = [(op, av) for op, av in flat if op not in _ZERO_WIDTH]
    if len(consuming) == 1 and consuming[0][0] is _c.BRANCH:
        return [alternative for branch in consuming[0][1][1] for alternative in _alternatives(branch)]
    return [_requirements(flat)]


def required_literals(pattern: re.Pattern[str]) -> list[list[frozenset[str]]]:
    """Per top-level alternative of ``pattern``, the sets of literals a match of it contains: at least one
    literal of *each* set. An alternative with an empty list requires nothing provable.

    Raises ``ValueError`` for a case-insensitive pattern (its literals would not be compared as typed).
    """
    if pattern.flags & re.IGNORECASE:
        raise ValueError("case-insensitive patterns are not supported")
    return _alternatives(_p.parse(pattern.pattern, pattern.flags))


#: One hit of :meth:`SharedScan.hits`: the end index in the padded text, and every owner's payload for the
#: literal found there.
Hit = tuple[int, tuple[tuple[int, object], ...]]


class SharedScan:
    """One Aho-Corasick pass over a text for the literals of several owners.

    An owner (each :class:`LiteralGate`, the lexicon) registers its literals, each with a payload, and gets
    an owner number. :meth:`hits` scans ``" " + text + " "`` (the lexicon's entries are whole words, padded)
    for every owner at once and keeps the last text's hits: the detectors of one message ask about the same
    folded text one after the other, so a message is scanned once instead of once per owner. The automaton
    is (re)built on the first scan after a registration. Pure: the hits depend on the text alone.
    """

    def __init__(self) -> None:
        """An empty scan: no owner yet."""
        self._table: dict[str, list[tuple[int, object]]] = {}
        self._owners = 0
        self._automaton: ahocorasick.Automaton | None = None
        # The last text and its hits, replaced together (one assignment: never a text with another's hits,
        # even if two threads scan at once).
        self._last: tuple[str, list[Hit]] | None = None

    def register(self, literals: Mapping[str, object]) -> int:
        """Add an owner's literals (non-empty strings) with their payloads; returns the owner number."""
        owner = self._owners
        self._owners += 1
        for literal, payload in literals.items():
            if not literal:
                raise ValueError("an empty literal matches everywhere")
            self._table.setdefault(literal, []).append((owner, payload))
        self._automaton = None
        self._last = None
        return owner

    def _build(self) -> ahocorasick.Automaton:
        automaton = ahocorasick.Automaton()
        for literal, entries in self._table.items():
            automaton.add_word(literal, tuple(entries))
        automaton.make_automaton()
        self._automaton = automaton
        return automaton

    def hits(self, text: str) -> list[Hit]:
        """Every literal found in ``" " + text + " "``: ``(end, ((owner, payload), ...))`` in the order of
        the scan. The list is shared with the next callers: never change it."""
        last = self._last
        if last is not None and last[0] == text:
            return last[1]
        automaton = self._automaton
        if automaton is None:
            automaton = self._build()
        hits: list[Hit] = list(automaton.iter(" " + text + " "))
        self._last = (text, hits)
        return hits


#: The scan the hot modules share (see :class:`SharedScan`).
SHARED_SCAN = SharedScan()


class LiteralGate:
    """Whether a text may match a pattern: ``False`` proves it cannot (for every alternative of the
    pattern, one of its required sets has no literal in the text); ``True`` says the pattern must be
    searched."""

    def __init__(self, pattern: re.Pattern[str], scan: SharedScan | None = None) -> None:
        """Register ``pattern``'s required literals with ``scan`` (default :data:`SHARED_SCAN`); raises
        ``ValueError`` when an alternative requires no literal (a gate that always opens would only cost
        time)."""
        alternatives = required_literals(pattern)
        table: dict[str, list[tuple[int, int]]] = {}
        full: list[int] = []
        for index, required in enumerate(alternatives):
            best = _best(required)
            if best is None or "" in best:
                raise ValueError(f"no required literal in an alternative of {pattern.pattern[:60]!r}")
            # Sets of short literals ("t", " ") are found in every text: dropping a requirement only
            # opens the gate more often, never wrongly closes it.
            kept = [c for c in required if min(map(len, c)) >= _MIN_LITERAL] or [best]
            for bit, literals in enumerate(kept):
                for literal in literals:
                    table.setdefault(literal, []).append((index, 1 << bit))
            full.append((1 << len(kept)) - 1)
        self.literals = frozenset(table)
        # Scanned in the shared pass, over the padded text: the spaces around it can only add hits, which
        # opens the gate more often, never wrongly closes it.
        self._scan = scan if scan is not None else SHARED_SCAN
        self._owner = self._scan.register({literal: tuple(entries) for literal, entries in table.items()})
        self._full = full

    def may_match(self, text: str) -> bool:
        """``False`` only when no alternative of the pattern finds all it requires in ``text``."""
        full = self._full
        owner = self._owner
        seen: dict[int, int] = {}
        for _end, payloads in self._scan.hits(text):
            for who, payload in payloads:
                if who != owner:
                    continue
                for index, bit in cast("tuple[tuple[int, int], ...]", payload):
                    mask = seen.get(index, 0) | bit
                    if mask == full[index]:
                        return True
                    seen[index] = mask
        return False
