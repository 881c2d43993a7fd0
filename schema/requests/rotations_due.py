"""``rotationsDue``: who has been in their posting past the rotation point, for HR and admin.

PP 11/2017 Pasal 190: a rotation is due after 5 years in the posting (``rotation_max_years``);
being due never bars a request. The list is the domain's ``eligibility.due_for_rotation``.
"""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING, Annotated

import strawberry

from portal.clock import clock
from schema.context import Info
from schema.errors import forbidden_text
from schema.permissions import require_viewer
from schema.personnel.types import may_manage_accounts
from workflows.career.eligibility import due_for_rotation
from workflows.career.rules import years_between
from workflows.merit.lookups import rules_for

if TYPE_CHECKING:
    from schema.employees.types import Employee

EmployeeRef = Annotated["Employee", strawberry.lazy("schema.employees.types")]


@strawberry.type(description="An employee for whom a rotation is due (PP 11/2017 Pasal 190).")
class RotationDue:
    since: date = strawberry.field(description="In the current posting since.")
    years: float = strawberry.field(description="Years in the posting, one decimal.")
    employee_pk: strawberry.Private[int]

    @strawberry.field
    async def employee(self, info: Info) -> EmployeeRef | None:
        from schema.employees.types import load_employee

        return await load_employee(info, self.employee_pk)


@strawberry.type
class Query:
    @strawberry.field(
        description="Active employees past the rotation point in their posting (5 years by "
        "default, a setting per agency), longest first; HR and administrators only."
    )
    async def rotations_due(self, info: Info) -> list[RotationDue]:
        viewer = require_viewer(info)
        if not may_manage_accounts(info):
            raise forbidden_text("schedule.rotations_due.forbidden")
        today = clock.today()
        found = await due_for_rotation(viewer.agency_id, await rules_for(viewer.agency_id))
        return [
            RotationDue(
                since=e.position_since,
                years=round(years_between(e.position_since, today), 1),
                employee_pk=e.id,
            )
            for e in found
            if e.position_since is not None
        ]
