"""Slows repeated login failures per username and per client address."""

from __future__ import annotations

import asyncio
import time
from collections import OrderedDict


class LoginThrottle:
    """Exponential delay after failures; memory bounded, reset by a success."""

    def __init__(self, *, base_delay: float, max_delay: float, max_keys: int = 10_000) -> None:
        self.base_delay = base_delay
        self.max_delay = max_delay
        self.max_keys = max_keys
        self._failures: OrderedDict[str, tuple[int, float]] = OrderedDict()

    def delay_for(self, *keys: str) -> float:
        """Seconds to wait before answering an attempt for these keys."""
        worst = max((self._failures.get(k, (0, 0.0))[0] for k in keys), default=0)
        if worst == 0:
            return 0.0
        return min(self.max_delay, self.base_delay * 2 ** (worst - 1))

    def failed(self, *keys: str) -> None:
        now = time.monotonic()
        for key in keys:
            count, _ = self._failures.pop(key, (0, now))
            self._failures[key] = (count + 1, now)
        while len(self._failures) > self.max_keys:
            self._failures.popitem(last=False)

    def succeeded(self, *keys: str) -> None:
        for key in keys:
            self._failures.pop(key, None)

    async def wait(self, *keys: str) -> None:
        delay = self.delay_for(*keys)
        if delay:
            await asyncio.sleep(delay)
