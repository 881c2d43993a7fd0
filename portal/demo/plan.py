"""The whole demo of one agency as plain data, generated from a fixed seed.

Dates are relative to 1 January of the clock's current year, so the data (and what the demo
accounts are eligible for) is the same on every day of a year.
"""

from __future__ import annotations

import dataclasses
import random
from datetime import date
from decimal import Decimal

from portal.demo import accounts, catalogue, performance
from portal.demo.agencies import AGENCIES, agency_info, blueprint
from portal.demo.competencies import MANAGERIAL, SOCIO_CULTURAL
from portal.demo.people import (
    Numbering,
    assessed_levels,
    employee_from_career,
    random_career,
)
from portal.demo.specs import AgencyPlan, EmployeeSpec, PositionSpec
from portal.demo.technical import TECHNICAL
from portal.vocabulary import PositionKind

DEMO_SEED = 2017  # the year of PP 11/2017 and PermenPANRB 38/2017
# Staff positions (formasi) are sized up by half at scale 1 to give a few hundred employees.
STAFF_SIZE = 1.5
FILL_STRUCTURAL = 0.93
FILL_STAFF = 0.92


def _sized(position: PositionSpec) -> PositionSpec:
    if position.kind.managerial or position.code.endswith("-KEPALA"):
        return position
    return dataclasses.replace(position, capacity=max(1, round(position.capacity * STAFF_SIZE)))


def _holder_count(rng: random.Random, position: PositionSpec, scale: float) -> int:
    if position.code in accounts.KEEP_VACANT:
        return 0
    if position.code in accounts.MUST_FILL or position.kind == PositionKind.JPT_PRATAMA:
        return position.capacity
    if position.capacity == 1 and (position.kind.managerial or position.code.endswith("-KEPALA")):
        return int(rng.random() < FILL_STRUCTURAL)
    chance = FILL_STAFF * min(1.0, scale)
    return sum(rng.random() < chance for _ in range(position.capacity))


def build_plan(
    agency_code: str, *, year: int, seed: int = DEMO_SEED, scale: float = 1.0
) -> AgencyPlan:
    """The demo data of one agency; ``scale`` < 1 fills fewer staff positions (for tests)."""
    info = agency_info(agency_code)
    index = [a.code for a in AGENCIES].index(agency_code)
    rng = random.Random(f"jenjang-demo:{seed}:{agency_code}")
    ref = date(year, 1, 1)
    bp = blueprint(agency_code)
    positions = {p.code: _sized(p) for p in bp.positions}
    numbering = Numbering(index, info.email_domain)
    earlier = [p for p in positions.values() if p.kind == PositionKind.PELAKSANA]

    employees: list[EmployeeSpec] = []
    holders: dict[str, list[str]] = {}
    for position in positions.values():
        for _ in range(_holder_count(rng, position, scale)):
            employee = _employee(rng, position, positions, numbering, ref, earlier, holders)
            employees.append(employee)
            holders.setdefault(position.code, []).append(employee.nip)

    employees = _with_performance(rng, employees, positions, holders, ref)
    by_nip = {e.nip: e for e in employees}
    talents = [performance.talent(e, positions[e.position_code], year=year - 1) for e in employees]
    programs = catalogue.programs(rng, years=(year - 1, year), city=info.city)
    nominations = catalogue.nominations(rng, employees, positions, programs, year=year - 1)
    spent = sum((n.cost for n in nominations), Decimal("0.00"))
    return AgencyPlan(
        code=info.code,
        name=info.name,
        competencies=MANAGERIAL + SOCIO_CULTURAL + TECHNICAL,
        units=tuple(bp.units),
        positions=tuple(positions.values()),
        employees=tuple(by_nip.values()),
        talents=tuple(t for t in talents if t is not None),
        programs=programs,
        nominations=nominations,
        budgets=catalogue.budgets(rng, year=year, spent_last_year=spent, headcount=len(employees)),
        accounts=accounts.account_specs(agency_code, holders),
        vacancies=accounts.KEEP_VACANT,
    )


def _employee(
    rng: random.Random,
    position: PositionSpec,
    positions: dict[str, PositionSpec],
    numbering: Numbering,
    ref: date,
    earlier: list[PositionSpec],
    holders: dict[str, list[str]],
) -> EmployeeSpec:
    if position.code == accounts.PEGAWAI_POSITION and not holders.get(position.code):
        previous = positions[accounts.PEGAWAI_PREVIOUS]
        career = accounts.pegawai_career(ref, previous)
        target = positions[accounts.ROTATION_TARGET]
        levels = accounts.pegawai_levels([position, target])
        # Keep the random stream in step with an ordinary holder's draws.
        random_career(rng, position, ref=ref, earlier=earlier)
    else:
        career = random_career(rng, position, ref=ref, earlier=earlier)
        levels = assessed_levels(rng, position)
    return employee_from_career(rng, position, career, numbering, ref=ref, assessed=levels)


def _with_performance(
    rng: random.Random,
    employees: list[EmployeeSpec],
    positions: dict[str, PositionSpec],
    holders: dict[str, list[str]],
    ref: date,
) -> list[EmployeeSpec]:
    """Add evaluations by each employee's supervisor, and a few penalties."""
    supervisor = performance.supervisors(positions, holders)
    pegawai = holders[accounts.PEGAWAI_POSITION][0]
    done = []
    for employee in employees:
        evaluator = supervisor[employee.position_code]
        if employee.nip == pegawai:
            rows = accounts.pegawai_evaluations(ref, evaluator)
            penalties: tuple = ()
        else:
            rows = performance.evaluations(rng, employee, ref=ref, evaluator=evaluator)
            penalties = performance.penalties(rng, employee, ref=ref)
        done.append(dataclasses.replace(employee, evaluations=rows, penalties=penalties))
    return performance.one_moderate_in_force(done, ref=ref)
