"""``retirementsDue``: who reaches their retirement age (BUP) soon, for HR and administrators."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING, Annotated

import strawberry

from portal.clock import clock
from schema.context import Info
from schema.errors import bad_input_text, forbidden_text
from schema.permissions import require_viewer
from schema.personnel.types import may_manage_accounts
from workflows.personnel.retirement import due_within

if TYPE_CHECKING:
    from schema.employees.types import Employee

EmployeeRef = Annotated["Employee", strawberry.lazy("schema.employees.types")]
MAX_MONTHS = 60


@strawberry.type(description="An employee who reaches the BUP of their position soon.")
class RetirementDue:
    age: int = strawberry.field(description="The BUP, in years.")
    on: date = strawberry.field(description="The first day of the month after the birthday.")
    employee_pk: strawberry.Private[int]

    @strawberry.field
    async def employee(self, info: Info) -> EmployeeRef | None:
        from schema.employees.types import load_employee

        return await load_employee(info, self.employee_pk)


@strawberry.type
class Query:
    @strawberry.field(
        description="Employees in service whose retirement falls within `months` (default 12), "
        "soonest first; overdue ones included (PP 11/2017 Pasal 239 jo PP 17/2020)."
    )
    async def retirements_due(self, info: Info, months: int = 12) -> list[RetirementDue]:
        viewer = require_viewer(info)
        if not may_manage_accounts(info):
            raise forbidden_text("errors.retirements.hr_and_admin")
        if not 0 <= months <= MAX_MONTHS:
            raise bad_input_text("errors.retirements.months", most=MAX_MONTHS, months=months)
        found = await due_within(agency_id=viewer.agency_id, today=clock.today(), months=months)
        return [RetirementDue(age=d.age, on=d.on, employee_pk=d.employee_id) for d in found]
