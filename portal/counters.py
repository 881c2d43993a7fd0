"""Counters shared by every server process: the GraphQL rate limit and the login throttle.

A hit is counted with one atomic increment, so parallel requests (in one process or in many)
each see a different count and a limit holds exactly. Counts are kept per fixed window; the
count a caller sees is the sliding-window estimate (this window's hits plus the previous
window's, weighted by how much of it still overlaps), so a burst across a window boundary is not
let through twice. Where they live:

- :class:`DatabaseCounters`: the ``rate_counter`` table (``INSERT ... ON CONFLICT DO UPDATE ...
  RETURNING``, the same statement on PostgreSQL and SQLite);
- :class:`RedisCounters`: Redis (``JENJANG_REDIS_URL``), through the ``limits`` library's storage.
"""

from __future__ import annotations

import time
from dataclasses import dataclass
from typing import Protocol

from tortoise import connections

from portal.db import is_postgres


@dataclass(frozen=True)
class Hit:
    count: float  # hits in the last ``window`` seconds, this one included (sliding estimate)
    reset_in: float  # seconds until the current fixed window ends


class Counters(Protocol):
    async def hit(self, key: str, window: int) -> Hit: ...

    async def peek(self, key: str, window: int) -> float: ...

    async def clear(self, key: str, window: int) -> None: ...

    async def close(self) -> None: ...


def _windows(window: int, now: float) -> tuple[int, int, float]:
    """(start of this window, start of the previous one, share of the previous still counted)."""
    start = int(now // window * window)
    return start, start - window, 1.0 - (now - start) / window


# Every so many hits a process forgets the windows long past: counted, not left to chance, so
# that a request runs the same statements every time it is made.
EXPIRE_EVERY = 100


class DatabaseCounters:
    """Counters in the ``rate_counter`` table of the application's database."""

    def __init__(self, database_url: str) -> None:
        self._postgres = is_postgres(database_url)
        mark = (lambda n: f"${n}") if self._postgres else (lambda n: "?")
        self._upsert = (
            'INSERT INTO rate_counter ("key", "window", hits, expires) '
            f"VALUES ({mark(1)}, {mark(2)}, 1, {mark(3)}) "
            'ON CONFLICT ("key", "window") DO UPDATE SET hits = rate_counter.hits + 1 '
            "RETURNING hits"
        )
        # PostgreSQL: the increment and the previous window's count in one round trip.
        self._hit = (
            f"{self._upsert}, (SELECT p.hits FROM rate_counter p "
            'WHERE p."key" = $1 AND p."window" = $4) AS before'
        )
        self._read = (
            f'SELECT "window", hits FROM rate_counter WHERE "key" = {mark(1)} '
            f'AND "window" IN ({mark(2)}, {mark(3)})'
        )
        self._clear = f'DELETE FROM rate_counter WHERE "key" = {mark(1)}'
        self._expire = f"DELETE FROM rate_counter WHERE expires < {mark(1)}"
        self._hits = 0

    async def hit(self, key: str, window: int) -> Hit:
        now = time.time()
        start, previous, share = _windows(window, now)
        expires = start + 2 * window
        client = connections.get("default")
        if self._postgres:
            row = (await client.execute_query_dict(self._hit, [key, start, expires, previous]))[0]
            hits, before = int(row["hits"]), int(row["before"] or 0)
        else:
            rows = await client.execute_query_dict(self._upsert, [key, start, expires])
            hits = int(rows[0]["hits"])
            before = (await self._counts(key, previous, previous)).get(previous, 0)
        self._hits += 1
        if self._hits % EXPIRE_EVERY == 0:
            await client.execute_query(self._expire, [int(now)])
        count = hits + before * share
        return Hit(count=count, reset_in=start + window - now)

    async def peek(self, key: str, window: int) -> float:
        start, previous, share = _windows(window, time.time())
        counts = await self._counts(key, start, previous)
        return counts.get(start, 0) + counts.get(previous, 0) * share

    async def clear(self, key: str, window: int) -> None:
        await connections.get("default").execute_query(self._clear, [key])

    async def close(self) -> None:
        """Nothing to close: the counters use the application's connection pool."""

    async def _counts(self, key: str, first: int, second: int) -> dict[int, int]:
        rows = await connections.get("default").execute_query_dict(self._read, [key, first, second])
        return {int(row["window"]): int(row["hits"]) for row in rows}


class RedisCounters:
    """Counters in Redis, through the ``limits`` library's storage (atomic INCR with expiry)."""

    def __init__(self, redis_url: str) -> None:
        from limits.aio.storage import Storage
        from limits.storage import storage_from_string

        storage = storage_from_string(redis_url.replace("redis://", "async+redis://", 1))
        if not isinstance(storage, Storage):  # the async+ scheme always gives an async storage
            raise TypeError(f"not an asynchronous storage: {type(storage).__name__}")
        self._storage = storage

    async def close(self) -> None:
        """Close the Redis connections (at shutdown)."""
        bridge = getattr(self._storage, "bridge", None)
        pool = getattr(getattr(bridge, "storage", None), "connection_pool", None)
        if pool is not None:
            pool.disconnect()

    async def hit(self, key: str, window: int) -> Hit:
        now = time.time()
        start, previous, share = _windows(window, now)
        current = await self._storage.incr(f"jenjang:{key}:{start}", 2 * window)
        before = await self._storage.get(f"jenjang:{key}:{previous}")
        return Hit(count=current + before * share, reset_in=start + window - now)

    async def peek(self, key: str, window: int) -> float:
        start, previous, share = _windows(window, time.time())
        current = await self._storage.get(f"jenjang:{key}:{start}")
        before = await self._storage.get(f"jenjang:{key}:{previous}")
        return float(current + before * share)

    async def clear(self, key: str, window: int) -> None:
        start, previous, _ = _windows(window, time.time())
        for stamp in (start, previous):
            await self._storage.clear(f"jenjang:{key}:{stamp}")


def build_counters(database_url: str, redis_url: str | None) -> Counters:
    """Redis where configured, else the application's database."""
    return RedisCounters(redis_url) if redis_url else DatabaseCounters(database_url)
