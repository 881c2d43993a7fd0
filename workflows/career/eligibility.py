"""Gathers the facts of one request from the database (one load), then decides by the rule table.

``load -> decide -> write``: :func:`gather` reads everything the request's rules need,
:func:`workflows.career.rules.decide` runs them without the database, and :func:`snapshot` is what
the service stores with the request.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import Any

from tortoise.backends.base.client import BaseDBAsyncClient
from tortoise.expressions import Q

from portal.clock import clock
from portal.models import (
    Assessment,
    Budget,
    CareerRequest,
    DisciplinaryPenalty,
    Employee,
    PerformanceEvaluation,
    Position,
    PositionCompetency,
)
from portal.settings import RuleSettings
from portal.vocabulary import EmployeeStatus, EvaluationPeriod, Predikat, RequestKind
from workflows.career import rules
from workflows.career.definitions import TERMINAL
from workflows.career.details import FurtherStudyDetails, PromotionDetails, RequestDetails
from workflows.career.record_facts import record_facts
from workflows.career.scheduled import pending_changes, pending_moves_into
from workflows.errors import NotEligible
from workflows.merit.scoring import JobPersonMatch, job_person_match
from workflows.merit.training import remaining
from workflows.messages import Listing, ineligible, invalid


def person_of(employee: Employee) -> rules.Person:
    return rules.Person(
        birth_date=employee.birth_date,
        employee_type=employee.employee_type,
        # Service counts from the PNS appointment (TMT PNS); the CPNS date only for old rows.
        service_since=employee.pns_date or employee.appointment_date,
        education=employee.education,
        status=employee.status,
        rank=employee.rank,
        rank_since=employee.rank_since,
        position_id=employee.position_id,
        position_since=employee.position_since,
    )


async def target_of(
    agency_id: int,
    position_id: int,
    *,
    applicant_id: int | None = None,
    conn: BaseDBAsyncClient | None = None,
) -> tuple[Position, rules.Target]:
    """The target position in the agency (others are invisible) and how many others hold it."""
    position = await Position.filter(id=position_id, agency_id=agency_id).using_db(conn).first()
    if position is None:
        raise invalid("errors.request.unknown_target", field="target_position_id")
    holders = (
        Employee.filter(position_id=position.id)
        .using_db(conn)
        .exclude(status=EmployeeStatus.RETIRED)
    )
    if applicant_id is not None:
        holders = holders.exclude(id=applicant_id)
    # A move approved but not yet in effect holds its seat already.
    incoming = {
        e for e in await pending_moves_into(agency_id, position.id, conn=conn) if e != applicant_id
    }
    held = set(await holders.values_list("id", flat=True))
    return position, rules.Target(
        id=position.id,
        title=position.title,
        min_education=position.min_education,
        min_rank=position.min_rank,
        min_years_experience=position.min_years_experience,
        capacity=position.capacity,
        holders=len(held | incoming),
        closed=position.closed_on is not None and position.closed_on <= clock.today(),
    )


async def match_for(employee: Employee, position_id: int, rule: RuleSettings) -> JobPersonMatch:
    """Job-person match of the employee's latest valid assessments against the position."""
    today = clock.today()
    required = {
        row["competency__code"]: row["required_level"]
        for row in await PositionCompetency.filter(position_id=position_id).values(
            "competency__code", "required_level"
        )
    }
    achieved: dict[str, int] = {}
    rows = (
        await Assessment.filter(employee_id=employee.id)
        .filter(Q(valid_until=None) | Q(valid_until__gte=today))
        .order_by("assessed_on", "id")
        .values("competency__code", "level")
    )
    for row in rows:  # later assessments replace earlier ones
        achieved[row["competency__code"]] = row["level"]
    return job_person_match(
        achieved, required, meets=rule.match_meets, still_meets=rule.match_still_meets
    )


async def annual_predikats(employee_id: int, years: int, today: date) -> dict[int, Predikat | None]:
    """Annual predikat of each of the last ``years`` completed years (None when missing)."""
    wanted = [today.year - i for i in range(1, years + 1)]
    found = {
        row["year"]: Predikat(row["predikat"])
        for row in await PerformanceEvaluation.filter(
            employee_id=employee_id, period=EvaluationPeriod.ANNUAL, year__in=wanted
        ).values("year", "predikat")
    }
    return {year: found.get(year) for year in wanted}


