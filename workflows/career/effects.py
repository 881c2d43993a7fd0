"""What an approved request changes in the record of employment, in the approving transaction.

The change itself takes effect on its date (``workflows.career.scheduled``): it is scheduled
on approval and applied by the scheduler on its TMT or start date, or at once when that is today.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from tortoise.backends.base.client import BaseDBAsyncClient

from portal.clock import clock
from portal.models import Budget, CareerRequest, Employee
from portal.settings import RuleSettings
from portal.vocabulary import ChangeKind, EmployeeStatus, Rank
from workflows import audit
from workflows.career.corrections import apply_correction
from workflows.career.details import (
    DataCorrectionDetails,
    FurtherStudyDetails,
    PromotionDetails,
    RequestDetails,
    stored_details,
)
from workflows.career.eligibility import person_of, refusal, target_of
from workflows.career.rules import Facts, Rule, vacancy_rule
from workflows.career.rules.rank import education_cap
from workflows.career.rules.study import cost_by_year
from workflows.career.scheduled import schedule_or_apply
from workflows.effective_dates import rank_tmt
from workflows.merit.training import move_budget


async def apply_approval(
    conn: BaseDBAsyncClient, *, request: CareerRequest, actor: str, settings: RuleSettings
) -> None:
    """Change the applicant's position, rank or status as the approved request says."""
    employee = (
        await Employee.filter(id=request.applicant_id).using_db(conn).select_for_update().get()
    )
    details = stored_details(request.kind, request.details)
    if isinstance(details, DataCorrectionDetails):
        await apply_correction(
            conn, employee=employee, request=request, details=details, actor=actor
        )
    elif isinstance(details, FurtherStudyDetails):
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
    agency_id: int = employee.agency_id
    # Another request may have filled it since submission: the same vacancy rule, re-checked.
    target, facts = await target_of(agency_id, target_id, applicant_id=employee.id, conn=conn)
    _recheck(vacancy_rule(details), _facts(employee, details, target=facts), settings)
    await schedule_or_apply(
        conn,
        employee=employee,
        kind=ChangeKind.POSITION,
        effective_on=position_effective_on(clock.today()),
        change={"position_id": target.id},
        actor=actor,
        career_request_id=request.id,
    )


def position_effective_on(approved_on: date) -> date:
    """A move takes effect on its decree's date: the decree is issued on final approval."""
    return approved_on


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
    await schedule_or_apply(
        conn,
        employee=employee,
        kind=ChangeKind.RANK,
        effective_on=rank_tmt(clock.today()),
        change={"rank": new_rank.value, "code": new_rank.code},
        actor=actor,
        career_request_id=request.id,
    )


async def _start_study(
    conn: BaseDBAsyncClient,
    *,
    employee: Employee,
    request: CareerRequest,
    study: FurtherStudyDetails,
    actor: str,
) -> None:
    agency_id: int = employee.agency_id
    shares = cost_by_year(study.start_date, study.duration_months, study.estimated_cost)
    # Each budget year carries the months of the study that fall in it; a later year whose
    # budget is not set yet is named in the audit entry and committed when HR sets it.
    later = {}
    for year, share in sorted(shares.items()):
        before = await Budget.filter(agency_id=agency_id, year=year).using_db(conn).first()
        if before is None and year != study.start_date.year:
            later[str(year)] = str(share)
            continue
        # The one budget writer (compare-and-set; refuses to pass the ceiling).
        budget = await move_budget(conn, agency_id=agency_id, year=year, committed=share)
        await audit.append(
            conn,
            agency_id=agency_id,
            actor=actor,
            action="budget.commit",
            subject_type="budget",
            subject_id=budget.id,
            before={"committed": before.committed if before else None},
            after={"committed": budget.committed},
            extra={"career_request_id": request.id, "year": year, "share": share,
                   "not_yet_budgeted": later},
        )  # fmt: skip
    await schedule_or_apply(
        conn,
        employee=employee,
        kind=ChangeKind.STATUS,
        effective_on=study.start_date,
        change={"status": EmployeeStatus.FURTHER_STUDY.value},
        actor=actor,
        career_request_id=request.id,
    )


def _facts(employee: Employee, details: RequestDetails, **known: Any) -> Facts:
    return Facts(today=clock.today(), person=person_of(employee), details=details, **known)


def _recheck(rule: Rule, facts: Facts, settings: RuleSettings) -> None:
    """Re-run one submission rule on today's facts; refuse with its typed check if it fails."""
    check = rule(facts, settings)
    if check is not None and not check.passed:
        raise refusal([check])
