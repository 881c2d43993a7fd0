"""Small builders of valid records for tests; each returns saved models."""

from __future__ import annotations

import itertools
from dataclasses import dataclass
from datetime import date

from portal.auth import hash_password
from portal.models import Agency, Employee, OrgUnit, Position, User, UserRole
from portal.vocabulary import (
    Education,
    EmployeeType,
    Gender,
    OrgUnitKind,
    PositionKind,
    Rank,
    Role,
)
from workflows.nip import make_nip
from workflows.records import NewEmployee, create_employee

_sequence = itertools.count(1)
PASSWORD = "correct horse battery staple"
# Hashing with Argon2 is slow on purpose: hash the shared test password once.
_PASSWORD_HASH: str | None = None


def password_hash() -> str:
    global _PASSWORD_HASH
    if _PASSWORD_HASH is None:
        _PASSWORD_HASH = hash_password(PASSWORD)
    return _PASSWORD_HASH


async def agency(code: str = "serang", name: str = "Pemerintah Kota Serang") -> Agency:
    return await Agency.create(code=code, name=name)


async def org_unit(agency: Agency, code: str = "BKPSDM", parent: OrgUnit | None = None) -> OrgUnit:
    return await OrgUnit.create(
        agency=agency, code=code, name=f"Unit {code}", kind=OrgUnitKind.BADAN, parent=parent
    )


async def position(
    agency: Agency,
    unit: OrgUnit,
    code: str | None = None,
    *,
    kind: PositionKind = PositionKind.PELAKSANA,
    parent: Position | None = None,
    min_education: Education = Education.SLTA,
    min_rank: Rank = Rank.II_A,
    position_class: int = 7,
    capacity: int = 1,
) -> Position:
    return await Position.create(
        agency=agency,
        org_unit=unit,
        code=code or f"POS-{next(_sequence)}",
        title=f"{kind.value.title()} {code or ''}".strip(),
        kind=kind,
        position_class=position_class,
        parent=parent,
        min_education=min_education,
        min_rank=min_rank,
        capacity=capacity,
    )


async def employee(
    agency: Agency,
    unit: OrgUnit,
    *,
    position: Position | None = None,
    birth_date: date = date(1990, 5, 17),
    appointment_date: date = date(2015, 3, 1),
    gender: Gender = Gender.FEMALE,
    rank: Rank = Rank.III_A,
    rank_since: date = date(2019, 4, 1),
    position_since: date = date(2020, 1, 2),
    education: Education = Education.S1,
    name: str | None = None,
) -> Employee:
    seq = next(_sequence)
    nip = make_nip(
        birth_date=birth_date,
        appointment_date=appointment_date,
        gender=gender,
        sequence=seq % 999 + 1,
    )
    return await create_employee(
        NewEmployee(
            agency_code=agency.code,
            nip=nip,
            name=name or f"Pegawai {seq}",
            gender=gender,
            birth_date=birth_date,
            appointment_date=appointment_date,
            employee_type=EmployeeType.PNS,
            education=education,
            org_unit_code=unit.code,
            rank=rank,
            rank_since=rank_since,
            position_code=position.code if position else None,
            position_since=position_since if position else None,
        ),
        actor="test",
    )


async def user(
    agency: Agency, username: str, *roles: Role, employee: Employee | None = None
) -> User:
    account = await User.create(
        agency=agency, username=username, password_hash=password_hash(), employee=employee
    )
    for role in roles or (Role.EMPLOYEE,):
        await UserRole.create(agency=agency, user=account, role=role)
    return account


async def position_of(holder: Employee) -> Position:
    """The position an employee holds, for employees known to hold one (typed, unlike
    awaiting the nullable relation)."""
    assert holder.position_id is not None
    return await Position.get(id=holder.position_id)


async def employee_of(account: User) -> Employee:
    """The employee record of an account known to have one."""
    assert account.employee_id is not None
    return await Employee.get(id=account.employee_id)


@dataclass
class Office:
    """A small agency: head > supervisor > staff, HR and a committee of three."""

    agency: Agency
    unit: OrgUnit
    head: Employee
    supervisor: Employee
    staff: Employee
    staff_user: User
    supervisor_user: User
    hr_user: User
    committee: list[User]


async def office(code: str = "serang") -> Office:
    ag = await agency(code, f"Pemerintah Kota {code.title()}")
    unit = await org_unit(ag, f"BKPSDM-{code}")
    head_pos = await position(
        ag,
        unit,
        f"{code}-KEPALA",
        kind=PositionKind.JPT_PRATAMA,
        min_education=Education.S1,
        min_rank=Rank.IV_A,
        position_class=14,
    )
    sup_pos = await position(
        ag,
        unit,
        f"{code}-KABID",
        kind=PositionKind.ADMINISTRATOR,
        parent=head_pos,
        min_education=Education.S1,
        min_rank=Rank.III_D,
        position_class=11,
    )
    staff_pos = await position(ag, unit, f"{code}-ANALIS", parent=sup_pos)
    head = await employee(
        ag,
        unit,
        position=head_pos,
        rank=Rank.IV_B,
        birth_date=date(1972, 1, 9),
        appointment_date=date(1998, 3, 1),
        gender=Gender.MALE,
    )
    sup = await employee(
        ag,
        unit,
        position=sup_pos,
        rank=Rank.IV_A,
        birth_date=date(1980, 7, 2),
        appointment_date=date(2005, 1, 1),
        gender=Gender.MALE,
    )
    staff = await employee(ag, unit, position=staff_pos)
    hr_emp = await employee(ag, unit, birth_date=date(1985, 2, 3))
    return Office(
        agency=ag,
        unit=unit,
        head=head,
        supervisor=sup,
        staff=staff,
        staff_user=await user(ag, f"pegawai.{code}", employee=staff),
        supervisor_user=await user(ag, f"atasan.{code}", employee=sup),
        hr_user=await user(ag, f"hr.{code}", Role.EMPLOYEE, Role.HR, employee=hr_emp),
        committee=[await user(ag, f"komite{i}.{code}", Role.COMMITTEE) for i in (1, 2, 3)],
    )