async def penalties_in_force(employee_id: int, today: date) -> tuple[rules.Penalty, ...]:
    """Disciplinary penalties of any level in force on ``today``."""
    rows = (
        await DisciplinaryPenalty.filter(employee_id=employee_id, starts_on__lte=today)
        .filter(Q(ends_on=None) | Q(ends_on__gte=today))
        .values("level", "starts_on", "ends_on")
    )
    return tuple(rules.Penalty(r["level"], r["starts_on"], r["ends_on"]) for r in rows)


async def budget_left(agency_id: int, year: int) -> Decimal | None:
    budget = await Budget.get_or_none(agency_id=agency_id, year=year)
    return None if budget is None else remaining(budget)


def open_requests(
    applicant_id: int, kind: RequestKind, *, conn: BaseDBAsyncClient | None = None
) -> Any:
    """The applicant's requests of ``kind`` not yet in an end state of the workflow."""
    return (
        CareerRequest.filter(applicant_id=applicant_id, kind=kind)
        .using_db(conn)
        .exclude(state__in=[s.value for s in TERMINAL])
    )


async def gather(
    details: RequestDetails,
    applicant: Employee,
    rule: RuleSettings,
    *,
    request_id: int | None = None,
) -> rules.Facts:
    """Everything the rules of this request need, read once."""
    today = clock.today()
    agency_id: int = applicant.agency_id
    kind = RequestKind(details.kind)
    others = open_requests(applicant.id, kind)
    if request_id is not None:
        others = others.exclude(id=request_id)
    facts: dict[str, Any] = {
        "open_request": await others.exists(),
        "scheduled": await pending_changes(applicant.id),
    }
    facts.update(await record_facts(applicant, today, rule))
    if details.target_position_id is not None:
        _, facts["target"] = await target_of(
            agency_id, details.target_position_id, applicant_id=applicant.id
        )
        facts["match"] = await match_for(applicant, details.target_position_id, rule)
    if isinstance(details, PromotionDetails | FurtherStudyDetails):
        years = rule.promotion_good_years if isinstance(details, PromotionDetails) else 1
        facts["predikats"] = await annual_predikats(applicant.id, years, today)
        facts["penalties"] = await penalties_in_force(applicant.id, today)
    if isinstance(details, FurtherStudyDetails):
        facts["budget_left"] = await budget_left(agency_id, details.start_date.year)
    return rules.Facts(today=today, person=person_of(applicant), details=details, **facts)


def snapshot(checks: list[rules.Check]) -> dict[str, Any]:
    """The eligibility snapshot stored with the request."""
    return {
        "eligible": all(c.passed for c in checks),
        "checked_at": clock.now().isoformat(),
        "checks": [c.as_dict() for c in checks],
    }


async def evaluate(
    *,
    details: RequestDetails,
    applicant: Employee,
    rule: RuleSettings,
    request_id: int | None = None,
) -> dict[str, Any]:
    """Load the facts, decide, and give the snapshot (refused: NotEligible with every check)."""
    checks = await run_checks(
        details=details, applicant=applicant, rule=rule, request_id=request_id
    )
    result = snapshot(checks)
    if not result["eligible"]:
        raise refusal(checks)
    return result


async def run_checks(
    *,
    details: RequestDetails,
    applicant: Employee,
    rule: RuleSettings,
    request_id: int | None = None,
) -> list[rules.Check]:
    """Every check of the request, passed or not (a preview shows them all)."""
    return rules.decide(await gather(details, applicant, rule, request_id=request_id), rule)


@dataclass(frozen=True)
class _Reason:
    """A failed check's reason, worded in the language of the refusal that names it."""

    check: rules.Check

    def word(self, language: str) -> str:
        return self.check.reason(language)


def refusal(checks: list[rules.Check]) -> NotEligible:
    """The typed refusal: every check (the API shows the failed ones) with code and reasons.

    The text gives the failed checks' reasons; their codes stay in ``checks``.
    """
    reasons = Listing(tuple(_Reason(c) for c in rules.failed(checks)), separator="; ")
    return ineligible(
        "errors.request.not_eligible", checks=[c.as_dict() for c in checks], reasons=reasons
    )


async def due_for_rotation(agency_id: int, rule: RuleSettings) -> list[Employee]:
    """Active employees of the agency for whom a rotation is due (HR's list), longest first."""
    today = clock.today()
    candidates = await Employee.filter(
        agency_id=agency_id, status=EmployeeStatus.ACTIVE, position_since__not_isnull=True
    ).order_by("position_since", "id")
    return [e for e in candidates if rules.due_for_rotation(person_of(e), rule, today)]
