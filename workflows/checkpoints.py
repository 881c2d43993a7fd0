"""Signed checkpoints of the audit chains, kept outside the database.

A checkpoint records each chain's length and head hash, signed with HMAC-SHA256 of the server
secret. A chain rewritten consistently from its start (possible for a database superuser) still
verifies on its own, but no longer holds the checkpointed hash at the checkpointed position.
"""

from __future__ import annotations

import hashlib
import hmac
from dataclasses import dataclass
from typing import Any

from portal.clock import clock
from portal.models import Agency, AuditEntry
from workflows.audit import GENESIS, canonical_json


def _sign(body: dict[str, Any], secret: str) -> str:
    return hmac.new(secret.encode(), canonical_json(body).encode(), hashlib.sha256).hexdigest()


async def make_checkpoint(*, secret: str) -> dict[str, Any]:
    """Every agency's chain head, each signed: ``{"created_at", "chains": [...]}``."""
    chains = []
    for agency in await Agency.all().order_by("id"):
        last = (
            await AuditEntry.filter(agency_id=agency.id)
            .order_by("-seq")
            .first()
            .values("seq", "hash")
        )
        body = {
            "agency": agency.code,
            "agency_id": agency.id,
            "seq": last["seq"] if last else 0,
            "head": last["hash"] if last else GENESIS,
        }
        chains.append({**body, "signature": _sign(body, secret)})
    return {"created_at": clock.now().isoformat(), "chains": chains}


@dataclass(frozen=True)
class CheckpointProblem:
    agency: str
    seq: int
    problem: str


async def check_against(
    checkpoint: dict[str, Any], *, secret: str, agency: str | None = None
) -> list[CheckpointProblem]:
    """Problems found comparing the database with a saved checkpoint (empty when it matches)."""
    problems = []
    for chain in checkpoint.get("chains", []):
        if agency is not None and chain.get("agency") != agency:
            continue
        body = {k: chain.get(k) for k in ("agency", "agency_id", "seq", "head")}
        name, seq = str(body["agency"]), int(body["seq"] or 0)
        if not hmac.compare_digest(_sign(body, secret), str(chain.get("signature", ""))):
            problems.append(CheckpointProblem(name, seq, "checkpoint signature is not valid"))
            continue
        if seq == 0:
            continue
        row = await AuditEntry.filter(agency_id=body["agency_id"], seq=seq).first().values("hash")
        if row is None:
            problems.append(CheckpointProblem(name, seq, "entry of the checkpoint is missing"))
        elif row["hash"] != body["head"]:
            problems.append(
                CheckpointProblem(name, seq, "chain differs from the checkpoint (rewritten)")
            )
    return problems
