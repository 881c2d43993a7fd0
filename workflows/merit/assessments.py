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
from portal.settings import RuleSettings
from portal.statements import Statement, db_value
from portal.viewer import Viewer
from workflows import audit
from workflows.access import require_hr
from workflows.merit.competency import LEVELS, competency_by_code, standard_of
from workflows.merit.lookups import actor_name, position_in_agency, require_view, rules_for
from workflows.merit.scoring import JobPersonMatch, MatchCategory, job_person_match
from workflows.messages import invalid, missing


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
        raise invalid("merit.assessment.level", field="level", level=data.level)
    if not data.method.strip():
        raise invalid("merit.assessment.method", field="method")
    if data.assessed_on > today:
        raise invalid("merit.assessment.future", field="assessedOn")
    if data.valid_until is not None and data.valid_until <= data.assessed_on:
        raise invalid("merit.assessment.valid_until", field="validUntil")


async def record_assessment(*, actor: Viewer, data: AssessmentInput) -> Assessment:
    """HR records an assessment result (assessment centre, uji kompetensi, ...); audited."""
    require_hr(actor, "errors.hr_only.assessments")
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


@dataclass(frozen=True)
class Held:
    """The level an employee holds in one competency: their latest assessment still valid."""

    competency_id: int
    code: str
    level: int
    assessed_on: date
    method: str


async def valid_assessments(
    employee_ids: Sequence[int], *, on: date | None = None, agency_id: int | None = None
) -> dict[int, dict[str, Held]]:
    """Latest assessment still valid on ``on`` per competency code, per employee, in one query.

    Only the columns needed and only rows valid that day are read (no model instances).
    """
    day = db_value(Assessment, "assessed_on", on or clock.today())
    if agency_id is None:
        rows = await _VALID.rows(list(employee_ids), day)
    else:
        rows = await _VALID_IN_AGENCY.rows(list(employee_ids), day, agency_id)
    held: dict[int, dict[str, Held]] = {eid: {} for eid in employee_ids}
    for row in rows:
        # Ordered oldest first, so the latest valid one wins.
        code = row["competency__code"]
        held[row["employee_id"]][code] = Held(
            row["competency_id"], code, row["level"], row["assessed_on"], row["method"]
        )
    return held


_VALID = Statement(
    'SELECT a."employee_id", a."competency_id", a."level", a."assessed_on", a."method", '
    'c."code" AS "competency__code" FROM "assessment" a '
    'LEFT OUTER JOIN "competency" c ON c."id" = a."competency_id" '
    'WHERE a."employee_id" {in1} AND a."assessed_on" <= {p2} '
    'AND (a."valid_until" IS NULL OR a."valid_until" >= {p2}) ORDER BY a."assessed_on", a."id"',
    [(name, Assessment, name) for name in ("level", "assessed_on", "method")],
)
_VALID_IN_AGENCY = Statement(
    _VALID.sql.replace(" ORDER BY", ' AND a."agency_id" = {p3} ORDER BY'), _VALID.columns
)


async def current_levels(
    employee_ids: Sequence[int], *, on: date | None = None
) -> dict[int, dict[str, tuple[int, date]]]:
    """Latest valid (level, date) per competency code for each employee, in one query."""
    held = await valid_assessments(employee_ids, on=on)
    return {
        eid: {code: (h.level, h.assessed_on) for code, h in codes.items()}
        for eid, codes in held.items()
    }


def score_match(
    levels: dict[str, tuple[int, date]] | dict[str, Held],
    standard: dict[str, int],
    rules: RuleSettings,
) -> JobPersonMatch:
    """Job-person match with the agency's thresholds: one rule for positionMatch and profiles."""
    achieved = {
        code: value.level if isinstance(value, Held) else value[0] for code, value in levels.items()
    }
    return job_person_match(
        achieved, standard, meets=rules.match_meets, still_meets=rules.match_still_meets
    )


async def match_to_position(
    *, employee: Employee, position: Position, on: date | None = None
) -> PositionMatch:
    """Job-person match without a permission check: for rules that already hold the records."""
    rules = await rules_for(employee.agency_id)
    standard = (await standard_of([position.id]))[position.id]
    levels = (await current_levels([employee.id], on=on))[employee.id]
    dictionary = {
        row["code"]: row
        for row in await Competency.filter(
            agency_id=employee.agency_id,
            code__in=list(standard),
        ).values("code", "id", "name")
    }
    scored = score_match(levels, standard, rules)
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
    target_id = position_id or employee.position_id
    if target_id is None:
        raise missing("errors.plan.no_position", field="position")
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
