"""Creating employees: validation, all-or-nothing writes, supervisors from the position tree."""

from dataclasses import replace
from datetime import date
from typing import Any

import pytest

from portal.models import AuditEntry, Employee, PositionHistory, RankHistory
from portal.vocabulary import Education, EmployeeType, Gender, Rank
from tests import factories
from workflows.access import supervisor_of
from workflows.errors import NotFound, ValidationFailed
from workflows.messages import localise
from workflows.records import NewEmployee, create_employee


def _new(**overrides: Any) -> NewEmployee:
    """A valid new employee, with ``overrides`` (field values) in place of the defaults."""
    valid = NewEmployee(
        agency_code="serang",
        nip="199001172015032001",
        name="Siti Aminah",
        gender=Gender.FEMALE,
        birth_date=date(1990, 1, 17),
        appointment_date=date(2015, 3, 1),
        employee_type=EmployeeType.PNS,
        education=Education.S1,
        org_unit_code="BKPSDM",
        rank=Rank.III_A,
        rank_since=date(2019, 4, 1),
    )
    return replace(valid, **overrides)


async def test_creates_employee_with_history_and_audit(db) -> None:
    # given
    ag = await factories.agency()
    await factories.org_unit(ag)
    # when
    employee = await create_employee(_new(), actor="hr.serang")
    # then
    assert await RankHistory.filter(employee=employee, rank=Rank.III_A).count() == 1
    entry = await AuditEntry.get(agency=ag, subject_id=str(employee.id))
    assert entry.action == "employee.create" and entry.seq == 1


@pytest.mark.parametrize(
    ("overrides", "error", "fragment"),
    [
        ({"nip": "199001182015032001"}, ValidationFailed, "birth date"),
        ({"gender": Gender.MALE}, ValidationFailed, "gender"),
        ({"appointment_date": date(2016, 3, 1)}, ValidationFailed, "appointment"),
        ({"agency_code": "atlantis"}, NotFound, "unknown agency"),
        ({"org_unit_code": "NOPE"}, NotFound, 'org unit "nope" does not exist'),
        ({"rank": None, "rank_since": None}, ValidationFailed, "needs a rank"),
        ({"name": "  "}, ValidationFailed, "name"),
    ],
)
async def test_bad_input_writes_nothing(db, overrides, error, fragment) -> None:
    ag = await factories.agency()
    await factories.org_unit(ag)
    with pytest.raises(error) as refused:
        await create_employee(_new(**overrides), actor="hr")
    assert fragment in localise(refused.value, "en").message.lower()
    assert await Employee.all().count() == 0
    assert await AuditEntry.all().count() == 0


async def test_duplicate_nip_refused_across_agencies(db) -> None:
    serang = await factories.agency()
    await factories.org_unit(serang)
    tangsel = await factories.agency("tangsel", "Pemerintah Kota Tangerang Selatan")
    await factories.org_unit(tangsel)
    await create_employee(_new(), actor="hr")
    with pytest.raises(ValidationFailed, match="sudah terdaftar"):
        await create_employee(_new(agency_code="tangsel"), actor="hr")
    assert await Employee.all().count() == 1
    assert await PositionHistory.all().count() == 0


async def _supervisor_id(employee: Employee) -> int | None:
    supervisor = await supervisor_of(employee)
    return supervisor.id if supervisor is not None else None


async def test_supervisor_is_the_nearest_occupied_parent(db) -> None:
    office = await factories.office()
    assert await _supervisor_id(office.staff) == office.supervisor.id
    assert await _supervisor_id(office.supervisor) == office.head.id
    assert await supervisor_of(office.head) is None
    # a vacant middle position passes supervision up to the next holder
    await Employee.filter(id=office.supervisor.id).update(position_id=None)
    assert await _supervisor_id(office.staff) == office.head.id
