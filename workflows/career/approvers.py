"""Who decides: the approval plan resolved from the data, delegations and separation of duties.

Supervisor stage: the applicant's direct supervisor (``workflows.access.orgchart``);
head-of-OPD stage: the highest supervisor within the applicant's OPD; HR stage: the agency's HR
officers; committee stage: the agency's committee. A stage nobody can decide falls to the HR head.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from portal.models import Employee, Position, User, UserRole
from portal.vocabulary import EmployeeStatus, Role
from workflows.access import supervisor_chain
from workflows.career.definitions import State, WorkflowDefinition
from workflows.organisation import opd_of_unit

_VIA = {
    State.SUPERVISOR_REVIEW: "SUPERVISOR",
    State.HEAD_OF_OPD_REVIEW: "HEAD_OF_OPD",
    State.HR_REVIEW: "HR",
    State.HR_HEAD_REVIEW: "HR_HEAD",
    State.POSITION_REVIEW: "POSITION",
    State.COMMITTEE_REVIEW: "COMMITTEE",
}


def person(user: User) -> dict[str, Any]:
    name = user.username
    employee = getattr(user, "employee", None)
    if isinstance(employee, Employee):
        name = employee.name
    return {"user_id": user.id, "username": user.username, "name": name}


async def _users_of_employees(employees: Iterable[Employee]) -> list[User]:
    ids = [e.id for e in employees]
    if not ids:
        return []
    return (
        await User.filter(employee_id__in=ids, is_active=True)
        .prefetch_related("employee")
        .order_by("id")
    )


async def users_with_role(agency_id: int, role: Role) -> list[User]:
    return (
        await User.filter(agency_id=agency_id, is_active=True, roles__role=role)
        .prefetch_related("employee")
        .distinct()
        .order_by("id")
    )


async def position_holders(agency_id: int, position_id: int | None) -> tuple[list[User], str]:
    """The users of the active employees holding a named position (e.g. the Sekda)."""
    position = await Position.filter(id=position_id, agency_id=agency_id).first()
    if position is None:
        return [], "holder of a named position (unknown position)"
    holders = await Employee.filter(
        agency_id=agency_id, position_id=position.id, status=EmployeeStatus.ACTIVE
    )
    return await _users_of_employees(holders), f"holder of the position {position.title}"


async def _stage_approvers(
    stage: str, applicant: Employee, definition: WorkflowDefinition
) -> tuple[list[User], str]:
    agency_id: int = applicant.agency_id
    if stage == State.HR_HEAD_REVIEW:
        return await users_with_role(agency_id, Role.HR_HEAD), "HR head"
    if stage == State.POSITION_REVIEW:
        own = definition.stage(stage)
        return await position_holders(agency_id, own.position_id if own else None)
    if stage == State.SUPERVISOR_REVIEW:
        chain = await supervisor_chain(applicant)
        return await _users_of_employees(chain[:1]), "direct supervisor"
    if stage == State.HEAD_OF_OPD_REVIEW:
        chain = await supervisor_chain(applicant)
        opd = await opd_of_unit(agency_id=agency_id, org_unit_id=applicant.org_unit_id)
        inside = [e for e in chain if e.org_unit_id in opd.unit_ids]
        # The head decides separately only when they are not the direct supervisor already.
        head = inside[-1:] if len(inside) >= 2 else []
        return await _users_of_employees(head), "head of the OPD"
    if stage == State.HR_REVIEW:
        return await users_with_role(agency_id, Role.HR), "HR officers (BKPSDM)"
    if stage == State.COMMITTEE_REVIEW:
        users = await users_with_role(agency_id, Role.COMMITTEE)
        return users, "committee (tim penilai kinerja), quorum decides"
    raise ValueError(f"no approver rule for stage {stage}")


async def resolve_plan(
    *, applicant: Employee, definition: WorkflowDefinition
) -> list[dict[str, Any]]:
    """The approval plan: who decides each stage of the definition for this applicant."""
    own = {u.id for u in await User.filter(employee_id=applicant.id)}
    hr_heads = await users_with_role(applicant.agency_id, Role.HR_HEAD)
    plan = []
    for stage in definition.stage_names:
        users, rule = await _stage_approvers(stage, applicant, definition)
        users = [u for u in users if u.id not in own]
        if not users:
            users = [u for u in hr_heads if u.id not in own]
            rule = f"HR head (no one else can decide: {rule})"
        plan.append(
            {
                "stage": stage,
                "approvers": [person(u) for u in users],
                "rule": rule,
                "escalated_to": [],
            }
        )
    return plan


def via_of(stage: str) -> str:
    return _VIA.get(State(stage), "STAGE")


async def escalation_targets(*, applicant: Employee, stage: str, level: int) -> list[User]:
    """Who an overdue stage escalates to: the supervisor's supervisor, else the HR head."""
    if stage in (State.SUPERVISOR_REVIEW, State.HEAD_OF_OPD_REVIEW):
        chain = await supervisor_chain(applicant)
        start = 1 if stage == State.SUPERVISOR_REVIEW else len(chain)
        above = chain[start + level - 1 : start + level]
        users = await _users_of_employees(above)
        if users:
            return users
    return await users_with_role(applicant.agency_id, Role.HR_HEAD)


async def fallback_approvers(
    *, applicant: Employee, stage: str, excluded: set[int], levels: int = 3
) -> list[User]:
    """Who takes a stage nobody may decide (separation of duties, delegation): the escalation
    rule's targets, level by level, then the HR head, never someone excluded or the applicant."""
    own = {u.id for u in await User.filter(employee_id=applicant.id)}
    barred = excluded | own
    for level in range(1, levels + 1):
        targets = [
            u
            for u in await escalation_targets(applicant=applicant, stage=stage, level=level)
            if u.id not in barred
        ]
        if targets:
            return targets
    heads = await users_with_role(applicant.agency_id, Role.HR_HEAD)
    return [u for u in heads if u.id not in barred]


async def has_role(user_id: int, role: Role) -> bool:
    return await UserRole.filter(user_id=user_id, role=role).exists()
