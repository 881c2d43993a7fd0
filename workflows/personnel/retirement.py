"""Batas usia pensiun (BUP) by position kind, and the date a retirement takes effect.

UU 20/2023 and PP 11/2017 Pasal 239 jo PP 17/2020: 58 years for administrator, pengawas and
pelaksana and for functional ahli pertama, ahli muda and keterampilan positions; 60 for JPT and
functional ahli madya; 65 for functional ahli utama. Retirement takes effect on the first day of
the month after the birthday.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from portal.models import Employee, Position
from portal.vocabulary import EmployeeStatus, PositionKind

DEFAULT_AGE = 58
_BY_KIND = {
    PositionKind.JPT_UTAMA: 60,
    PositionKind.JPT_MADYA: 60,
    PositionKind.JPT_PRATAMA: 60,
    PositionKind.ADMINISTRATOR: 58,
    PositionKind.PENGAWAS: 58,
    PositionKind.PELAKSANA: 58,
}
# Functional levels by name (the demo and SIASN write them in words, any case).
_FUNCTIONAL = {"ahli utama": 65, "ahli madya": 60}


def retirement_age(kind: PositionKind | None, functional_level: str | None = None) -> int:
    """The BUP of a position; without a position, that of a pelaksana."""
    if kind is None:
        return DEFAULT_AGE
    if kind == PositionKind.FUNGSIONAL:
        level = " ".join((functional_level or "").lower().replace("_", " ").split())
        return _FUNCTIONAL.get(level, DEFAULT_AGE)
    return _BY_KIND[kind]


def retirement_date(birth_date: date, age: int) -> date:
    """The first day of the month after the birthday on which ``age`` is reached."""
    year = birth_date.year + age
    if birth_date.month == 12:
        return date(year + 1, 1, 1)
    return date(year, birth_date.month + 1, 1)


@dataclass(frozen=True)
class Due:
    """An employee who reaches their BUP within the window."""

    employee_id: int
    age: int
    on: date


async def due_within(*, agency_id: int, today: date, months: int) -> list[Due]:
    """Employees in service who retire on or before ``today`` plus ``months``, soonest first.

    HR prepares retirements about twelve months ahead; two queries for the whole agency.
    """
    until = _add_months(today, months)
    people = (
        await Employee.filter(agency_id=agency_id)
        .exclude(status__in=(EmployeeStatus.RETIRED, EmployeeStatus.DISMISSED))
        .values("id", "birth_date", "position_id")
    )
    positions = {
        row["id"]: row
        for row in await Position.filter(agency_id=agency_id).values(
            "id", "kind", "functional_level"
        )
    }
    found = []
    for person in people:
        position = positions.get(person["position_id"])
        kind = PositionKind(position["kind"]) if position else None
        age = retirement_age(kind, position["functional_level"] if position else None)
        on = retirement_date(person["birth_date"], age)
        if on <= until:
            found.append(Due(person["id"], age, on))
    return sorted(found, key=lambda d: (d.on, d.employee_id))


def _add_months(day: date, months: int) -> date:
    month = day.month - 1 + months
    year, month = day.year + month // 12, month % 12 + 1
    return date(year, month, min(day.day, 28))
