"""What an approved request changes in the record of employment, in the approving transaction."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

from tortoise.backends.base.client import BaseDBAsyncClient

from portal.clock import clock
from portal.models import Budget, CareerRequest, Employee, PositionHistory, RankHistory
from portal.settings import RuleSettings
from portal.vocabulary import EmployeeStatus, Rank
from workflows import audit
from workflows.career.details import (
    FurtherStudyDetails,
    PromotionDetails,
    RequestDetails,
    stored_details,
)
from workflows.career.eligibility import person_of, refusal, target_of
from workflows.career.rules import Facts, Rule, vacancy_rule
from workflows.career.rules.rank import education_cap
from workflows.merit.training import move_budget


def rank_tmt(approved_on: date) -> date:
    """TMT of a rank promotion: the first of the next month (monthly since October 2025)."""
    return (approved_on.replace(day=1) + timedelta(days=32)).replace(day=1)


async def apply_approval(
    conn: BaseDBAsyncClient, *, request: CareerRequest, actor: str, settings: RuleSettings
) -> None:
    """Change the applicant's position, rank or status as the approved request says."""
    employee = (
        await Employee.filter(id=request.applicant_id).using_db(conn).select_for_update().get()
    )
    details = stored_details(request.kind, request.details)
    if isinstance(details, FurtherStudyDetails):
        await _start_study(conn, employee=employee, request=request, study=details, actor=actor)
    elif isinstance(details, PromotionDetails) and details.is_rank:
        await _promote_rank(
            conn,
            employee=employee,
            request=request,
            details=details,
            actor=actor,
            settings=settings,
        )
    elif details.target_position_id is not None:
        await _move(
            conn,
            employee=employee,
            request=request,
            target_id=details.target_position_id,
            details=details,
            actor=actor,
            settings=settings,
        )


async def _move(
    conn: BaseDBAsyncClient,
    *,
    employee: Employee,
    request: CareerRequest,
    target_id: int,
    details: RequestDetails,
    actor: str,
    settings: RuleSettings,
) -> None:
    today = clock.today()
    agency_id: int = employee.agency_id
    # Another request may have filled it since submission: the same vacancy rule, re-checked.
    target, facts = await target_of(agency_id, target_id, applicant_id=employee.id, conn=conn)
    _recheck(vacancy_rule(details), _facts(employee, details, target=facts), settings)
    before = {"position_id": employee.position_id, "since": employee.position_since}
    await (
        PositionHistory.filter(employee_id=employee.id, until=None)
        .using_db(conn)
        .update(until=today)
    )
    await PositionHistory.create(
        using_db=conn,
        agency_id=employee.agency_id,
        employee_id=employee.id,
        position_id=target.id,
        org_unit_id=target.org_unit_id,
        since=today,
        career_request_id=request.id,
    )
    await (
        Employee.filter(id=employee.id)
        .using_db(conn)
        .update(
            position_id=target.id,
            position_since=today,
            org_unit_id=target.org_unit_id,
            updated_at=clock.now(),
        )
    )
    await _audit(conn, employee, actor, "employee.position_change", before,
                 {"position_id": target.id, "since": today}, request)  # fmt: skip


async def _promote_rank(
    conn: BaseDBAsyncClient,
    *,
    employee: Employee,
    request: CareerRequest,
    details: PromotionDetails,
    actor: str,
    settings: RuleSettings,
) -> None:
    _recheck(education_cap, _facts(employee, details), settings)
    new_rank = Rank(employee.rank + 1)
    tmt = rank_tmt(clock.today())
    before = {"rank": Rank(employee.rank).code, "since": employee.rank_since}
    await (
        RankHistory.filter(employee_id=employee.id, until=None)
        .using_db(conn)
        .update(until=tmt - timedelta(days=1))
    )
    await RankHistory.create(
        using_db=conn,
        agency_id=employee.agency_id,
        employee_id=employee.id,
        rank=new_rank,
        since=tmt,
        career_request_id=request.id,
    )
    await (
        Employee.filter(id=employee.id)
        .using_db(conn)
        .update(rank=new_rank, rank_since=tmt, updated_at=clock.now())
    )
    await _audit(conn, employee, actor, "employee.rank_change", before,
                 {"rank": new_rank.code, "since": tmt}, request)  # fmt: skip


async def _start_study(
    conn: BaseDBAsyncClient,
    *,
    employee: Employee,
    request: CareerRequest,
    study: FurtherStudyDetails,
    actor: str,
) -> None:
    cost = study.estimated_cost
    year = study.start_date.year
    agency_id: int = employee.agency_id
    # The one budget writer (compare-and-set; refuses to pass the ceiling), as nominations use.
    before = await Budget.filter(agency_id=agency_id, year=year).using_db(conn).first()
    budget = await move_budget(conn, agency_id=agency_id, year=year, committed=cost)
    await audit.append(
        conn,
        agency_id=agency_id,
        actor=actor,
        action="budget.commit",
        subject_type="budget",
        subject_id=budget.id,
        before={"committed": before.committed if before else None},
        after={"committed": budget.committed},
        extra={"career_request_id": request.id},
    )
    await (
        Employee.filter(id=employee.id)
        .using_db(conn)
        .update(status=EmployeeStatus.FURTHER_STUDY, updated_at=clock.now())
    )
    await _audit(conn, employee, actor, "employee.status_change", {"status": employee.status},
                 {"status": EmployeeStatus.FURTHER_STUDY}, request)  # fmt: skip


def _facts(employee: Employee, details: RequestDetails, **known: Any) -> Facts:
    return Facts(today=clock.today(), person=person_of(employee), details=details, **known)


def _recheck(rule: Rule, facts: Facts, settings: RuleSettings) -> None:
    """Re-run one submission rule on today's facts; refuse with its typed check if it fails."""
    check = rule(facts, settings)
    if check is not None and not check.passed:
        raise refusal([check])


async def _audit(
    conn: BaseDBAsyncClient,
    employee: Employee,
    actor: str,
    action: str,
    before: dict[str, Any],
    after: dict[str, Any],
    request: CareerRequest,
) -> None:
    await audit.append(
        conn,
        agency_id=employee.agency_id,
        actor=actor,
        action=action,
        subject_type="employee",
        subject_id=employee.id,
        before=before,
        after=after,
        extra={"career_request_id": request.id},
    )
