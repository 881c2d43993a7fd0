"""Queries about the viewer and employees."""

from __future__ import annotations

import strawberry

from portal import models
from schema.context import Info
from schema.employees.types import Employee, Viewer


@strawberry.type
class Query:
    @strawberry.field(description="Who is asking; null when anonymous.")
    async def viewer(self, info: Info) -> Viewer | None:
        viewer = info.context.viewer
        if viewer is None:
            return None
        employee = None
        if viewer.employee_id is not None:
            record = await models.Employee.get_or_none(
                id=viewer.employee_id, agency_id=viewer.agency_id
            )
            employee = Employee.from_model(record) if record else None
        return Viewer(
            username=viewer.username,
            roles=sorted(r.value for r in viewer.roles),
            agency=viewer.agency_code,
            employee=employee,
        )
