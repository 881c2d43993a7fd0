"""Gathers the facts the eligibility rules need from the database and runs the rules."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Any

from tortoise.expressions import Q

from portal.clock import clock
from portal.models import (
    Agency,
    Assessment,
    Budget,
    CareerRequest,
    DisciplinaryPenalty,
    Employee,
    PerformanceEvaluation,
    Position,
    PositionCompetency,
)
from portal.settings import RuleSettings, get_settings
from portal.vocabulary import (
    EmployeeStatus,
    EvaluationPeriod,
    PenaltyLevel,
    Predikat,
    RequestKind,
)
from workflows.career import rules
from workflows.career.definitions import TERMINAL
from workflows.career.details import (
    FurtherStudyDetails,
    PromotionDetails,
    RequestDetails,
    RotationDetails,
)
from workflows.errors import ValidationFailed
from workflows.merit.scoring import JobPersonMatch, job_person_match


async def rules_for(agency_id: int) -> RuleSettings:
    """The rule numbers for one agency: the settings merged with its overrides."""
    agency = await Agency.get(id=agency_id)
    return get_settings().rules.merged(agency.rule_overrides)


def person_of(employee: Employee) -> rules.Person:
    return rules.Person(
        birth_date=employee.birth_date,
        appointment_date=employee.appointment_date,
        education=employee.education,
        status=str(employee.status.value if hasattr(employee.status, "value") else employee.status),
        rank=employee.rank,
        rank_since=employee.rank_since,
        position_id=employee.position_id,  # type: ignore[attr-defined]
        position_since=employee.position_since,
    )


async def target_of(agency_id: int, position_id: int) -> tuple[Position, rules.Target]:
    """The target position in the agency (others are invisible) and how full it is."""
    position = await Position.get_or_none(id=position_id, agency_id=agency_id)
    if position is None:
        raise ValidationFailed("unknown target position", field="target_position_id")
    holders = (
        await Employee.filter(position_id=position.id)
        .exclude(status=EmployeeStatus.RETIRED)
        .count()
    )
    return position, rules.Target(
        id=position.id,
        title=position.title,
        min_education=position.min_education,
        min_rank=position.min_rank,
        min_years_experience=position.min_years_experience,
        capacity=position.capacity,
        holders=holders,
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


async def annual_predikats(employee: Employee, years: int) -> dict[int, Predikat | None]:
    """Annual predikat of each of the last ``years`` completed years (None when missing)."""
    wanted = [clock.today().year - i for i in range(1, years + 1)]
    found = {
        row["year"]: Predikat(row["predikat"])
        for row in await PerformanceEvaluation.filter(
            employee_id=employee.id, period=EvaluationPeriod.ANNUAL, year__in=wanted
        ).values("year", "predikat")
    }
    return {year: found.get(year) for year in wanted}


async def _has_penalty(employee: Employee, today: date) -> bool:
    return (
        await DisciplinaryPenalty.filter(
            employee_id=employee.id,
            level__in=[PenaltyLevel.MODERATE, PenaltyLevel.SEVERE],
            starts_on__lte=today,
        )
        .filter(Q(ends_on=None) | Q(ends_on__gte=today))
        .exists()
    )


async def budget_left(agency_id: int, year: int) -> Decimal | None:
    budget = await Budget.get_or_none(agency_id=agency_id, year=year)
    if budget is None:
        return None
    return Decimal(budget.ceiling) - Decimal(budget.committed) - Decimal(budget.spent)


async def evaluate(
    *,
    kind: RequestKind,
    details: RequestDetails,
    applicant: Employee,
    rule: RuleSettings,
    request_id: int | None = None,
) -> dict[str, Any]:
    """The eligibility snapshot stored with the request."""
    today = clock.today()
    person = person_of(applicant)
    open_requests = CareerRequest.filter(applicant_id=applicant.id, kind=kind).exclude(
        state__in=[s.value for s in TERMINAL]
    )
    if request_id is not None:
        open_requests = open_requests.exclude(id=request_id)
    checks = [rules.active_status(person), rules.no_open_request(await open_requests.exists())]
    if isinstance(details, RotationDetails):
        _, target = await target_of(applicant.agency_id, details.target_position_id)  # type: ignore[attr-defined]
        checks += rules.target_vacant(person, target)
        checks.append(rules.years_in_posting(person, rule, today))
        checks.append(rules.competency_match(await match_for(applicant, target.id, rule)))
    elif isinstance(details, PromotionDetails) and details.target_position_id is None:
        checks.append(rules.years_in_rank(person, rule, today))
        predikats = await annual_predikats(applicant, rule.promotion_good_years)
        checks.append(rules.good_performance(predikats, rule))
        checks.append(rules.education_cap(person))
    elif isinstance(details, PromotionDetails) and details.target_position_id is not None:
        _, target = await target_of(applicant.agency_id, details.target_position_id)  # type: ignore[attr-defined]
        checks += rules.target_vacant(person, target)
        checks += rules.position_requirements(person, target, today)
        predikats = await annual_predikats(applicant, rule.promotion_good_years)
        checks.append(rules.good_performance(predikats, rule))
        match = await match_for(applicant, target.id, rule)
        checks.append(rules.competency_match(match, code="COMPETENCY_STANDARD"))
    elif isinstance(details, FurtherStudyDetails):
        study = rules.Study(
            level=details.level,
            accreditation=details.accreditation,
            start_date=details.start_date,
            duration_months=details.duration_months,
            estimated_cost=details.estimated_cost,
        )
        left = await budget_left(applicant.agency_id, study.start_date.year)  # type: ignore[attr-defined]
        checks += rules.study_checks(
            person,
            study,
            penalty=await _has_penalty(applicant, today),
            budget_left=left,
            rules=rule,
        )
    return {
        "eligible": all(c.passed for c in checks),
        "checked_at": clock.now().isoformat(),
        "checks": [c.as_dict() for c in checks],
    }
