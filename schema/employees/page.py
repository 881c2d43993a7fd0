"""Employees prefilled for a page (see :mod:`schema.prefill`): the employees list, applicants.

Each builder reads only the columns the types show (no model instances), for the whole page at
once, and applies the rules of the ordinary resolvers: positions and units of the viewer's
agency, the competency profile only where :func:`can_see_sensitive` allows it, computed by the
same :func:`profile_of`.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Awaitable, Callable, Iterable, Mapping, Sequence
from typing import Any

from tortoise.queryset import QuerySet

from portal import models
from portal.vocabulary import Rank as RankEnum
from schema.competencies.types import Competency
from schema.context import Info
from schema.employees.profile import CompetencyProfile, competency_ids, profile_of, rules_of
from schema.employees.types import Employee, Rank
from schema.organisation.types import OrgUnit, Position
from schema.page_reads import JoinedRead
from schema.permissions import can_see_sensitive
from schema.prefill import Selection, asks, prefilled
from schema.relay import Connection, connection, page_query, page_window, to_global_id
from workflows.merit.assessments import valid_assessments

PrefilledEmployee = prefilled(Employee)
PrefilledPosition = prefilled(Position)
PrefilledOrgUnit = prefilled(OrgUnit)
PrefilledCompetency = prefilled(Competency)

ORG_UNIT: Selection = dict.fromkeys(("id", "code", "name", "kind"))
POSITION: Selection = dict.fromkeys(
    (
        "id", "code", "title", "kind", "functionalLevel", "positionClass", "minEducation",
        "minRank", "minYearsExperience", "capacity",
    )
)  # fmt: skip
COMPETENCY: Selection = dict.fromkeys(
    ("id", "code", "name", "nameEn", "category", "description", "active")
)
PROFILE: Selection = {
    "matchRatio": None,
    "matchCategory": None,
    "scores": {
        "level": None,
        "requiredLevel": None,
        "assessedOn": None,
        "method": None,
        "competency": COMPETENCY,
    },
}
EMPLOYEE: Selection = {
    **dict.fromkeys(
        (
            "id", "nip", "name", "gender", "employeeType", "status", "education",
            "positionSince", "cpnsDate", "pnsDate",
        )
    ),
    "rank": dict.fromkeys(("code", "name", "since")),
    "position": POSITION,
    "orgUnit": ORG_UNIT,
    "competencyProfile": PROFILE,
}  # fmt: skip
"""What a prefilled employee answers; anything else takes the ordinary path."""

_E, _P, _U = models.Employee, models.Position, models.OrgUnit
_EMPLOYEES = JoinedRead(
    [
        *((c, "e", _E, c) for c in (
            "id", "nip", "name", "gender", "employee_type", "status", "education", "rank",
            "rank_since", "position_since", "appointment_date", "pns_date",
        )),
        *((f"p_{c}", "p", _P, c) for c in (
            "id", "code", "title", "kind", "functional_level", "position_class",
            "min_education", "min_rank", "min_years_experience", "capacity",
        )),
        *((f"u_{c}", "u", _U, c) for c in ("id", "code", "name", "kind")),
    ],
    'FROM "employee" e '
    'LEFT JOIN "position" p ON p."id" = e."position_id" AND p."agency_id" = {p1} '
    'LEFT JOIN "org_unit" u ON u."id" = e."org_unit_id" AND u."agency_id" = {p1} '
    'WHERE e."agency_id" = {p1} AND e."id" {in2}',
)  # fmt: skip
"""Employees with their positions and units (each of the viewer's agency), by id."""


async def employee_page(
    info: Info,
    query: QuerySet[models.Employee],
    *,
    first: int | None,
    after: str | None,
    asked: Mapping[str, Any],
    order_by: Iterable[str] = ("name",),
    count: Callable[[], Awaitable[int]] | None = None,
) -> Connection[Employee]:
    """The employees page as :func:`schema.relay.paginate` orders and counts it, prefilled."""
    size, start = page_window(info, first, after)
    rows = await page_query(query, order_by=order_by, start=start, size=size).values("id")
    employees = await employees_by_id(info, [r["id"] for r in rows], asked)
    rows = [r for r in rows if r["id"] in employees]  # none gone in between, but if one were
    return connection(
        rows,
        start=start,
        size=size,
        convert=lambda r: employees[r["id"]],
        count_total=count or query.count,
    )


async def employees_by_id(
    info: Info, ids: Iterable[int], asked: Mapping[str, Any]
) -> dict[int, Any]:
    """Prefilled employees (of the viewer's agency) by id, as ``asked``."""
    agency_id = info.context.loaders.agency_id
    if agency_id is None:
        return {}
    rows = await _EMPLOYEES.rows(agency_id, ids)
    profiles = await _profiles(info, rows) if asks(asked, "competencyProfile") is not None else {}
    positions: dict[int, Any] = {}
    units: dict[int, Any] = {}
    employees = {}
    for r in rows:
        pk = r["id"]
        position_id, unit_id = r["p_id"], r["u_id"]
        position = positions.get(position_id) if position_id is not None else None
        if position is None and position_id is not None:
            position = positions[position_id] = _position(r)
        unit = units.get(unit_id) if unit_id is not None else None
        if unit is None and unit_id is not None:
            unit = units[unit_id] = PrefilledOrgUnit(
                pk=unit_id,
                id=to_global_id("OrgUnit", unit_id),
                code=r["u_code"],
                name=r["u_name"],
                kind=r["u_kind"],
            )
        employees[pk] = PrefilledEmployee(
            pk=pk,
            id=to_global_id("Employee", pk),
            nip=r["nip"],
            name=r["name"],
            gender=r["gender"],
            employee_type=r["employee_type"],
            status=r["status"],
            education=r["education"],
            rank=Rank.of(r["rank"], r["rank_since"]),
            position_since=r["position_since"],
            cpns_date=r["appointment_date"],
            pns_date=r["pns_date"],
            position=position,
            org_unit=unit,
            competency_profile=profiles.get(pk),
        )
    return employees


def _position(r: Mapping[str, Any]) -> Any:
    return PrefilledPosition(
        pk=r["p_id"],
        id=to_global_id("Position", r["p_id"]),
        code=r["p_code"],
        title=r["p_title"],
        kind=r["p_kind"],
        functional_level=r["p_functional_level"],
        position_class=r["p_position_class"],
        min_education=r["p_min_education"],
        min_rank=RankEnum(r["p_min_rank"]).code,
        min_years_experience=r["p_min_years_experience"],
        capacity=r["p_capacity"],
    )


_C = models.Competency
_COMPETENCY = ("id", "code", "name", "name_en", "category", "description", "active")
_STANDARDS = JoinedRead(
    [
        (c, "pc", models.PositionCompetency, c)
        for c in ("position_id", "competency_id", "required_level")
    ],
    'FROM "position_competency" pc WHERE pc."agency_id" = {p1} AND pc."position_id" {in2} '
    'ORDER BY pc."id"',
)
"""The positions' competency standards."""
_COMPETENCIES = JoinedRead(
    [(f"c_{c}", "c", _C, c) for c in _COMPETENCY],
    'FROM "competency" c WHERE c."agency_id" = {p1} AND c."id" {in2}',
)


async def _profiles(info: Info, rows: Sequence[Mapping[str, Any]]) -> dict[int, CompetencyProfile]:
    """Competency profiles of the employees the viewer may see them of, in four reads.

    The valid assessments, the positions' standards, the competencies of both, the rules.
    """
    agency_id = info.context.loaders.agency_id
    shown = [r for r in rows if await can_see_sensitive(info, r["id"])]
    if not shown or agency_id is None:
        return {}
    held = await valid_assessments([r["id"] for r in shown], agency_id=agency_id)
    positions = {r["p_id"] for r in shown if r["p_id"] is not None}
    required: dict[int, dict[int, int]] = defaultdict(dict)
    for row in await _STANDARDS.rows(agency_id, positions):
        required[row["position_id"]][row["competency_id"]] = row["required_level"]
    standard = {r["id"]: required.get(r["p_id"], {}) for r in shown}
    wanted = {i for r in shown for i in competency_ids(held[r["id"]], standard[r["id"]])}
    competencies = {
        row["c_id"]: _competency(row) for row in await _COMPETENCIES.rows(agency_id, wanted)
    }
    rules = await rules_of(info, agency_id)
    return {
        r["id"]: profile_of(held[r["id"]], standard[r["id"]], competencies, rules) for r in shown
    }


def _competency(row: Mapping[str, Any]) -> Any:
    return PrefilledCompetency(
        pk=row["c_id"],
        id=to_global_id("Competency", row["c_id"]),
        code=row["c_code"],
        name=row["c_name"],
        name_en=row["c_name_en"],
        category=row["c_category"],
        description=row["c_description"],
        active=row["c_active"],
    )
