"""The audit log query (HR and admin of the agency)."""

from __future__ import annotations

import strawberry

from portal import models
from schema.audit.types import AuditEntry
from schema.context import Info
from schema.permissions import CanReadAuditLog
from schema.relay import Connection, decode_id, paginate


@strawberry.input(description="Narrow the audit log; all given conditions must hold.")
class AuditLogFilter:
    action: str | None = strawberry.field(default=None, description="e.g. career_request.approve")
    subject_type: str | None = strawberry.field(default=None, description="e.g. career_request")
    subject_id: str | None = strawberry.field(
        default=None, description="The subject's database id or global ID"
    )
    actor: str | None = strawberry.field(default=None, description="Username")


@strawberry.type
class Query:
    @strawberry.field(
        description="The agency's audit log, newest first (HR and admin).",
        permission_classes=[CanReadAuditLog],
    )
    async def audit_log(
        self,
        info: Info,
        filter: AuditLogFilter | None = None,
        first: int | None = None,
        after: str | None = None,
    ) -> Connection[AuditEntry]:
        viewer = info.context.viewer
        assert viewer is not None
        query = models.AuditEntry.filter(agency_id=viewer.agency_id)
        if filter is not None:
            if filter.action:
                query = query.filter(action=filter.action)
            if filter.subject_type:
                query = query.filter(subject_type=filter.subject_type)
            if filter.subject_id:
                raw = filter.subject_id.strip()
                subject = raw if raw.isdigit() else str(decode_id(raw))
                query = query.filter(subject_id=subject)
            if filter.actor:
                query = query.filter(actor_username=filter.actor)
        return await paginate(
            info, query, first=first, after=after, order_by=("-seq",), convert=AuditEntry.from_model
        )
