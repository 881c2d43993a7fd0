"""Pemutakhiran data mandiri: an employee's own correction, checked and applied as HR's would be.

The same validation and the same write as HR's ``correctEmployee``
(``workflows.personnel.personal_data``): checked when the employee submits, checked again and
written in the approving transaction, with the audit entry naming the request.
"""

from __future__ import annotations

from typing import Any

from tortoise.backends.base.client import BaseDBAsyncClient

from portal.models import CareerRequest, Employee
from workflows.career.details import DataCorrectionDetails
from workflows.messages import invalid
from workflows.personnel.personal_data import PersonalData, corrected_fields, write_correction


def check_correction(employee: Employee, details: DataCorrectionDetails) -> dict[str, Any]:
    """The fields that would change; ValidationFailed for a bad value or no change at all."""
    changed = corrected_fields(employee, PersonalData(**details.corrections()))
    if not changed:
        raise invalid("corrections.invalid.no_change", field="details")
    return changed


async def apply_correction(
    conn: BaseDBAsyncClient,
    *,
    employee: Employee,
    request: CareerRequest,
    details: DataCorrectionDetails,
    actor: str,
) -> None:
    """Write the approved correction in the approving transaction (re-checked on today's record)."""
    changed = check_correction(employee, details)
    await write_correction(
        conn,
        agency_id=employee.agency_id,
        actor=actor,
        employee=employee,
        changed=changed,
        extra={"career_request_id": request.id},
    )
