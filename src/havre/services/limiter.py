"""Rate limits keyed by a client identifier, with a bounded number of keys."""

from __future__ import annotations

from collections import OrderedDict

from havre.domain.ratelimit import TokenBucket


class KeyedLimiter:
    """One token bucket per key; the least recently used keys are forgotten past ``max_keys``."""

    def __init__(self, rate: float, burst: float, max_keys: int = 100_000) -> None:
        self._rate = rate
        self._burst = burst
        self._max_keys = max_keys
        self._buckets: OrderedDict[str, TokenBucket] = OrderedDict()

    def allow(self, key: str, now: float) -> bool:
        """Whether one more event for ``key`` is allowed at monotonic time ``now``."""
        bucket = self._buckets.get(key)
        if bucket is None:
            bucket = TokenBucket(self._rate, self._burst)
            self._buckets[key] = bucket
            if len(self._buckets) > self._max_keys:
                self._buckets.popitem(last=False)
        else:
            self._buckets.move_to_end(key)
        return bucket.allow(now)

    def forget(self, key: str) -> None:
        """Drop a key's bucket (its user left)."""
        self._buckets.pop(key, None)
