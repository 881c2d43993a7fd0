"""The audit chain's verifier: walk an agency's chain and name the first entry that does not link.

Each entry is checked for its position (``seq`` follows the previous one), its link (its
``prev_hash`` is the previous entry's hash), its hash (``sha256(prev_hash + canonical)``) and
the position and agency its own text names. Rows are read in ``seq`` order in large batches
(the next batch is fetched while this one is hashed), as ``prev_hash + canonical`` in one bytes
value, so the loop builds no strings.

On PostgreSQL a long chain is cut into ranges walked at once by worker processes, each with its
own connection (each entry stores its ``prev_hash``, so a range can be checked from its first
entry on); the ranges are then joined: each range's first ``prev_hash`` must be the hash the
range before it ended with. The report is the one a single walk from the start gives.
"""

from __future__ import annotations

import asyncio
import hashlib
import os
from collections.abc import Awaitable, Callable
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from multiprocessing import get_context
from typing import Any

from tortoise import connections

from workflows.chain import GENESIS

BATCH = 20_000
ENTRIES_PER_WORKER = 250_000  # below this a worker costs more to start than it saves
_LAST = 2**62
_UNLINKED = "prev_hash does not match the previous entry's hash"


@dataclass(frozen=True)
class ChainReport:
    agency_id: int
    entries: int
    head: str
    first_broken_seq: int | None = None
    problem: str = ""

    @property
    def ok(self) -> bool:
        return self.first_broken_seq is None


@dataclass(frozen=True)
class _Range:
    """One walked range: where it started, what it found, and the hash it ended with."""

    first_seq: int | None  # the first entry read (None: the range was empty)
    first_prev: str  # that entry's prev_hash, to be checked against the range before
    count: int
    head: str
    broken: int | None = None
    problem: str = ""


def _sql(postgres: bool) -> str:
    mark = ("$1", "$2", "$3", "$4") if postgres else ("?", "?", "?", "?")
    text = (
        "convert_to(prev_hash || canonical, 'UTF8')"
        if postgres
        else "CAST(prev_hash || canonical AS BLOB)"
    )
    return (
        f'SELECT seq, {text}, hash FROM "audit_entry" WHERE agency_id = {mark[0]} '
        f"AND seq > {mark[1]} AND seq < {mark[2]} ORDER BY seq LIMIT {mark[3]}"
    )


