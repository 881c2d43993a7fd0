"""Talent placement on the nine-box grid and succession candidates (PermenPANRB 3/2020).

Performance comes from the year's annual predikat, potential from HR's assessment; boxes 7-9
form the succession group, considered first for a vacant position.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from tortoise.expressions import Q
from tortoise.transactions import in_transaction

from portal.clock import clock
from portal.models import Employee, PerformanceEvaluation, TalentPlacement
from portal.viewer import Viewer
from portal.vocabulary import EmployeeStatus, EvaluationPeriod, Predikat
from workflows import audit
from workflows.access import require_hr
from workflows.merit.assessments import current_levels
from workflows.merit.bounds import MAX_LIMIT, check_count, check_year
from workflows.merit.competency import standard_of
from workflows.merit.lookups import actor_name, position_in_agency, require_view, rules_for
from workflows.merit.performance import annual_predikat
from workflows.merit.scoring import (
    SUCCESSION_BOXES,
    MatchCategory,
    job_person_match,
    performance_level_of,
    talent_box,
)
from workflows.messages import invalid

LEVEL_RANGE = (1, 2, 3)


async def place_talent(
    *,
    actor: Viewer,
    employee_id: int,
    year: int,
    potential_level: int,
    performance_level: int | None = None,
) -> TalentPlacement:
    """HR places an employee for a year; performance defaults to that year's annual predikat."""
    require_hr(actor, "errors.hr_only.talent_grid")
    check_year(year)
    if potential_level not in LEVEL_RANGE:
        raise invalid("errors.talent.potential_level", field="potentialLevel")
    employee = await require_view(actor, employee_id)
    if performance_level is None:
        annual = await PerformanceEvaluation.get_or_none(
            employee_id=employee.id, year=year, period=EvaluationPeriod.ANNUAL
        )
        if annual is None:
            raise invalid("errors.talent.no_annual", field="performanceLevel", year=year)
        performance_level = performance_level_of(Predikat(annual.predikat))
    elif performance_level not in LEVEL_RANGE:
        raise invalid("errors.talent.performance_level", field="performanceLevel")
    box = talent_box(performance_level, potential_level)
    async with in_transaction() as conn:
        existing = (
            await TalentPlacement.filter(employee_id=employee.id, year=year).using_db(conn).first()
        )
        before = _snapshot(existing) if existing else None
        if existing is None:
            placement = await TalentPlacement.create(
                using_db=conn,
                agency_id=actor.agency_id,
                employee_id=employee.id,
                year=year,
                performance_level=performance_level,
                potential_level=potential_level,
                box=box,
            )
        else:
            placement = existing
            placement.update_from_dict(
                {
                    "performance_level": performance_level,
                    "potential_level": potential_level,
                    "box": box,
                }
            )
            await placement.save(using_db=conn)
        await audit.append(
            conn,
            agency_id=actor.agency_id,
            actor=actor_name(actor),
            action="talent.place",
            subject_type="employee",
            subject_id=employee.id,
            before=before,
            after=_snapshot(placement),
        )
    return placement


def _snapshot(placement: TalentPlacement) -> dict[str, int]:
    return {
        "year": placement.year,
        "performance_level": placement.performance_level,
        "potential_level": placement.potential_level,
        "box": placement.box,
    }


async def talent_history(*, actor: Viewer, employee_id: int) -> list[TalentPlacement]:
    """An employee's placements, newest first."""
    employee = await require_view(actor, employee_id)
    return await TalentPlacement.filter(employee_id=employee.id).order_by("-year")


async def latest_boxes(employee_ids: list[int], *, year: int | None = None) -> dict[int, int]:
    """Each employee's box in ``year`` (or their latest), in one query."""
    query = TalentPlacement.filter(employee_id__in=employee_ids)
    if year is not None:
        query = query.filter(year=year)
    rows = await query.order_by("year").values("employee_id", "box")
    return {row["employee_id"]: row["box"] for row in rows}  # later years overwrite


@dataclass(frozen=True)
class Candidate:
    """A succession candidate for a position and why they rank where they do."""

    employee_id: int
    name: str
    box: int | None
    match_ratio: float
    match_category: MatchCategory
    predikat: Predikat | None
    years_in_rank: float
    reasons: list[str] = field(default_factory=list)

    @property
    def in_succession_group(self) -> bool:
        return self.box in SUCCESSION_BOXES


def _reasons(
    box: int | None,
    ratio: float,
    category: MatchCategory,
    last: Predikat | None,
    last_year: int | None,
    rank_since: date | None,
) -> list[str]:
    """Why a candidate ranks where they do, in the order the ranking weighs it."""
    group = " (succession group)" if box in SUCCESSION_BOXES else ""
    label = category.value.lower().replace("_", " ")
    return [
        f"talent box {box}{group}" if box else "not yet placed on the talent grid",
        f"job-person match {ratio:.0%} ({label})",
        f"predikat {last.value.replace('_', ' ').title()} in {last_year}"
        if last
        else "no annual predikat",
        f"{_years(rank_since):.1f} years in rank",
    ]


def _years(since: date | None) -> float:
    if since is None:
        return 0.0
    return round((clock.today() - since).days / 365.25, 1)


async def succession_candidates(
    *, actor: Viewer, position_id: int, year: int | None = None, limit: int = 20
) -> list[Candidate]:
    """Candidates for a position: succession group first, then box, match, predikat, years."""
    require_hr(actor, "errors.hr_only.succession")
    check_year(year)
    check_count(limit, field="limit", maximum=MAX_LIMIT)
    position = await position_in_agency(actor, position_id)
    rules = await rules_for(actor.agency_id)
    people = (
        await Employee.filter(agency_id=actor.agency_id, status=EmployeeStatus.ACTIVE)
        # NOT (position_id = x) would also drop employees without a position (NULL).
        .filter(Q(position_id__isnull=True) | ~Q(position_id=position.id))
        .order_by("id")
    )
    ids = [p.id for p in people]
    standard = (await standard_of([position.id]))[position.id]
    levels = await current_levels(ids)
    boxes = await latest_boxes(ids, year=year)
    predikats = await annual_predikat(ids)
    candidates = []
    for person in people:
        match = job_person_match(
            {code: level for code, (level, _) in levels[person.id].items()},
            standard,
            meets=rules.match_meets,
            still_meets=rules.match_still_meets,
        )
        last_year = max(predikats[person.id], default=None)
        last = predikats[person.id][last_year] if last_year is not None else None
        box = boxes.get(person.id)
        reasons = _reasons(box, match.ratio, match.category, last, last_year, person.rank_since)
        candidates.append(
            Candidate(
                employee_id=person.id,
                name=person.name,
                box=box,
                match_ratio=match.ratio,
                match_category=match.category,
                predikat=last,
                years_in_rank=_years(person.rank_since),
                reasons=reasons,
            )
        )
    candidates.sort(
        key=lambda c: (
            not c.in_succession_group,
            -(c.box or 0),
            -c.match_ratio,
            -(c.predikat.order if c.predikat else 0),
            -c.years_in_rank,
            c.employee_id,
        )
    )
    return candidates[:limit]
