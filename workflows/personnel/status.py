"""Status changes of an employee: leave, suspension, retirement, dismissal, return to duty.

A date in the future is scheduled (``ScheduledChange``, applied on its date); today or a past date
applies now. Leaving the service (retirement, dismissal) vacates the posting and closes the login.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from tortoise.backends.base.client import BaseDBAsyncClient
from tortoise.transactions import in_transaction

from portal.clock import clock
from portal.models import Employee, PositionHistory, ScheduledChange, User
from portal.viewer import Viewer
from portal.vocabulary import ChangeKind, EmployeeStatus
from workflows.messages import invalid
from workflows.personnel.access import check_date, check_text, employee_of, require_keeper
from workflows.personnel.employees import audit_employee

# Leaving the service empties the posting and closes the login.
LEAVING = (EmployeeStatus.RETIRED, EmployeeStatus.DISMISSED)


async def change_status(
    *,
    actor: Viewer,
    employee_id: int,
    status: EmployeeStatus,
    effective_on: date,
    reason: str,
    decree_number: str = "",
) -> ScheduledChange | None:
    """Leave, suspension, retirement, dismissal, return to active duty.

    A date in the future is scheduled (the record keeps the current status until then); today
    or a past date applies now. Retirement and dismissal empty the posting and close the login.
    Returns the scheduled change, or None when applied.
    """
    require_keeper(actor)
    check_date(effective_on, field="effectiveOn")
    reason = check_text(reason, field="reason", limit=1000)
    decree_number = check_text(decree_number, field="decreeNumber", limit=100, required=False)
    employee = await employee_of(actor, employee_id)
    if EmployeeStatus(employee.status) == status:
        raise invalid("records.invalid.same_status", field="status")
    change = {"status": status, "reason": reason}
    async with in_transaction() as conn:
        if effective_on > clock.today():
            scheduled = await ScheduledChange.create(
                using_db=conn,
                agency_id=actor.agency_id,
                employee_id=employee.id,
                kind=ChangeKind.STATUS,
                effective_on=effective_on,
                change=change,
                decree_number=decree_number,
            )
            await audit_employee(
                conn,
                actor,
                employee,
                "employee.status.schedule",
                None,
                {**change, "effective_on": effective_on, "decree_number": decree_number},
            )
            return scheduled
        await apply_status(conn, employee, status, effective_on)
        await audit_employee(
            conn,
            actor,
            employee,
            "employee.status",
            {"status": employee.status},
            {**change, "effective_on": effective_on, "decree_number": decree_number},
        )
    return None


async def apply_status(
    conn: BaseDBAsyncClient, employee: Employee, status: EmployeeStatus, on: date
) -> None:
    """Set the status; leaving the service also vacates the posting and closes the login."""
    values: dict[str, Any] = {"status": status}
    if status in LEAVING:
        values.update(position_id=None, position_since=None)
        await (
            PositionHistory.filter(employee_id=employee.id, until=None)
            .using_db(conn)
            .update(until=on)
        )
        await User.filter(employee_id=employee.id).using_db(conn).update(is_active=False)
    await Employee.filter(id=employee.id).using_db(conn).update(**values)
    employee.update_from_dict(values)
