"""The rate counters in the database forget windows long past, at a counted rhythm."""

from __future__ import annotations

import time
from typing import Any

from portal import models as m
from portal.counters import EXPIRE_EVERY, DatabaseCounters

WINDOW = 10**9  # seconds: the test never runs across a window's end (the next is in 2033)


async def test_every_hundredth_hit_forgets_the_windows_long_past(db: Any) -> None:
    # given: a window that ended long ago and a process's counters
    past = int(time.time()) - 3600
    await m.RateCounter.create(key="old", window=past - 60, hits=3, expires=past)
    counters = DatabaseCounters(db.url)
    # when: one hit short of the rhythm, then the hit that completes it
    for _ in range(EXPIRE_EVERY - 1):
        await counters.hit("now", WINDOW)
    kept = await m.RateCounter.filter(key="old").exists()
    hit = await counters.hit("now", WINDOW)
    # then: the past window went with the hundredth hit, the current one is kept and counted
    assert kept
    assert not await m.RateCounter.filter(key="old").exists()
    assert hit.count == EXPIRE_EVERY
    assert await m.RateCounter.filter(key="now").count() == 1
