"""The audit log's only writer.

Entries are chained per agency (format: :mod:`workflows.chain`) so the chain never forks: the
agency's lock (``pg_advisory_xact_lock`` on PostgreSQL, the database's write lock on SQLite) is
held from the moment an entry is numbered and linked to the head until its transaction ends, so
an entry is in the chain exactly when the change it records has committed.

Inside :func:`transaction` an append is only noted, so the lock is taken at the end. On
PostgreSQL each entry is written to ``audit_pending`` as it comes, and one ``audit_chain_seal``
call (migration 0015) takes the lock, reads the head and moves the entries into ``audit_entry``,
numbered and hashed: the lock is held for that one statement and the commit. The chain is in
commit order while each entry's ``at`` is when its change was made, so two neighbouring entries
of concurrent transactions may be out of time order by up to a transaction. The verifier is
:mod:`workflows.audit_verify` (re-exported here).
"""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from contextvars import ContextVar
from dataclasses import dataclass, field
from datetime import UTC
from typing import Any

from tortoise.backends.base.client import BaseDBAsyncClient
from tortoise.transactions import in_transaction

from portal.clock import clock
from portal.models import AuditEntry
from workflows.audit_verify import ChainReport, verify_chain
from workflows.chain import GENESIS, canonical_json, chain_hash

__all__ = [
    "GENESIS",
    "ChainReport",
    "append",
    "canonical_json",
    "chain_hash",
    "lock_agency_chain",
    "transaction",
    "verify_chain",
]

_LOCK_NAMESPACE = 0x4A454E  # "JEN": advisory-lock class for audit chains


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
    """What one :func:`transaction` noted, chained at its end."""

    connections: list[BaseDBAsyncClient]
    joins: bool  # PostgreSQL: nested blocks' entries are chained with this one's, at its end
    entries: list[dict[str, Any]] = field(default_factory=list)  # SQLite: bodies to chain
    written: dict[int, list[int]] = field(default_factory=dict)  # PostgreSQL: agency -> pending

    def holds(self, connection: BaseDBAsyncClient) -> bool:
        return any(c is connection for c in self.connections)


_pending: ContextVar[_Pending | None] = ContextVar("jenjang_audit_pending", default=None)


def _postgres(connection: BaseDBAsyncClient) -> bool:
    return connection.capabilities.dialect == "postgres"


@asynccontextmanager
async def transaction() -> AsyncIterator[BaseDBAsyncClient]:
    """``in_transaction()`` whose audit entries are chained in one short step at its end.

    On PostgreSQL the entries are written to ``audit_pending`` as they come and chained by one
    ``audit_chain_seal`` call just before the commit; a :func:`transaction` nested in another
    is a savepoint whose entries are chained with the outer one's. On SQLite the entries are
    noted and chained at the end of each block.
    """
    outer = _pending.get()
    if outer is not None and outer.joins:
        async with in_transaction() as connection:  # a savepoint: its rows go if it fails
            outer.connections.append(connection)
            yield connection
        return
    async with in_transaction() as connection:
        pending = _Pending([connection], joins=_postgres(connection))
        token = _pending.set(pending)
        try:
            yield connection
            await _seal_inside(connection, pending)
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

    Returns the stored entry, or None inside :func:`transaction` (it is chained at its end).
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
    ours = pending is not None and pending.holds(connection)
    if not _postgres(connection):
        if pending is not None and ours:
            pending.entries.append(entry)
            return None
        return (await _seal_here(connection, [entry]))[0]
    written = await _write_pending(connection, entry)
    if pending is not None and ours:
        pending.written.setdefault(agency_id, []).append(written)
        return None
    # None only outside a transaction, when another writer chained it first.
    return next((e for p, e in await _seal(connection, agency_id, [written]) if p == written), None)


def _split(body: dict[str, Any]) -> tuple[str, str]:
    """The entry's canonical text around its ``seq``: ``head + str(seq) + tail``.

    ``seq`` sorts just before ``subject``, the last key (quotes inside strings are escaped, so
    the last ``,"seq":0,"subject":`` is the entry's own).
    """
    text = canonical_json({**body, "seq": 0})
    at = text.rindex(',"seq":0,"subject":') + len(',"seq":')
    return text[:at], text[at + 1 :]


_WRITE = (
    'INSERT INTO "audit_pending" (agency_id, head, tail, action, subject_type, subject_id, '
    "actor_username, created_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING id"
)
_SEAL = "SELECT * FROM audit_chain_seal($1, $2, $3)"


async def _write_pending(connection: BaseDBAsyncClient, body: dict[str, Any]) -> int:
    head, tail = _split(body)
    subject = body["subject"]
    values = [body["agency_id"], head, tail, body["action"], subject["type"], subject["id"]]
    rows = await connection.execute_query_dict(_WRITE, [*values, body["actor"], body["at"]])
    return int(rows[0]["id"])


async def _seal(
    connection: BaseDBAsyncClient, agency_id: int, mine: list[int]
) -> list[tuple[int, AuditEntry]]:
    """PostgreSQL: chain the agency's pending entries (unless ``mine`` are chained already)."""
    _, rows = await connection.execute_query(_SEAL, [_LOCK_NAMESPACE, agency_id, mine])
    return [
        (
            r["pending_id"],
            AuditEntry.construct(
                _saved_in_db=True,
                id=r["entry_id"],
                agency_id=agency_id,
                seq=r["entry_seq"],
                prev_hash=r["entry_prev"],
                hash=r["entry_hash"],
            ),
        )
        for r in rows
    ]


async def _seal_inside(connection: BaseDBAsyncClient, pending: _Pending) -> None:
    """Chain the entries in the transaction itself (lock held until it ends)."""
    if pending.entries:
        await _seal_here(connection, pending.entries)
    for agency_id in sorted(pending.written):  # in id order: no deadlocks
        await _seal(connection, agency_id, pending.written[agency_id])


async def _seal_here(
    connection: BaseDBAsyncClient, entries: list[dict[str, Any]]
) -> list[AuditEntry]:
    """SQLite: lock each agency's chain (in id order), number, hash and insert its entries."""
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
            head, tail = _split(body)
            seq += 1
            canonical = head + str(seq) + tail
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
