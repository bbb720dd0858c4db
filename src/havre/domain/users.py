"""Users of the chat: genders, age bands and the public view of a user.

A user is one anonymous entry (pseudo, gender, age, département); there is no account. The age band
decides which rooms and people a user may see and reach (see ``policy``).
"""

from __future__ import annotations

import enum
from dataclasses import dataclass
from datetime import datetime

from havre.domain.ids import UserId


class Gender(enum.Enum):
    """Declared gender: female, male, or other / not said."""

    F = "f"
    M = "m"
    X = "x"


class AgeBand(enum.Enum):
    """Which side of the wall a user stands on."""

    MINORS = "minors"  # from the minimum age to 17
    ADULTS = "adults"  # 18 and over


ADULT_AGE = 18
MAX_AGE = 120


def band_for_age(age: int) -> AgeBand:
    """The band of a declared age (callers check the minimum age first)."""
    return AgeBand.ADULTS if age >= ADULT_AGE else AgeBand.MINORS


AGE_HOP_DAYS = 30  # a device or address that declared one band may not enter the minors' band for this long


@dataclass(frozen=True, slots=True)
class User:
    """An anonymous user as stored: never the postal code, only its département."""

    id: UserId
    pseudo: str
    gender: Gender
    age: int
    department: str
    created_at: datetime

    @property
    def band(self) -> AgeBand:
        """The user's age band."""
        return band_for_age(self.age)
