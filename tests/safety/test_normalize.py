"""The French chat normalizer."""

from __future__ import annotations

import pytest

from havre.safety.normalize import fold, normalize


@pytest.mark.parametrize(
    ("raw", "folded"),
    [
        ("Ça VA ?", "ca va"),
        ("sn4p", "snap"),
        ("mon 1nsta", "mon insta"),
        ("s n a p", "snap"),
        ("t.e.l.e.g.r.a.m", "telegram"),
        ("trooooop bien", "trop bien"),
        ("slt ta kel age", "salut ta quel age"),
        ("tkt jsp pk", "t inquiete je sais pas pourquoi"),
        ("3g 20e 🍃", "3g 20e weed"),
        ("❄️ dispo", "coke dispo"),
        ("💰💸", "argent argent"),
        ("🍆🍑💦", "bite fesses sperme"),
        ("à 18h30", "a 18h30"),
        ("J’ai 15 ans", "j ai 15 ans"),
    ],
)
def test_fold_cases(raw: str, folded: str) -> None:
    """Folding handles case, accents, leetspeak, spacing, elongation, SMS and emoji codes."""
    assert fold(raw) == folded


def test_numbers_are_not_leet_decoded() -> None:
    """Quantities, prices and times keep their digits."""
    assert fold("3g 20e à 18h30 06 12 34 56 78") == "3g 20e a 18h30 06 12 34 56 78"


def test_normalized_message_keeps_raw() -> None:
    """The raw text stays available beside tokens and the compact form."""
    message = normalize("Slt S N A P")
    assert message.raw == "Slt S N A P"
    assert message.tokens == ("salut", "snap")
    assert message.compact == "salutsnap"


def test_empty_text() -> None:
    """Empty and blank texts normalize to nothing."""
    assert normalize("").tokens == ()
    assert normalize("   \n").text == ""
