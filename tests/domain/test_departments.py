"""Postal codes to départements."""

from __future__ import annotations

import pytest

from havre.domain.departments import DEPARTMENTS, Department, PostalCodeProblem, department_for


def test_the_table_is_complete() -> None:
    """96 metropolitan départements (Corsica as 2A and 2B) plus the six overseas codes."""
    metropolitan = [code for code in DEPARTMENTS if len(code) == 2]
    assert len(metropolitan) == 96 and "20" not in DEPARTMENTS
    assert {"971", "972", "973", "974", "975", "976"} <= set(DEPARTMENTS)


@pytest.mark.parametrize(
    ("postal_code", "code"),
    [
        ("75011", "75"),
        ("01000", "01"),
        ("13001", "13"),
        ("20000", "2A"),
        ("20167", "2A"),
        ("20200", "2B"),
        ("20290", "2B"),
        ("97110", "971"),
        ("97200", "972"),
        ("97300", "973"),
        ("97400", "974"),
        ("97500", "975"),
        ("97600", "976"),
        ("95000", "95"),
        (" 69003 ", "69"),
    ],
)
def test_postal_codes_map_to_their_departement(postal_code: str, code: str) -> None:
    """Every kind of postal code maps to its département code."""
    result = department_for(postal_code)
    assert isinstance(result, Department) and result.code == code


@pytest.mark.parametrize(
    ("postal_code", "problem"),
    [
        ("7501", PostalCodeProblem.FORMAT),
        ("750011", PostalCodeProblem.FORMAT),
        ("2A000", PostalCodeProblem.FORMAT),
        ("abcde", PostalCodeProblem.FORMAT),
        ("", PostalCodeProblem.FORMAT),
        ("98000", PostalCodeProblem.MONACO),
        ("00100", PostalCodeProblem.UNKNOWN),
        ("96000", PostalCodeProblem.UNKNOWN),
        ("97700", PostalCodeProblem.UNKNOWN),
        ("98800", PostalCodeProblem.UNKNOWN),
        ("20900", PostalCodeProblem.UNKNOWN),
    ],
)
def test_bad_postal_codes_are_refused_with_a_reason(postal_code: str, problem: PostalCodeProblem) -> None:
    """Malformed, Monaco and unknown codes each get their reason."""
    assert department_for(postal_code) is problem
