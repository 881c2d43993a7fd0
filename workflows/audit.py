"""The audit log's only writer, and its verifier.

One SHA-256 hash chain per agency: ``hash = sha256(prev_hash + canonical)``, where ``canonical``
is the entry's JSON with sorted keys and UTC ISO timestamps, stored exactly as hashed. Appends are
serialised per agency inside the caller's transaction (``pg_advisory_xact_lock`` on PostgreSQL,
an immediate write lock on SQLite), so the chain never forks.

Inside :func:`transaction` an append is only noted; the entries are chained at the end of the
transaction, just before it commits, so the agency's lock is held for one SELECT, one INSERT and
the commit instead of the whole transaction (writers of one agency run in parallel until then).
The chain is then in commit order while each entry's ``at`` is when its change was made, so two
neighbouring entries of concurrent transactions may be out of time order by up to a transaction.
"""

from __future__ import annotations

import asyncio
import hashlib
import json
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from contextvars import ContextVar
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from decimal import Decimal
from enum import Enum
from typing import Any

from tortoise import connections
from tortoise.backends.base.client import BaseDBAsyncClient
from tortoise.transactions import in_transaction

from portal.clock import clock
from portal.models import AuditEntry

GENESIS = "0" * 64
_LOCK_NAMESPACE = 0x4A454E  # "JEN": advisory-lock class for audit chains


def _default(value: Any) -> Any:
    if isinstance(value, datetime):
        return value.astimezone(UTC).isoformat()
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, Decimal):
        return str(value)
    if isinstance(value, Enum):
        return value.value
    if isinstance(value, set | frozenset):
        return sorted(value)
    raise TypeError(f"cannot put {type(value).__name__} in an audit entry")


def canonical_json(data: dict[str, Any]) -> str:
    """The one textual form that is hashed and stored."""
    return json.dumps(
        data, sort_keys=True, separators=(",", ":"), ensure_ascii=False, default=_default
    )


def chain_hash(prev_hash: str, canonical: str) -> str:
    return hashlib.sha256((prev_hash + canonical).encode()).hexdigest()


async def lock_agency_chain(connection: BaseDBAsyncClient, agency_id: int) -> None:
    """Serialise writers of one agency until the transaction ends."""
    if connection.capabilities.dialect == "postgres":
        await connection.execute_query(
            "SELECT pg_advisory_xact_lock($1, $2)", [_LOCK_NAMESPACE, agency_id]
        )
    else:
        # SQLite: a write takes the database's write lock now (like BEGIN IMMEDIATE).
        await connection.execute_query(
            'UPDATE "agency" SET "id" = "id" WHERE "id" = ?', [agency_id]
        )


@dataclass
class _Pending:
    """Entries noted in one transaction, chained when it ends."""

    connection: BaseDBAsyncClient
    entries: list[dict[str, Any]] = field(default_factory=list)


_pending: ContextVar[_Pending | None] = ContextVar("jenjang_audit_pending", default=None)


@asynccontextmanager
async def transaction() -> AsyncIterator[BaseDBAsyncClient]:
    """``in_transaction()`` whose audit entries are chained in a short section at its end."""
    async with in_transaction() as connection:
        pending = _Pending(connection)
        token = _pending.set(pending)
        try:
            yield connection
            await _seal(connection, pending.entries)
        finally:
            _pending.reset(token)


async def append(
    connection: BaseDBAsyncClient,
    *,
    agency_id: int,
    actor: str,
    action: str,
    subject_type: str,
    subject_id: str | int,
    before: dict[str, Any] | None = None,
    after: dict[str, Any] | None = None,
    extra: dict[str, Any] | None = None,
) -> AuditEntry | None:
    """Append one entry to the agency's chain, in the caller's transaction ``connection``.

    Returns the stored entry, or None inside :func:`transaction` (it is stored at the end).
    """
    entry = {
        "agency_id": agency_id,
        "actor": actor,
        "action": action,
        "subject": {"type": subject_type, "id": str(subject_id)},
        "before": before,
        "after": after,
        "extra": extra or {},
        "at": clock.now().astimezone(UTC).isoformat(),
    }
    pending = _pending.get()
    if pending is not None and pending.connection is connection:
        pending.entries.append(entry)
        return None
    return (await _seal(connection, [entry]))[0]


