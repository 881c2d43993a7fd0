"""The audit log's only writer, and its verifier.

One SHA-256 hash chain per agency: ``hash = sha256(prev_hash + canonical)``, where ``canonical``
is the entry's JSON with sorted keys and UTC ISO timestamps, stored exactly as hashed. Appends are
serialised per agency inside the caller's transaction (``pg_advisory_xact_lock`` on PostgreSQL,
an immediate write lock on SQLite), so the chain never forks.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from datetime import UTC, date, datetime
from decimal import Decimal
from enum import Enum
from typing import Any

from tortoise.backends.base.client import BaseDBAsyncClient

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
) -> AuditEntry:
    """Append one entry to the agency's chain, in the caller's transaction ``connection``."""
    await lock_agency_chain(connection, agency_id)
    last = (
        await AuditEntry.filter(agency_id=agency_id)
        .using_db(connection)
        .order_by("-seq")
        .first()
        .values("seq", "hash")
    )
    seq = (last["seq"] + 1) if last else 1
    prev_hash = last["hash"] if last else GENESIS
    created_at = clock.now().astimezone(UTC).isoformat()
    body = {
        "agency_id": agency_id,
        "seq": seq,
        "actor": actor,
        "action": action,
        "subject": {"type": subject_type, "id": str(subject_id)},
        "before": before,
        "after": after,
        "extra": extra or {},
        "at": created_at,
    }
    canonical = canonical_json(body)
    return await AuditEntry.create(
        using_db=connection,
        agency_id=agency_id,
        seq=seq,
        action=action,
        subject_type=subject_type,
        subject_id=str(subject_id),
        actor_username=actor,
        canonical=canonical,
        prev_hash=prev_hash,
        hash=chain_hash(prev_hash, canonical),
        created_at=created_at,
    )


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


async def verify_chain(agency_id: int, *, batch: int = 1000) -> ChainReport:
    """Walk an agency's chain from its start; name the first entry that does not link."""
    prev = GENESIS
    expected_seq = 1
    count = 0
    last_id = 0
    while True:
        rows = (
            await AuditEntry.filter(agency_id=agency_id, id__gt=last_id)
            .order_by("id")
            .limit(batch)
            .values("id", "seq", "canonical", "prev_hash", "hash")
        )
        if not rows:
            return ChainReport(agency_id, count, prev)
        for row in rows:
            problem = _check(row, prev=prev, expected_seq=expected_seq, agency_id=agency_id)
            if problem:
                return ChainReport(agency_id, count, prev, row["seq"], problem)
            prev = row["hash"]
            expected_seq += 1
            count += 1
            last_id = row["id"]


def _check(row: dict[str, Any], *, prev: str, expected_seq: int, agency_id: int) -> str:
    if row["seq"] != expected_seq:
        return f"expected entry {expected_seq}, found {row['seq']} (missing or reordered)"
    if row["prev_hash"] != prev:
        return "prev_hash does not match the previous entry's hash"
    if chain_hash(prev, row["canonical"]) != row["hash"]:
        return "hash does not match the entry's content"
    try:
        body = json.loads(row["canonical"])
    except ValueError:
        return "canonical text is not JSON"
    if body.get("seq") != row["seq"] or body.get("agency_id") != agency_id:
        return "entry content names another position or agency"
    return ""
