"""Applying one engine outcome atomically: compare-and-set, decision, assignments, audit, outbox.

Every action on a request runs :func:`record` inside the caller's transaction; a request that
changed since the actor read it (0 rows updated) is refused with ``StaleVersion``. The caller
opens that transaction with :func:`begin`, reads the request with :func:`load` and checks the
version the actor saw with :func:`check_version` first.
"""

from __future__ import annotations

import copy
from dataclasses import dataclass, field
from typing import Any

from tortoise.backends.base.client import BaseDBAsyncClient

from portal import outbox
from portal.clock import clock
from portal.models import CareerRequest, Decision, Employee, RequestAssignment, User
from portal.settings import RuleSettings
from workflows import audit
from workflows.career.approvers import fallback_approvers, person, via_of
from workflows.career.definitions import TERMINAL, Action, WorkflowDefinition
from workflows.career.details import MAX_TEXT
from workflows.career.engine import Outcome
from workflows.errors import StaleVersion
from workflows.messages import invalid, missing
from workflows.workdays import add_working_days

DECIDING_ACTIONS = (Action.APPROVE, Action.REJECT, Action.RETURN, Action.VOTE)


@dataclass
class Step:
    """One action to record: who, for whom, why, and what else changes on the request row."""

    outcome: Outcome
    actor_user_id: int | None
    actor_name: str
    on_behalf_of: int | None = None
    stage: str = ""
    reason_code: str = ""
    comment: str = ""
    updates: dict[str, Any] = field(default_factory=dict)
    audit_extra: dict[str, Any] = field(default_factory=dict)


def checked_comment(comment: str) -> str:
    text = (comment or "").strip()
    if len(text) > MAX_TEXT:
        raise invalid("errors.request.comment_too_long", field="comment", most=MAX_TEXT)
    return text


async def begin(conn: BaseDBAsyncClient, agency_id: int) -> None:
    """SQLite: take the write lock first, so concurrent writers queue instead of deadlocking."""
    if conn.capabilities.dialect == "sqlite":
        await audit.lock_agency_chain(conn, agency_id)


async def load(
    conn: BaseDBAsyncClient, *, agency_id: int, request_id: int, lock: bool = True
) -> CareerRequest:
    """The request of the agency, row-locked on PostgreSQL until the transaction ends."""
    query = CareerRequest.filter(id=request_id, agency_id=agency_id).using_db(conn)
    found = await (query.select_for_update() if lock else query).first()
    if found is None:
        raise missing("errors.request.missing", request_id=request_id)
    return found


def check_version(request: CareerRequest, expected: int) -> None:
    if request.version != expected:
        raise StaleVersion(expected=expected, current=request.version)


async def deciders_by_stage(conn: BaseDBAsyncClient | None, request_id: int) -> dict[str, set[int]]:
    """Everybody who decided (in person or through a delegate) each stage of the request."""
    out: dict[str, set[int]] = {}
    rows = (
        await Decision.filter(request_id=request_id, action__in=[a.value for a in DECIDING_ACTIONS])
        .using_db(conn)
        .values("stage", "actor_id", "on_behalf_of_id")
    )
    for row in rows:
        people = out.setdefault(row["stage"], set())
        people.update(p for p in (row["actor_id"], row["on_behalf_of_id"]) if p is not None)
    return out


async def assign_stage(
    conn: BaseDBAsyncClient, *, request: CareerRequest, stage: str, definition: WorkflowDefinition
) -> list[str]:
    """Who must act on ``stage`` now, from the plan, minus people who decided other stages.

    A stage never strands: when separation of duties (or a delegate's earlier decision) leaves
    nobody who may act, the stage goes at once to the next approver by the escalation rule
    (:func:`workflows.career.approvers.fallback_approvers`); their usernames are returned for
    the audit.
    """
    await RequestAssignment.filter(request_id=request.id).using_db(conn).delete()
    if stage not in definition.stage_names:
        return []
    entry = next(e for e in request.approval_plan if e["stage"] == stage)
    taken = await deciders_by_stage(conn, request.id)
    excluded = set().union(*(v for k, v in taken.items() if k != stage)) if taken else set()
    via = via_of(stage)
    eligible = [a for a in entry["approvers"] if a["user_id"] not in excluded]
    # Nobody decides two stages: a committee seat so held also leaves the quorum.
    assignments = [
        RequestAssignment(
            agency_id=request.agency_id,
            request_id=request.id,
            user_id=approver["user_id"],
            stage=stage,
            via=via,
        )
        for approver in eligible
    ]
    if assignments:  # one statement for all of them
        await RequestAssignment.bulk_create(assignments, using_db=conn)
    escalated = [a for a in entry.get("escalated_to", []) if a["user_id"] not in excluded]
    if not eligible and not escalated:
        escalated = await _stranded(conn, request=request, stage=stage, excluded=excluded)
    for approver in escalated:
        await add_assignment(conn, request=request, stage=stage, user_id=approver["user_id"])
    return [a["username"] for a in escalated] if not eligible else []


