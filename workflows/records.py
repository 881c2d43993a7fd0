"""The record of employment: creating employees and reading who supervises whom.

Every change here writes its audit entry in the same transaction.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from tortoise.exceptions import IntegrityError
from tortoise.transactions import in_transaction

from portal.models import Agency, Employee, OrgUnit, Position, PositionHistory, RankHistory
from portal.vocabulary import Education, EmployeeStatus, EmployeeType, Gender, Rank
from workflows import audit
from workflows.messages import invalid, missing
from workflows.nip import validate_nip


@dataclass(frozen=True)
class NewEmployee:
    """Input for :func:`create_employee`, validated before anything is written."""

    agency_code: str
    nip: str
    name: str
    gender: Gender
    birth_date: date
    appointment_date: date
    employee_type: EmployeeType
    education: Education
    org_unit_code: str
    rank: Rank | None = None
    rank_since: date | None = None
    position_code: str | None = None
    position_since: date | None = None
    status: EmployeeStatus = EmployeeStatus.ACTIVE


def validate_new_employee(data: NewEmployee) -> None:
    """The checks of a new record: a name, the NIP's parts, rank and posting pairs."""
    if not data.name.strip():
        raise invalid("records.new.name_required", field="name")
    validate_nip(
        data.nip,
        birth_date=data.birth_date,
        appointment_date=data.appointment_date,
        gender=data.gender,
    )
    if data.employee_type != EmployeeType.PPPK and data.rank is None:
        raise invalid("records.new.rank_required", field="rank")
    if (data.rank is None) != (data.rank_since is None):
        raise invalid("records.new.rank_pair", field="rank_since")
    if (data.position_code is None) != (data.position_since is None):
        raise invalid("records.new.position_pair", field="position_since")


async def create_employee(data: NewEmployee, *, actor: str) -> Employee:
    """Create an employee with their first rank and position history; all or nothing."""
    validate_new_employee(data)
    agency = await Agency.get_or_none(code=data.agency_code)
    if agency is None:
        raise missing("records.new.unknown_agency", code=data.agency_code)
    if await Employee.exists(nip=data.nip):
        raise invalid("records.invalid.nip_registered", field="nip", nip=data.nip)
    unit = await OrgUnit.get_or_none(agency=agency, code=data.org_unit_code)
    if unit is None:
        raise missing("records.new.unknown_org_unit", code=data.org_unit_code, agency=agency.code)
    position = None
    if data.position_code:
        position = await Position.get_or_none(agency=agency, code=data.position_code)
        if position is None:
            raise missing(
                "records.new.unknown_position", code=data.position_code, agency=agency.code
            )
    try:
        async with in_transaction() as conn:
            employee = await Employee.create(
                using_db=conn,
                agency=agency,
                nip=data.nip,
                name=data.name.strip(),
                gender=data.gender,
                birth_date=data.birth_date,
                appointment_date=data.appointment_date.replace(day=1),
                employee_type=data.employee_type,
                rank=data.rank,
                rank_since=data.rank_since,
                education=data.education,
                position=position,
                position_since=data.position_since,
                org_unit=unit,
                status=data.status,
            )
            if data.rank is not None and data.rank_since is not None:
                await RankHistory.create(
                    using_db=conn,
                    agency=agency,
                    employee=employee,
                    rank=data.rank,
                    since=data.rank_since,
                )
            if position is not None and data.position_since is not None:
                await PositionHistory.create(
                    using_db=conn,
                    agency=agency,
                    employee=employee,
                    position=position,
                    org_unit=unit,
                    since=data.position_since,
                )
            await audit.append(
                conn,
                agency_id=agency.id,
                actor=actor,
                action="employee.create",
                subject_type="employee",
                subject_id=employee.id,
                after={
                    "nip": employee.nip,
                    "name": employee.name,
                    "rank": data.rank.code if data.rank else None,
                    "position": data.position_code,
                    "org_unit": data.org_unit_code,
                },
            )
    except IntegrityError:
        raise invalid("records.invalid.nip_registered", field="nip", nip=data.nip) from None
    return employee
