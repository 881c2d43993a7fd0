"""The GraphQL rate limit per principal, counted in counters every server process shares.

``per_minute`` requests in any minute (a sliding window over :mod:`portal.counters`), so N
processes allow the limit once, not N times. A limit of 0 is none. When the counters cannot be
reached (the database is down) the limit lets the request through: the request itself will get
its own, truthful answer (503).
"""

from __future__ import annotations

import logging

from portal.counters import Counters
from portal.faults import classify

log = logging.getLogger("jenjang")

WINDOW_SECONDS = 60


class RateLimiter:
    def __init__(self, counters: Counters, per_minute: int) -> None:
        self.counters = counters
        self.per_minute = per_minute

    async def hit(self, key: str) -> float:
        """Count one request; 0 when allowed, else the seconds to wait."""
        if self.per_minute <= 0:
            return 0.0
        try:
            hit = await self.counters.hit(f"rate:{key}", WINDOW_SECONDS)
        except Exception as exc:
            if classify(exc) != "UNAVAILABLE":
                raise
            log.warning("rate limit not counted: the counters are unavailable (%s)", exc)
            return 0.0
        if hit.count > self.per_minute:
            return max(1.0, hit.reset_in)
        return 0.0