async def _seal(connection: BaseDBAsyncClient, entries: list[dict[str, Any]]) -> list[AuditEntry]:
    """Lock each agency's chain (in id order: no deadlocks), number, hash and insert its entries."""
    stored: list[AuditEntry] = []
    for agency_id in sorted({e["agency_id"] for e in entries}):
        await lock_agency_chain(connection, agency_id)
        last = (
            await AuditEntry.filter(agency_id=agency_id)
            .using_db(connection)
            .order_by("-seq")
            .first()
            .values("seq", "hash")
        )
        seq = last["seq"] if last else 0
        prev_hash = last["hash"] if last else GENESIS
        rows = []
        for body in (e for e in entries if e["agency_id"] == agency_id):
            seq += 1
            canonical = canonical_json({**body, "seq": seq})
            digest = chain_hash(prev_hash, canonical)
            rows.append(
                AuditEntry(
                    agency_id=agency_id,
                    seq=seq,
                    action=body["action"],
                    subject_type=body["subject"]["type"],
                    subject_id=body["subject"]["id"],
                    actor_username=body["actor"],
                    canonical=canonical,
                    prev_hash=prev_hash,
                    hash=digest,
                    created_at=body["at"],
                )
            )
            prev_hash = digest
        if len(rows) == 1:
            await rows[0].save(using_db=connection)
        else:
            await AuditEntry.bulk_create(rows, using_db=connection)
        stored += rows
    return stored


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


async def verify_chain(agency_id: int, *, batch: int = 20_000) -> ChainReport:
    """Walk an agency's chain from its start; name the first entry that does not link.

    Rows are read in ``seq`` order in large batches (the next batch is fetched while this one is
    hashed), with the canonical text as bytes, and checked in one tight loop.
    """
    connection = connections.get("default")
    postgres = connection.capabilities.dialect == "postgres"
    text = "convert_to(canonical, 'UTF8')" if postgres else "CAST(canonical AS BLOB)"
    mark = ("$1", "$2", "$3") if postgres else ("?", "?", "?")
    sql = (
        f'SELECT seq, {text}, prev_hash, hash FROM "audit_entry" WHERE agency_id = {mark[0]} '
        f"AND seq > {mark[1]} ORDER BY seq LIMIT {mark[2]}"
    )

    async def fetch(after: int) -> list[Any]:
        return list((await connection.execute_query(sql, [agency_id, after, batch]))[1])

    state = _Walk(agency_id)
    rows = await fetch(0)
    while rows:
        following = asyncio.ensure_future(fetch(rows[-1][0]))
        problem = state.walk(rows)
        if problem:
            following.cancel()
            return ChainReport(agency_id, state.count, state.prev, state.broken, problem)
        rows = await following
    return ChainReport(agency_id, state.count, state.prev)


class _Walk:
    """The verifier's loop: expected position, previous hash, entries checked so far."""

    def __init__(self, agency_id: int) -> None:
        self.agency = f',"agency_id":{agency_id},"at":"'.encode()
        self.prev = GENESIS
        self.seq = 1
        self.count = 0
        self.broken: int | None = None

    def walk(self, rows: list[Any]) -> str:
        sha256, agency, prev, seq = hashlib.sha256, self.agency, self.prev, self.seq
        try:
            for row in rows:
                canonical = bytes(row[1])
                problem = ""
                if row[0] != seq:
                    problem = f"expected entry {seq}, found {row[0]} (missing or reordered)"
                elif row[2] != prev:
                    problem = "prev_hash does not match the previous entry's hash"
                elif sha256(prev.encode() + canonical).hexdigest() != row[3]:
                    problem = "hash does not match the entry's content"
                elif not _names(canonical, seq, agency):
                    problem = "entry content names another position or agency"
                if problem:
                    self.broken = row[0]
                    return problem
                prev = row[3]
                seq += 1
            return ""
        finally:
            self.count += seq - self.seq
            self.prev, self.seq = prev, seq


def _names(canonical: bytes, seq: int, agency: bytes) -> bool:
    """The canonical text's own ``seq`` and ``agency_id`` (sorted keys: read without parsing).

    ``"subject"`` is the last key and holds two strings, so the last ``,"seq":`` is the entry's
    own; ``agency_id`` is followed by ``at`` at the top level.
    """
    at = canonical.rfind(b',"seq":')
    return (
        at >= 0
        and canonical.startswith(b',"seq":%d,"subject":{' % seq, at)
        and canonical.endswith(b'"}}')
        and agency in canonical
    )
