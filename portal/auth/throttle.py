"""Login throttling per account and per client address, shared by every server process.

An attempt is counted *before* the password is checked, with one atomic increment in the shared
counters (:mod:`portal.counters`), so parallel guesses cannot all slip through: beyond
``max_attempts`` in the window (per account; ``max_attempts_per_address`` per client address)
an attempt is refused at once with 429 and ``Retry-After``, its password never checked. Below the
limit, each attempt after a failure waits twice as long as the one before (up to ``max_delay``).
A success clears the account's count; the address's count runs out with its window.
"""

from __future__ import annotations

import asyncio
from dataclasses import dataclass

from portal.counters import Counters


@dataclass(frozen=True)
class Verdict:
    allowed: bool
    delay: float  # seconds to wait before checking the password
    retry_after: float  # when refused: seconds until the window ends


class LoginThrottle:
    def __init__(
        self,
        counters: Counters,
        *,
        base_delay: float,
        max_delay: float,
        max_attempts: int,
        max_attempts_per_address: int,
        window_seconds: int,
    ) -> None:
        self.counters = counters
        self.base_delay = base_delay
        self.max_delay = max_delay
        self.max_attempts = max_attempts
        self.max_attempts_per_address = max_attempts_per_address
        self.window = window_seconds

    def _delay(self, earlier_attempts: float) -> float:
        if earlier_attempts < 1:
            return 0.0
        return float(min(self.max_delay, self.base_delay * 2 ** (int(earlier_attempts) - 1)))

    async def attempt(self, *, account: str, address: str) -> Verdict:
        """Count one attempt for both keys; refused beyond either limit."""
        by_account = await self.counters.hit(f"login:user:{account}", self.window)
        by_address = await self.counters.hit(f"login:ip:{address}", self.window)
        if by_account.count > self.max_attempts or by_address.count > self.max_attempts_per_address:
            return Verdict(False, 0.0, max(by_account.reset_in, by_address.reset_in, 1.0))
        return Verdict(True, self._delay(by_account.count - 1), 0.0)

    async def delay_for(self, account: str) -> float:
        """The wait the next attempt for ``account`` would get."""
        return self._delay(await self.counters.peek(f"login:user:{account}", self.window))

    async def succeeded(self, account: str) -> None:
        await self.counters.clear(f"login:user:{account}", self.window)

    @staticmethod
    async def wait(verdict: Verdict) -> None:
        if verdict.delay:
            await asyncio.sleep(verdict.delay)
