"""Token buckets: a rate with a burst, as a pure value object driven by an explicit clock."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(slots=True)
class TokenBucket:
    """Allows ``burst`` events at once, refilled at ``rate`` events per second.

    ``now`` is a monotonic time in seconds; the bucket never reads a clock itself.
    """

    rate: float
    burst: float
    tokens: float = field(default=-1.0)
    stamp: float = 0.0

    def allow(self, now: float, cost: float = 1.0) -> bool:
        """Take ``cost`` tokens if there are enough; returns whether the event may happen."""
        if self.tokens < 0:
            self.tokens = self.burst
            self.stamp = now
        elapsed = now - self.stamp
        if elapsed > 0:
            self.tokens = min(self.burst, self.tokens + elapsed * self.rate)
            self.stamp = now
        if self.tokens >= cost:
            self.tokens -= cost
            return True
        return False
