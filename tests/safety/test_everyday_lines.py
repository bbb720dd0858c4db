"""Ordinary chat is let through: 80 everyday lines written for Havre (``data/everyday_lines.txt``), each
screened alone in a fresh adults' room and a fresh minors' room, are allowed.

The false alarms known when the lines were written are strict expected failures: the day one is fixed,
its test passes and fails the run, so that this list and ``docs/safety.md`` are brought up to date.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from havre.domain.verdict import Action, Category, ScreeningRequest, Setting, SpaceAudience
from havre.safety import SafetyPipeline, build_pipeline

_FILE = Path(__file__).parent / "data" / "everyday_lines.txt"
_LINES = [line for line in _FILE.read_text(encoding="utf-8").splitlines() if line and line[0] != "#"]
# A question about where someone lives and an invitation to another app: contact matters by design, warned or
# masked in the minors' space, a notice to the sender among adults (see the last test).
_CONTACT = {"tu habites dans quelle région ?", "on peut se parler sur discord pour le jeu ?"}
_MODAL = "the model learned HateCheck's frames of attacks on groups (docs/safety.md, What is missing)"
_KNOWN: dict[tuple[str, SpaceAudience], str] = {
    ("les femmes devraient être mieux payées", SpaceAudience.ADULTS): _MODAL,
    ("les femmes devraient être mieux payées", SpaceAudience.MINORS): _MODAL,
    ("les handicapés devraient avoir plus d'accès aux transports", SpaceAudience.ADULTS): _MODAL,
    ("les handicapés devraient avoir plus d'accès aux transports", SpaceAudience.MINORS): _MODAL,
    ("les immigrés ont construit ce pays aussi", SpaceAudience.ADULTS): _MODAL,
    ("les immigrés ont construit ce pays aussi", SpaceAudience.MINORS): _MODAL,
    ("je déteste les lundis", SpaceAudience.MINORS): "a hate verb at the minors' lower threshold",
    ("j'ai faim, qui veut des pâtes", SpaceAudience.MINORS): "the model's sexual score at 0.37",
}


def _cases() -> list[object]:
    cases: list[object] = []
    for audience in (SpaceAudience.ADULTS, SpaceAudience.MINORS):
        for line in _LINES:
            if line in _CONTACT:
                continue
            reason = _KNOWN.get((line, audience))
            marks = [pytest.mark.xfail(strict=True, reason=reason)] if reason else []
            name = f"{audience.value}-{_LINES.index(line)}"
            cases.append(pytest.param(line, audience, marks=marks, id=name))
    return cases


@pytest.fixture(scope="module")
def shared_pipeline() -> SafetyPipeline:
    """One shipped pipeline; every line is screened in a space of its own."""
    return build_pipeline()


def _screen(
    pipeline: SafetyPipeline, line: str, audience: SpaceAudience
) -> tuple[Action, tuple[Category, ...]]:
    age = 15 if audience is SpaceAudience.MINORS else 35
    space = f"everyday:{audience.value}:{line}"
    verdict = pipeline.screen(ScreeningRequest(space, Setting.ROOM, audience, "u", age, line, 1.0))
    return verdict.action, verdict.categories


def test_the_file_holds_eighty_lines() -> None:
    """The data file is read whole (a truncated file would make the other tests pass vacuously)."""
    assert len(_LINES) == 80
    assert all(line in _LINES for line, _ in _KNOWN)
    assert set(_LINES) >= _CONTACT


@pytest.mark.parametrize(("line", "audience"), _cases())
def test_an_everyday_line_is_allowed(
    shared_pipeline: SafetyPipeline, line: str, audience: SpaceAudience
) -> None:
    """An ordinary chat line gets no warning, no mask, no hold and no block."""
    assert _screen(shared_pipeline, line, audience) == (Action.ALLOW, ())


@pytest.mark.parametrize("line", sorted(_CONTACT))
def test_contact_lines_are_contact_matters_only(shared_pipeline: SafetyPipeline, line: str) -> None:
    """Asking where someone lives or inviting them to another app is stopped or masked in the minors'
    space, delivered with a notice among adults, and shows no other category."""
    action, categories = _screen(shared_pipeline, line, SpaceAudience.MINORS)
    assert action is not Action.ALLOW
    assert categories == (Category.CONTACT_EXCHANGE,)
    adults = _screen(shared_pipeline, line, SpaceAudience.ADULTS)
    assert adults == (Action.ALLOW, (Category.CONTACT_EXCHANGE,))
