"""A clock tests can move."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime, timedelta


@dataclass
class FakeClock:
    """Wall and monotonic time that only move when told."""

    wall: datetime = datetime(2026, 11, 29, 10, 0, tzinfo=UTC)
    mono: float = 1000.0

    def now(self) -> datetime:
        """The fake wall time."""
        return self.wall

    def monotonic(self) -> float:
        """The fake monotonic time."""
        return self.mono

    def advance(self, seconds: float) -> None:
        """Move both clocks forward."""
        self.wall += timedelta(seconds=seconds)
        self.mono += seconds
