"""Pseudo rules and folding."""

from __future__ import annotations

import pytest

from havre.domain.pseudo import PseudoProblem, pseudo_key, pseudo_problem


def test_case_accents_and_confusables_fold_to_one_key() -> None:
    """ "Élodie", "ELODIE" and "Еlodie" (Cyrillic Е) are the same pseudo."""
    assert pseudo_key("Élodie") == pseudo_key("ELODIE") == pseudo_key("Еlodie") == "elodie"


def test_fullwidth_and_greek_letters_fold() -> None:
    """Compatibility forms and Greek look-alikes fold to Latin letters."""
    assert pseudo_key("Ｍａｘ") == pseudo_key("max")
    assert pseudo_key("Νοé") == pseudo_key("noe")


def test_dash_and_underscore_are_the_same() -> None:
    """ "Jean-Luc" and "jean_luc" collide."""
    assert pseudo_key("Jean-Luc") == pseudo_key("jean_luc")


@pytest.mark.parametrize(
    "pseudo", ["Élodie", "Max_75", "Jean-Luc", "léa2008", "Noé", "Adorable", "Tornado", "Chaudron"]
)
def test_ordinary_pseudos_pass(pseudo: str) -> None:
    """Ordinary pseudos, including words that merely contain a flagged token, are accepted."""
    assert pseudo_problem(pseudo) is None


@pytest.mark.parametrize(
    ("pseudo", "problem"),
    [
        ("ab", PseudoProblem.LENGTH),
        ("a" * 21, PseudoProblem.LENGTH),
        ("jean luc", PseudoProblem.CHARACTERS),
        ("<script>", PseudoProblem.CHARACTERS),
        ("max!", PseudoProblem.CHARACTERS),
        ("12345", PseudoProblem.CHARACTERS),
        ("___", PseudoProblem.CHARACTERS),
        ("cherche_ado", PseudoProblem.TARGETING),
        ("papa_pour_jf", PseudoProblem.TARGETING),
        ("jf_15ans", PseudoProblem.TARGETING),
        ("Sugar_Daddy", PseudoProblem.TARGETING),
        ("ChercheJeune", PseudoProblem.TARGETING),
        ("s3xe_69", PseudoProblem.TARGETING),
        ("Lolita_du_13", PseudoProblem.TARGETING),
        ("mec_pour_ado", PseudoProblem.TARGETING),
        ("14ans_fille", PseudoProblem.TARGETING),
    ],
)
def test_refused_pseudos_say_why(pseudo: str, problem: PseudoProblem) -> None:
    """Pseudos that break a rule are refused with the rule they break."""
    assert pseudo_problem(pseudo) is problem
