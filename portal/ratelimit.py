"""A per-principal rate limit (token bucket), in memory: each server process counts its own."""

from __future__ import annotations

import time
from collections import OrderedDict


class RateLimiter:
    """``per_minute`` requests a minute per key, with bursts up to the same number."""

    def __init__(self, per_minute: int, *, max_keys: int = 50_000) -> None:
        self.unlimited = per_minute <= 0
        self.capacity = float(max(per_minute, 1))
        self.refill_per_second = self.capacity / 60.0
        self.max_keys = max_keys
        self._buckets: OrderedDict[str, tuple[float, float]] = OrderedDict()

    def hit(self, key: str) -> float:
        """Take one request; 0 when allowed, else the seconds to wait (a limit of 0 is none)."""
        if self.unlimited:
            return 0.0
        now = time.monotonic()
        tokens, stamp = self._buckets.pop(key, (self.capacity, now))
        tokens = min(self.capacity, tokens + (now - stamp) * self.refill_per_second)
        wait = 0.0
        if tokens >= 1:
            tokens -= 1
        else:
            wait = (1 - tokens) / self.refill_per_second
        self._buckets[key] = (tokens, now)
        while len(self._buckets) > self.max_keys:
            self._buckets.popitem(last=False)
        return wait
