"""Competency assessments, job-person match per position and the gap list.

PermenPANRB 38/2017: the match is achieved ÷ required over the position's standard, using for
each competency the latest assessment still valid on the day asked about.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from tortoise.transactions import in_transaction

from portal.clock import clock
from portal.models import Assessment, Competency, Employee, Position
from portal.viewer import Viewer
from workflows import audit
from workflows.errors import NotFound, ValidationFailed
from workflows.merit.access import (
    actor_name,
    position_in_agency,
    require_hr,
    require_view,
    rules_for,
)
from workflows.merit.competency import LEVELS, competency_by_code, standard_of
from workflows.merit.scoring import MatchCategory, job_person_match


@dataclass(frozen=True)
class AssessmentInput:
    employee_id: int
    competency_code: str
    level: int
    method: str
    assessed_on: date
    assessor: str = ""
    valid_until: date | None = None
    notes: str = ""


@dataclass(frozen=True)
class Gap:
    """One competency of a position's standard and where the employee stands."""

    competency_id: int
    code: str
    name: str
    required: int
    achieved: int  # 0 when never validly assessed
    assessed_on: date | None

    @property
    def missing(self) -> int:
        return max(self.required - self.achieved, 0)


@dataclass(frozen=True)
class PositionMatch:
    """Job-person match of one employee for one position, with every standard line."""

    employee_id: int
    position_id: int
    ratio: float
    category: MatchCategory
    lines: list[Gap]

    @property
    def gaps(self) -> list[Gap]:
        """Lines still missing levels, largest gap first."""
        return sorted((g for g in self.lines if g.missing), key=lambda g: (-g.missing, g.code))


def validate_assessment(data: AssessmentInput, *, today: date) -> None:
    """Checks shared by the service and the importer."""
    if data.level not in LEVELS:
        raise ValidationFailed(f"level must be 1-5, got {data.level}", field="level")
    if not data.method.strip():
        raise ValidationFailed("the assessment method is required", field="method")
    if data.assessed_on > today:
        raise ValidationFailed("an assessment cannot be dated in the future", field="assessedOn")
    if data.valid_until is not None and data.valid_until <= data.assessed_on:
        raise ValidationFailed(
            "valid_until must fall after the assessment date", field="validUntil"
        )


async def record_assessment(*, actor: Viewer, data: AssessmentInput) -> Assessment:
    """HR records an assessment result (assessment centre, uji kompetensi, ...); audited."""
    require_hr(actor, "record assessment results")
    validate_assessment(data, today=clock.today())
    employee = await require_view(actor, data.employee_id)
    competency = await competency_by_code(actor, data.competency_code)
    async with in_transaction() as conn:
        record = await Assessment.create(
            using_db=conn,
            agency_id=actor.agency_id,
            employee=employee,
            competency=competency,
            level=data.level,
            method=data.method.strip(),
            assessed_on=data.assessed_on,
            valid_until=data.valid_until,
            assessor=data.assessor.strip(),
            notes=data.notes,
        )
        await audit.append(
            conn,
            agency_id=actor.agency_id,
            actor=actor_name(actor),
            action="assessment.record",
            subject_type="employee",
            subject_id=employee.id,
            after={
                "assessment_id": record.id,
                "competency": competency.code,
                "level": data.level,
                "method": record.method,
                "assessed_on": data.assessed_on,
                "valid_until": data.valid_until,
                "assessor": record.assessor,
            },
        )
    return record


async def current_levels(
    employee_ids: Sequence[int], *, on: date | None = None
) -> dict[int, dict[str, tuple[int, date]]]:
    """Latest valid (level, date) per competency code for each employee, in one query."""
    day = on or clock.today()
    rows = (
        await Assessment.filter(employee_id__in=list(employee_ids), assessed_on__lte=day)
        .order_by("assessed_on", "id")
        .values("employee_id", "level", "assessed_on", "valid_until", "competency__code")
    )
    levels: dict[int, dict[str, tuple[int, date]]] = {eid: {} for eid in employee_ids}
    for row in rows:
        if row["valid_until"] is not None and row["valid_until"] < day:
            continue
        # Ordered oldest first, so the latest valid one wins.
        levels[row["employee_id"]][row["competency__code"]] = (row["level"], row["assessed_on"])
    return levels


async def match_to_position(
    *, employee: Employee, position: Position, on: date | None = None
) -> PositionMatch:
    """Job-person match without a permission check: for rules that already hold the records."""
    rules = await rules_for(employee.agency_id)  # type: ignore[attr-defined]
    standard = (await standard_of([position.id]))[position.id]
    levels = (await current_levels([employee.id], on=on))[employee.id]
    dictionary = {
        row["code"]: row
        for row in await Competency.filter(
            agency_id=employee.agency_id,  # type: ignore[attr-defined]
            code__in=list(standard),
        ).values("code", "id", "name")
    }
    scored = job_person_match(
        {code: level for code, (level, _) in levels.items()},
        standard,
        meets=rules.match_meets,
        still_meets=rules.match_still_meets,
    )
    lines = [
        Gap(
            competency_id=dictionary[code]["id"],
            code=code,
            name=dictionary[code]["name"],
            required=required,
            achieved=levels.get(code, (0, None))[0],
            assessed_on=levels.get(code, (0, None))[1],
        )
        for code, required in sorted(standard.items())
    ]
    return PositionMatch(employee.id, position.id, scored.ratio, scored.category, lines)


async def position_match(
    *, actor: Viewer, employee_id: int, position_id: int | None = None
) -> PositionMatch:
    """Match and gap list for the current position, or any target position (rotation, promotion)."""
    employee = await require_view(actor, employee_id)
    target_id = position_id or employee.position_id  # type: ignore[attr-defined]
    if target_id is None:
        raise NotFound("the employee holds no position: name a target position", field="position")
    position = await position_in_agency(actor, target_id)
    return await match_to_position(employee=employee, position=position)


async def assessment_history(*, actor: Viewer, employee_id: int) -> list[Assessment]:
    """All assessments of an employee, newest first, for those who may see their scores."""
    employee = await require_view(actor, employee_id)
    return (
        await Assessment.filter(employee_id=employee.id)
        .order_by("-assessed_on", "-id")
        .prefetch_related("competency")
    )
