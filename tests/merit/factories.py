"""Builders of merit records for tests: competencies, standards, assessments, viewers."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime
from decimal import Decimal

from portal.auth import viewer_for_user
from portal.clock import clock
from portal.models import (
    Agency,
    Assessment,
    Budget,
    Competency,
    CompetencyLevel,
    Employee,
    PerformanceEvaluation,
    Position,
    PositionCompetency,
    TalentPlacement,
    TrainingProgram,
    User,
)
from portal.viewer import Viewer
from portal.vocabulary import CompetencyCategory, EvaluationPeriod, Predikat, Rating, Role
from tests import factories

TODAY = date(2025, 6, 16)


def freeze() -> None:
    """Every merit test runs on a known Monday."""
    clock.freeze(datetime(2025, 6, 16, 3, 0, tzinfo=UTC))


async def viewer(user: User) -> Viewer:
    return await viewer_for_user(user)


def token_viewer(agency: Agency, *, write: bool = False) -> Viewer:
    from portal.vocabulary import Scope

    scopes = {Scope.READ, Scope.WRITE} if write else {Scope.READ}
    return Viewer(
        agency_id=agency.id,
        agency_code=agency.code,
        username="token:dashboard",
        token_id=99,
        scopes=frozenset(scopes),
    )


async def competency(
    agency: Agency,
    code: str,
    *,
    category: CompetencyCategory = CompetencyCategory.MANAGERIAL,
    name: str | None = None,
) -> Competency:
    record = await Competency.create(
        agency=agency, code=code, name=name or f"Kompetensi {code}", category=category
    )
    for level in range(1, 6):
        await CompetencyLevel.create(
            agency=agency,
            competency=record,
            level=level,
            description=f"Level {level}",
            indicators=[f"indicator {level}"],
        )
    return record


async def standard(position: Position, levels: dict[str, int]) -> None:
    for code, level in levels.items():
        found = await Competency.get(agency_id=position.agency_id, code=code)
        await PositionCompetency.create(
            agency_id=position.agency_id,
            position=position,
            competency=found,
            required_level=level,
        )


async def assessment(
    employee: Employee,
    code: str,
    level: int,
    *,
    on: date = date(2024, 5, 1),
    valid_until: date | None = None,
    method: str = "assessment centre",
) -> Assessment:
    found = await Competency.get(agency_id=employee.agency_id, code=code)
    return await Assessment.create(
        agency_id=employee.agency_id,
        employee=employee,
        competency=found,
        level=level,
        method=method,
        assessed_on=on,
        valid_until=valid_until,
    )


async def evaluation(
    employee: Employee,
    year: int,
    result: Predikat,
    period: EvaluationPeriod = EvaluationPeriod.ANNUAL,
) -> PerformanceEvaluation:
    ratings = {
        Predikat.SANGAT_BAIK: (Rating.ABOVE, Rating.ABOVE),
        Predikat.BAIK: (Rating.AS_EXPECTED, Rating.AS_EXPECTED),
        Predikat.BUTUH_PERBAIKAN: (Rating.BELOW, Rating.AS_EXPECTED),
        Predikat.KURANG: (Rating.AS_EXPECTED, Rating.BELOW),
        Predikat.SANGAT_KURANG: (Rating.BELOW, Rating.BELOW),
    }[result]
    return await PerformanceEvaluation.create(
        agency_id=employee.agency_id,
        employee=employee,
        year=year,
        period=period,
        work_result=ratings[0],
        behaviour=ratings[1],
        predikat=result,
    )


async def placement(employee: Employee, year: int, box: int) -> TalentPlacement:
    grid = {
        4: (3, 1),
        7: (3, 2),
        9: (3, 3),
        2: (2, 1),
        5: (2, 2),
        8: (2, 3),
        1: (1, 1),
        3: (1, 2),
        6: (1, 3),
    }
    performance, potential = grid[box]
    return await TalentPlacement.create(
        agency_id=employee.agency_id,
        employee=employee,
        year=year,
        performance_level=performance,
        potential_level=potential,
        box=box,
    )


async def program(
    agency: Agency,
    code: str,
    competency_code: str | None,
    *,
    hours: int = 12,
    cost: str = "1000000",
    target_level: int | None = None,
    year: int = 2025,
    seats: int | None = None,
) -> TrainingProgram:
    found = await Competency.get(agency=agency, code=competency_code) if competency_code else None
    return await TrainingProgram.create(
        agency=agency,
        code=code,
        title=f"Pelatihan {code}",
        competency=found,
        target_level=target_level,
        hours=hours,
        cost=Decimal(cost),
        year=year,
        seats=seats,
    )


async def budget(agency: Agency, ceiling: str, year: int = 2025) -> Budget:
    return await Budget.create(agency=agency, year=year, ceiling=Decimal(ceiling))


@dataclass
class MeritOffice:
    """The foundation's small office with viewers for each role and a dictionary of three."""

    office: factories.Office
    staff: Viewer
    supervisor: Viewer
    head: Viewer
    hr: Viewer


async def merit_office(code: str = "serang") -> MeritOffice:
    office = await factories.office(code)
    head_user = await factories.user(office.agency, f"kepala.{code}", employee=office.head)
    for comp in ("M.01", "M.02", "M.03"):
        await competency(office.agency, comp)
    return MeritOffice(
        office=office,
        staff=await viewer(office.staff_user),
        supervisor=await viewer(office.supervisor_user),
        head=await viewer(head_user),
        hr=await viewer(office.hr_user),
    )


async def hr_viewer(agency: Agency, username: str) -> Viewer:
    return await viewer(await factories.user(agency, username, Role.HR))
