"""Creating an employee's record, with the first rank and posting, and the record's audit entry.

The checks are those of the CSV import and ``workflows.records``: the NIP's parts against the
record (Perka BKN 22/2007), one agency, a rank for PNS and CPNS but none for PPPK. Correcting the
personal data is ``workflows.personnel.personal_data``; changing the status (leave, dismissal,
...) is ``workflows.personnel.status``.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date
from typing import Any

from tortoise.backends.base.client import BaseDBAsyncClient
from tortoise.exceptions import IntegrityError
from tortoise.transactions import in_transaction

from portal.models import Employee, PositionHistory, RankHistory
from portal.viewer import Viewer
from portal.vocabulary import Education, EmployeeType, Gender, Rank
from workflows import audit
from workflows.errors import ValidationFailed
from workflows.messages import invalid, text_of
from workflows.personnel.access import (
    actor_name,
    check_date,
    check_text,
    org_unit_of,
    position_of,
    require_keeper,
)
from workflows.personnel.personal_data import check_nip, check_type, nip_free, snapshot
from workflows.records import NewEmployee, validate_new_employee


@dataclass(frozen=True)
class EmployeeInput:
    """A new employee as HR enters it."""

    nip: str
    name: str
    gender: Gender
    birth_date: date
    appointment_date: date  # TMT CPNS (for PPPK: the contract start)
    employee_type: EmployeeType
    education: Education
    org_unit_id: int
    pns_date: date | None = None  # TMT PNS
    rank: Rank | None = None
    rank_since: date | None = None
    position_id: int | None = None
    position_since: date | None = None
    education_major: str = ""
    email: str = ""


async def create_employee(*, actor: Viewer, data: EmployeeInput) -> Employee:
    """A new employee with their first rank and posting; all or nothing, audited."""
    require_keeper(actor)
    for name in ("birth_date", "appointment_date", "pns_date", "rank_since", "position_since"):
        check_date(getattr(data, name), field=name)
    data = replace(
        data,
        name=check_text(data.name, field="name", limit=200),
        education_major=check_text(
            data.education_major, field="educationMajor", limit=200, required=False
        ),
        email=check_text(data.email, field="email", limit=200, required=False),
    )
    check_nip(
        data.nip,
        birth_date=data.birth_date,
        appointment_date=data.appointment_date,
        gender=data.gender,
    )
    if data.employee_type == EmployeeType.PPPK and data.rank is not None:
        raise invalid("records.invalid.pppk_rank", field="rank")
    try:
        validate_new_employee(_as_new(actor, data))
    except ValidationFailed as error:
        detail = text_of(error) or error.message
        raise invalid("records.invalid.record", field=error.field, detail=detail) from None
    check_type(data.employee_type, pns_date=data.pns_date, appointed=data.appointment_date)
    await nip_free(data.nip, actor)
    unit = await org_unit_of(actor, data.org_unit_id)
    position = None
    if data.position_id is not None:
        position = await position_of(actor, data.position_id)
        if position.closed_on is not None:
            raise invalid("records.invalid.position_closed", field="positionId", code=position.code)
        if position.org_unit_id != unit.id:
            raise invalid("records.invalid.position_unit", field="positionId", code=position.code)
    try:
        async with in_transaction() as conn:
            employee = await Employee.create(
                using_db=conn,
                agency_id=actor.agency_id,
                nip=data.nip,
                name=data.name,
                gender=data.gender,
                birth_date=data.birth_date,
                appointment_date=data.appointment_date.replace(day=1),
                pns_date=data.pns_date,
                employee_type=data.employee_type,
                rank=data.rank,
                rank_since=data.rank_since,
                education=data.education,
                education_major=data.education_major,
                position=position,
                position_since=data.position_since,
                org_unit=unit,
                email=data.email,
            )
            if data.rank is not None and data.rank_since is not None:
                await RankHistory.create(
                    using_db=conn,
                    agency_id=actor.agency_id,
                    employee=employee,
                    rank=data.rank,
                    since=data.rank_since,
                )
            if position is not None and data.position_since is not None:
                await PositionHistory.create(
                    using_db=conn,
                    agency_id=actor.agency_id,
                    employee=employee,
                    position=position,
                    org_unit=unit,
                    since=data.position_since,
                )
            await audit_employee(conn, actor, employee, "employee.create", None, snapshot(employee))
    except IntegrityError:
        raise invalid("records.invalid.nip_taken", field="nip", nip=data.nip) from None
    return employee


def _as_new(actor: Viewer, data: EmployeeInput) -> NewEmployee:
    return NewEmployee(
        agency_code=actor.agency_code,
        nip=data.nip,
        name=data.name,
        gender=data.gender,
        birth_date=data.birth_date,
        appointment_date=data.appointment_date,
        employee_type=data.employee_type,
        education=data.education,
        org_unit_code=str(data.org_unit_id),
        rank=data.rank,
        rank_since=data.rank_since,
        position_code=str(data.position_id) if data.position_id is not None else None,
        position_since=data.position_since,
    )


async def audit_employee(
    conn: BaseDBAsyncClient,
    actor: Viewer,
    employee: Employee,
    action: str,
    before: dict[str, Any] | None,
    after: dict[str, Any],
) -> None:
    await audit.append(
        conn,
        agency_id=actor.agency_id,
        actor=actor_name(actor),
        action=action,
        subject_type="employee",
        subject_id=employee.id,
        before=before,
        after={"nip": employee.nip, **after},
    )
