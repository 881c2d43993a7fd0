"""What an approved request changes in the record of employment, in the approving transaction."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

from tortoise.backends.base.client import BaseDBAsyncClient

from portal.clock import clock
from portal.models import Budget, CareerRequest, Employee, Position, PositionHistory, RankHistory
from portal.vocabulary import EDUCATION_RANK_CAP, EmployeeStatus, Rank
from workflows import audit
from workflows.career.details import FurtherStudyDetails, PromotionDetails, stored_details
from workflows.errors import BudgetExceeded, NotEligible


def rank_tmt(approved_on: date) -> date:
    """TMT of a rank promotion: the first of the next month (monthly since October 2025)."""
    return (approved_on.replace(day=1) + timedelta(days=32)).replace(day=1)


async def apply_approval(conn: BaseDBAsyncClient, *, request: CareerRequest, actor: str) -> None:
    """Change the applicant's position, rank or status as the approved request says."""
    employee = (
        await Employee.filter(id=request.applicant_id)  # type: ignore[attr-defined]
        .using_db(conn)
        .select_for_update()
        .get()
    )
    details = stored_details(request.kind, request.details)
    if isinstance(details, FurtherStudyDetails):
        await _start_study(conn, employee=employee, request=request, study=details, actor=actor)
    elif isinstance(details, PromotionDetails) and details.is_rank:
        await _promote_rank(conn, employee=employee, request=request, actor=actor)
    elif details.target_position_id is not None:
        await _move(
            conn,
            employee=employee,
            request=request,
            target_id=details.target_position_id,
            actor=actor,
        )


async def _move(
    conn: BaseDBAsyncClient,
    *,
    employee: Employee,
    request: CareerRequest,
    target_id: int,
    actor: str,
) -> None:
    today = clock.today()
    target = await Position.filter(id=target_id).using_db(conn).get()
    holders = (
        await Employee.filter(position_id=target.id)
        .using_db(conn)
        .exclude(status=EmployeeStatus.RETIRED)
        .exclude(id=employee.id)
        .count()
    )
    if holders >= target.capacity:  # another request filled it since submission
        raise NotEligible(f"{target.title} is no longer vacant", checks=["TARGET_VACANT"])
    before = {"position_id": employee.position_id, "since": employee.position_since}  # type: ignore[attr-defined]
    await (
        PositionHistory.filter(employee_id=employee.id, until=None)
        .using_db(conn)
        .update(until=today)
    )
    await PositionHistory.create(
        using_db=conn,
        agency_id=employee.agency_id,  # type: ignore[attr-defined]
        employee_id=employee.id,
        position_id=target.id,
        org_unit_id=target.org_unit_id,  # type: ignore[attr-defined]
        since=today,
        career_request_id=request.id,
    )
    await (
        Employee.filter(id=employee.id)
        .using_db(conn)
        .update(
            position_id=target.id,
            position_since=today,
            org_unit_id=target.org_unit_id,  # type: ignore[attr-defined]
            updated_at=clock.now(),
        )
    )
    await _audit(conn, employee, actor, "employee.position_change", before,
                 {"position_id": target.id, "since": today}, request)  # fmt: skip


async def _promote_rank(
    conn: BaseDBAsyncClient, *, employee: Employee, request: CareerRequest, actor: str
) -> None:
    if employee.rank is None or employee.rank >= EDUCATION_RANK_CAP[employee.education]:
        raise NotEligible("the rank is at the cap for the education", checks=["EDUCATION_CAP"])
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
        agency_id=employee.agency_id,  # type: ignore[attr-defined]
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
    budget = (
        await Budget.filter(agency_id=employee.agency_id, year=year)  # type: ignore[attr-defined]
        .using_db(conn)
        .select_for_update()
        .first()
    )
    left = None if budget is None else budget.ceiling - budget.committed - budget.spent
    if budget is None or left is None or left < cost:
        raise BudgetExceeded(
            f"the {year} budget has {left if left is not None else 'nothing'} left, "
            f"the study costs {cost}",
            year=year,
        )
    updated = (
        await Budget.filter(id=budget.id, version=budget.version)
        .using_db(conn)
        .update(committed=budget.committed + cost, version=budget.version + 1)
    )
    if updated == 0:  # changed since read (SQLite has no row lock): refuse, nothing written
        raise BudgetExceeded("the budget changed meanwhile; try again", year=year)
    await audit.append(
        conn,
        agency_id=employee.agency_id,  # type: ignore[attr-defined]
        actor=actor,
        action="budget.commit",
        subject_type="budget",
        subject_id=budget.id,
        before={"committed": budget.committed},
        after={"committed": budget.committed + cost},
        extra={"career_request_id": request.id},
    )
    await (
        Employee.filter(id=employee.id)
        .using_db(conn)
        .update(status=EmployeeStatus.FURTHER_STUDY, updated_at=clock.now())
    )
    await _audit(conn, employee, actor, "employee.status_change", {"status": employee.status},
                 {"status": EmployeeStatus.FURTHER_STUDY}, request)  # fmt: skip


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
        agency_id=employee.agency_id,  # type: ignore[attr-defined]
        actor=actor,
        action=action,
        subject_type="employee",
        subject_id=employee.id,
        before=before,
        after=after,
        extra={"career_request_id": request.id},
    )
