"""The injected clock: wall time for stored timestamps, monotonic time for rates and timeouts."""

from __future__ import annotations

import time
from datetime import UTC, datetime
from typing import Protocol


class Clock(Protocol):
    """Where services get the time; tests pass a clock they can move."""

    def now(self) -> datetime:
        """The current UTC time, timezone-aware."""
        ...

    def monotonic(self) -> float:
        """Seconds on a clock that never goes back."""
        ...


class SystemClock:
    """The real clock."""

    def now(self) -> datetime:
        """See ``Clock.now``."""
        return datetime.now(UTC)

    def monotonic(self) -> float:
        """See ``Clock.monotonic``."""
        return time.monotonic()