async def _stranded(
    conn: BaseDBAsyncClient, *, request: CareerRequest, stage: str, excluded: set[int]
) -> list[dict[str, Any]]:
    """Nobody may decide ``stage``: escalate it now, and keep that in the request's plan."""
    applicant = await Employee.filter(id=request.applicant_id).using_db(conn).get()
    targets = [
        person(u)
        for u in await fallback_approvers(applicant=applicant, stage=stage, excluded=excluded)
    ]
    plan = copy.deepcopy(request.approval_plan)
    entry = next(e for e in plan if e["stage"] == stage)
    entry["escalated_to"] = [*entry.get("escalated_to", []), *targets]
    await CareerRequest.filter(id=request.id).using_db(conn).update(approval_plan=plan)
    request.approval_plan = plan
    return targets


async def add_assignment(
    conn: BaseDBAsyncClient, *, request: CareerRequest, stage: str, user_id: int
) -> None:
    if (
        not await RequestAssignment.filter(request_id=request.id, user_id=user_id)
        .using_db(conn)
        .exists()
    ):
        await RequestAssignment.create(
            using_db=conn,
            agency_id=request.agency_id,
            request_id=request.id,
            user_id=user_id,
            stage=stage,
            via="ESCALATION",
        )


def due_at_for(stage: str, rule: RuleSettings, definition: WorkflowDefinition | None = None) -> Any:
    """When ``stage`` falls due: the chain's own deadline, else the agency's setting."""
    own = definition.stage(stage) if definition is not None else None
    days = (
        own.due_working_days
        if own is not None and own.due_working_days is not None
        else rule.stage_due_working_days.get(stage)
    )
    return None if days is None else add_working_days(clock.now(), days)


def snapshot(request: CareerRequest) -> dict[str, Any]:
    return {"state": request.state, "version": request.version}


async def record(
    conn: BaseDBAsyncClient,
    *,
    request: CareerRequest,
    step: Step,
    definition: WorkflowDefinition,
    rule: RuleSettings,
) -> CareerRequest:
    """Compare-and-set the request to the outcome and write decision, audit entry and event."""
    outcome = step.outcome
    now = clock.now()
    version = request.version + 1
    updates: dict[str, Any] = {"state": outcome.target, "version": version, "updated_at": now}
    if outcome.target in TERMINAL:
        updates.update(closed_at=now, due_at=None)
    elif outcome.changes_state or outcome.action == Action.ESCALATE:
        updates.update(due_at=due_at_for(outcome.target, rule, definition))
    if outcome.changes_state:
        updates["escalation_level"] = 0
    updates.update(step.updates)
    changed = (
        await CareerRequest.filter(id=request.id, version=request.version, state=request.state)
        .using_db(conn)
        .update(**updates)
    )
    if changed == 0:
        current = await CareerRequest.filter(id=request.id).using_db(conn).first()
        raise StaleVersion(expected=request.version, current=current.version if current else 0)
    before = snapshot(request)
    for key, value in updates.items():
        setattr(request, key, value)
    await Decision.create(
        using_db=conn,
        agency_id=request.agency_id,
        request_id=request.id,
        action=outcome.action.value,
        from_state=outcome.source,
        to_state=outcome.target,
        stage=step.stage,
        actor_id=step.actor_user_id,
        on_behalf_of_id=step.on_behalf_of,
        reason_code=step.reason_code,
        comment=step.comment,
        version=version,
        created_at=now,
    )
    stranded: list[str] = []
    if outcome.changes_state:
        stranded = await assign_stage(
            conn, request=request, stage=outcome.target, definition=definition
        )
    name = outcome.action.value.lower()
    behalf = None
    if step.on_behalf_of is not None:
        behalf = await User.filter(id=step.on_behalf_of).using_db(conn).values("username")
    await audit.append(
        conn,
        agency_id=request.agency_id,
        actor=step.actor_name,
        action=f"career_request.{name}",
        subject_type="career_request",
        subject_id=request.id,
        before=before,
        after={**snapshot(request), "reason_code": step.reason_code, "comment": step.comment},
        extra={
            "stage": step.stage,
            "on_behalf_of": behalf[0]["username"] if behalf else None,
            **step.audit_extra,
            # Nobody in the plan may decide the next stage: it went at once to these people.
            **(
                {"no_eligible_approver": {"stage": outcome.target, "escalated_to": stranded}}
                if stranded
                else {}
            ),
        },
    )
    await outbox.emit(
        conn,
        agency_id=request.agency_id,
        topic=f"career_request.{name}",
        subject_id=request.id,
        payload={
            "request_id": request.id,
            "state": request.state,
            "version": request.version,
            "agency_id": request.agency_id,
            "actor": step.actor_name,
        },
    )
    return request