async def verify_chain(
    agency_id: int, *, batch: int = BATCH, workers: int | None = 1
) -> ChainReport:
    """Walk an agency's chain from its start; name the first entry that does not link.

    ``workers``: processes walking ranges at once on PostgreSQL; None: one a core for a chain
    of at least ``ENTRIES_PER_WORKER`` entries each (the command line), 1: this process only
    (a server answering a request).
    """
    connection = connections.get("default")
    postgres = connection.capabilities.dialect == "postgres"
    sql = _sql(postgres)
    if postgres:
        _, rows = await connection.execute_query(
            'SELECT max(seq) AS last FROM "audit_entry" WHERE agency_id = $1', [agency_id]
        )
        last = int(rows[0]["last"] or 0)
        if workers is None:
            workers = min(os.cpu_count() or 1, last // ENTRIES_PER_WORKER)
        if workers > 1:
            return await _in_workers(connection, agency_id, last, workers, batch)

    async def fetch(after: int, before: int) -> list[Any]:
        return list((await connection.execute_query(sql, [agency_id, after, before, batch]))[1])

    return _join(agency_id, [1], [await _walk_range(fetch, agency_id, 1, _LAST)])


async def _walk_range(
    fetch: Callable[[int, int], Awaitable[list[Any]]], agency_id: int, first: int, end: int
) -> _Range:
    """Walk entries ``first`` to ``end - 1``; the first one's link is left to :func:`_join`."""
    rows = await fetch(first - 1, end)
    if not rows:
        return _Range(None, "", 0, "")
    first_seq = rows[0][0]
    walk = _Walk(agency_id, first, bytes(rows[0][1][:64]))
    start = walk.prev.decode(errors="replace")
    while rows:
        following = asyncio.ensure_future(fetch(rows[-1][0], end))
        problem = walk.walk(rows)
        if problem:
            following.cancel()
            head = walk.prev.decode()
            return _Range(first_seq, start, walk.count, head, walk.broken, problem)
        rows = await following
    return _Range(first_seq, start, walk.count, walk.prev.decode())


def _join(agency_id: int, starts: list[int], ranges: list[_Range]) -> ChainReport:
    """The report of one walk from the start, from the ranges walked on their own."""
    head, entries = GENESIS, 0
    for start, part in zip(starts, ranges, strict=True):
        if part.first_seq is None:
            if start == 1:
                return ChainReport(agency_id, 0, GENESIS)  # no entries at all
            return ChainReport(agency_id, entries, head, start, f"expected entry {start} (missing)")
        if part.first_seq == start and part.first_prev != head:
            return ChainReport(agency_id, entries, head, start, _UNLINKED)
        entries += part.count
        if part.broken is not None:
            return ChainReport(agency_id, entries, part.head, part.broken, part.problem)
        head = part.head
    return ChainReport(agency_id, entries, head)


async def _in_workers(
    connection: Any, agency_id: int, last: int, workers: int, batch: int
) -> ChainReport:
    step = -(-last // workers)
    starts = list(range(1, last + 1, step))
    ends = [*starts[1:], _LAST]
    where = {
        "host": connection.host,
        "port": connection.port,
        "user": connection.user,
        "password": connection.password,
        "database": connection.database,
    }
    loop = asyncio.get_running_loop()
    with ProcessPoolExecutor(len(starts), mp_context=get_context("spawn")) as pool:
        ranges = await asyncio.gather(
            *(
                loop.run_in_executor(pool, _walk_in_process, where, agency_id, s, e, batch)
                for s, e in zip(starts, ends, strict=True)
            )
        )
    return _join(agency_id, starts, list(ranges))


def _walk_in_process(
    where: dict[str, Any], agency_id: int, first: int, end: int, batch: int
) -> _Range:
    """A worker process: walk one range over its own connection."""
    import asyncpg

    async def run() -> _Range:
        connection = await asyncpg.connect(**where)
        sql = _sql(True)
        try:

            async def fetch(after: int, before: int) -> list[Any]:
                return list(await connection.fetch(sql, agency_id, after, before, batch))

            return await _walk_range(fetch, agency_id, first, end)
        finally:
            await connection.close()

    return asyncio.run(run())


class _Walk:
    """The verifier's loop: expected position, previous hash, entries checked so far."""

    def __init__(self, agency_id: int, seq: int, prev: bytes) -> None:
        self.agency = f',"agency_id":{agency_id},"at":"'.encode()
        self.prev = prev
        self.seq = seq
        self.count = 0
        self.broken: int | None = None

    def walk(self, rows: list[Any]) -> str:
        """Check ``rows`` of (seq, prev_hash + canonical as bytes, hash); "" when all link."""
        sha256, agency, prev, seq = hashlib.sha256, self.agency, self.prev, self.seq
        start = seq
        try:
            for row in rows:
                message = row[1]
                problem = ""
                if row[0] != seq:
                    problem = f"expected entry {seq}, found {row[0]} (missing or reordered)"
                elif message[:64] != prev:
                    problem = _UNLINKED
                elif sha256(message).hexdigest() != row[2]:
                    problem = "hash does not match the entry's content"
                elif not _names(message, seq, agency):
                    problem = "entry content names another position or agency"
                if problem:
                    self.broken = row[0]
                    return problem
                prev = row[2].encode()
                seq += 1
            return ""
        finally:
            self.count += seq - start
            self.prev, self.seq = prev, seq


def _names(message: bytes, seq: int, agency: bytes) -> bool:
    """The canonical text's own ``seq`` and ``agency_id`` (sorted keys: read without parsing).

    ``message`` is ``prev_hash + canonical``. ``"subject"`` is the last key and holds two
    strings, so the last ``,"seq":`` is the entry's own; ``agency_id`` is followed by ``at`` at
    the top level.
    """
    at = message.rfind(b',"seq":', 64)
    return (
        at >= 0
        and message.startswith(b',"seq":%d,"subject":{' % seq, at)
        and message.endswith(b'"}}')
        and message.find(agency, 64) >= 0
    )
