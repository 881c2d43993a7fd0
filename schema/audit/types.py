"""GraphQL type of one audit log entry."""

from __future__ import annotations

import json
from typing import Any

import strawberry
from strawberry.scalars import JSON

from portal import models
from schema.relay import Node


@strawberry.type(description="One link of the agency's audit hash chain.")
class AuditEntry(Node):
    seq: int
    action: str
    subject_type: str
    subject_id: str
    actor: str = strawberry.field(description="Username (or token name) of who acted.")
    created_at: str = strawberry.field(description="UTC ISO time, exactly as hashed.")
    hash: str
    prev_hash: str
    canonical: strawberry.Private[str]

    @strawberry.field(description="State before the change, if recorded.")
    def before(self) -> JSON | None:
        return self._parsed().get("before")

    @strawberry.field(description="State after the change, if recorded.")
    def after(self) -> JSON | None:
        return self._parsed().get("after")

    def _parsed(self) -> dict[str, Any]:
        try:
            data = json.loads(self.canonical)
        except ValueError:
            return {}
        return data if isinstance(data, dict) else {}

    @classmethod
    def from_model(cls, row: models.AuditEntry) -> AuditEntry:
        return cls(
            pk=row.id,
            seq=row.seq,
            action=row.action,
            subject_type=row.subject_type,
            subject_id=row.subject_id,
            actor=row.actor_username,
            created_at=row.created_at,
            hash=row.hash,
            prev_hash=row.prev_hash,
            canonical=row.canonical,
        )
