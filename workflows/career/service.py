"""Career-request services: submit, decide (approve, reject, return, vote), withdraw, resubmit.

The committee tally lives in ``workflows.career.committee``, the read-side checks (what an actor may
see and do) in ``workflows.career.visibility``; both are re-exported here.

Each action is one transaction: the compare-and-set state change (row-locked on PostgreSQL), the
decision or vote, the audit entry, the outbox event and, on approval, the effect on the record of
employment. Every function takes the caller as ``actor`` and only touches the actor's agency.
"""

from __future__ import annotations

from typing import Any

from tortoise.backends.base.client import BaseDBAsyncClient

from portal.clock import clock
from portal.models import CareerRequest, CommitteeVote, Employee, RequestAssignment
from portal.viewer import Viewer
from portal.vocabulary import RequestKind
from workflows import audit
from workflows.career import engine
from workflows.career.actors import actor_context
from workflows.career.approvers import resolve_plan
from workflows.career.committee import committee_seats, tally_with
from workflows.career.definitions import (
    REASON_CODES,
    Action,
    Relation,
    StageKind,
    State,
    definition_for,
    get_definition,
)
from workflows.career.delegations import revoke_delegation, set_delegation
from workflows.career.details import MAX_TEXT, parse_details, target_position_id
from workflows.career.effects import apply_approval
from workflows.career.eligibility import evaluate, rules_for, target_of
from workflows.career.transitions import Step, load, record
from workflows.career.visibility import available_actions, can_view_request
from workflows.errors import NotEligible, NotFound, NotPermitted, StaleVersion, ValidationFailed

__all__ = [
    "PlanStage",
    "available_actions",
    "can_view_request",
    "committee_seats",
    "decide",
    "preview_approval_plan",
    "resubmit",
    "revoke_delegation",
    "set_delegation",
    "submit",
    "withdraw",
]

PlanStage = dict[str, Any]  # {"stage", "approvers": [{"user_id","username","name"}], "rule", ...}
DECISIONS = ("APPROVE", "REJECT", "RETURN")


def _require_writer(actor: Viewer) -> None:
    if actor.user_id is None or not actor.can_write:
        raise NotPermitted("this action needs a signed-in user")


async def _applicant(actor: Viewer) -> Employee:
    _require_writer(actor)
    if actor.employee_id is None:
        raise NotPermitted("only an employee can submit a career request")
    employee = await Employee.get_or_none(id=actor.employee_id, agency_id=actor.agency_id)
    if employee is None:
        raise NotFound("your employee record was not found")
    return employee


async def _begin(conn: BaseDBAsyncClient, agency_id: int) -> None:
    """SQLite: take the write lock first, so concurrent writers queue instead of deadlocking."""
    if conn.capabilities.dialect == "sqlite":
        await audit.lock_agency_chain(conn, agency_id)


def _check_version(request: CareerRequest, expected: int) -> None:
    if request.version != expected:
        raise StaleVersion(expected=expected, current=request.version)


def _comment(comment: str) -> str:
    text = (comment or "").strip()
    if len(text) > MAX_TEXT:
        raise ValidationFailed(f"comment is longer than {MAX_TEXT} characters", field="comment")
    return text


def _require_reason(reason_code: str | None, comment: str) -> str:
    if reason_code not in REASON_CODES:
        raise ValidationFailed(
            f"a reason code is required: one of {', '.join(REASON_CODES)}", field="reason_code"
        )
    if not comment:
        raise ValidationFailed("a comment is required to reject or return", field="comment")
    return reason_code


async def _prepare(
    actor: Viewer,
    kind: RequestKind,
    details: dict[str, Any],
    applicant: Employee,
    request_id: int | None = None,
) -> tuple[dict[str, Any], dict[str, Any]]:
    parsed = parse_details(kind, details)
    rule = await rules_for(actor.agency_id)
    eligibility = await evaluate(
        kind=kind, details=parsed, applicant=applicant, rule=rule, request_id=request_id
    )
    if not eligibility["eligible"]:
        failed = [c for c in eligibility["checks"] if not c["passed"]]
        names = ", ".join(c["code"] for c in failed)
        raise NotEligible(f"not eligible: {names}", checks=eligibility["checks"])
    return parsed, eligibility


async def preview_approval_plan(
    *, actor: Viewer, kind: RequestKind, details: dict[str, Any]
) -> list[PlanStage]:
    """Who would decide each stage if the actor submitted now (nothing is written)."""
    applicant = await _applicant(actor)
    parsed = parse_details(kind, details)
    if (position_id := target_position_id(parsed)) is not None:
        await target_of(actor.agency_id, position_id)  # another agency's position is unknown here
    rule = await rules_for(actor.agency_id)
    definition = definition_for(kind, extra_stages=rule.extra_stages)
    return await resolve_plan(applicant=applicant, definition=definition)


async def submit(*, actor: Viewer, kind: RequestKind, details: dict[str, Any]) -> CareerRequest:
    """Check eligibility, resolve the approval plan and open the request at its first stage."""
    applicant = await _applicant(actor)
    parsed, eligibility = await _prepare(actor, kind, details, applicant)
    rule = await rules_for(actor.agency_id)
    definition = definition_for(kind, extra_stages=rule.extra_stages)
    plan = await resolve_plan(applicant=applicant, definition=definition)
    for entry in plan:
        if not entry["approvers"]:
            raise ValidationFailed(f"nobody can decide the {entry['stage']} stage", field="kind")
    outcome = engine.step(
        definition,
        state=State.DRAFT,
        action=Action.SUBMIT,
        facts=engine.Facts(relations=frozenset({Relation.APPLICANT})),
    )
    async with audit.transaction() as conn:
        await _begin(conn, actor.agency_id)
        # Lock the applicant's row: with no request row yet, this is what serialises two
        # simultaneous first submissions on PostgreSQL (SQLite holds the write lock already).
        await Employee.filter(id=applicant.id).using_db(conn).select_for_update().first()
        # Re-check under the lock: two submissions at once must not both open a request.
        if (
            await CareerRequest.filter(applicant_id=applicant.id, kind=kind)
            .using_db(conn)
            .exclude(state__in=[State.APPROVED, State.REJECTED, State.WITHDRAWN])
            .select_for_update()
            .exists()
        ):
            raise NotEligible(
                "a request of this kind is still in progress", checks=eligibility["checks"]
            )
        now = clock.now()
        request = await CareerRequest.create(
            using_db=conn,
            agency_id=actor.agency_id,
            applicant_id=applicant.id,
            kind=kind,
            state=State.DRAFT,
            version=1,
            workflow_name=definition.name,
            workflow_version=definition.version,
            details=parsed,
            target_position_id=target_position_id(parsed),
            eligibility=eligibility,
            approval_plan=plan,
            submitted_at=now,
        )
        # The row starts as DRAFT v1; submitting moves it to the first stage as v2.
        step = Step(outcome, actor.user_id, actor.username, stage=State.DRAFT)
        return await record(conn, request=request, step=step, definition=definition, rule=rule)


async def decide(
    *,
    actor: Viewer,
    request_id: int,
    expected_version: int,
    decision: str,
    reason_code: str | None = None,
    comment: str = "",
) -> CareerRequest:
    """Approve, reject or return the current stage; at the committee stage this is a vote."""
    _require_writer(actor)
    if decision not in DECISIONS:
        raise ValidationFailed(f"decision must be one of {', '.join(DECISIONS)}", field="decision")
    comment = _comment(comment)
    async with audit.transaction() as conn:
        await _begin(conn, actor.agency_id)
        request = await load(conn, agency_id=actor.agency_id, request_id=request_id)
        _check_version(request, expected_version)
        definition = get_definition(request.workflow_name, request.workflow_version)
        rule = await rules_for(actor.agency_id)
        ctx = await actor_context(conn, actor=actor, request=request, definition=definition)
        stage = definition.stage(request.state)
        action = Action(decision)
        vote = ""
        quorum = "pending"
        voting = stage is not None and stage.kind == StageKind.COMMITTEE
        if voting and ctx.member_seat is not None and action in (Action.APPROVE, Action.REJECT):
            vote, action = action.value, Action.VOTE
            quorum = await tally_with(conn, request, vote, rule.committee_quorum)
        facts = engine.Facts(
            relations=frozenset(ctx.relations),
            return_rounds=request.return_rounds,
            max_return_rounds=rule.max_return_rounds,
            quorum=quorum,
        )
        try:
            outcome = engine.step(definition, state=request.state, action=action, facts=facts)
        except NotPermitted:
            if ctx.refusal:
                raise NotPermitted(ctx.refusal) from None
            raise
        code = ""
        if action in (Action.REJECT, Action.RETURN) or vote == "REJECT":
            code = _require_reason(reason_code, comment)
        seat = ctx.member_seat if action == Action.VOTE else ctx.seat
        step = Step(
            outcome,
            actor.user_id,
            actor.username,
            on_behalf_of=seat if seat != actor.user_id else None,
            stage=request.state,
            reason_code=code,
            comment=comment,
            audit_extra={"vote": vote} if vote else {},
        )
        if action == Action.RETURN:
            step.updates["return_rounds"] = request.return_rounds + 1
        round_ = request.return_rounds
        request = await record(conn, request=request, step=step, definition=definition, rule=rule)
        if action == Action.VOTE:
            await CommitteeVote.create(
                using_db=conn,
                agency_id=actor.agency_id,
                request_id=request.id,
                member_id=actor.user_id,
                on_behalf_of_id=step.on_behalf_of,
                round=round_,
                vote=vote,
                reason_code=code,
                comment=comment,
                created_at=clock.now(),
            )
            await (
                RequestAssignment.filter(request_id=request.id, user_id=seat)
                .using_db(conn)
                .delete()
            )
        if request.state == State.APPROVED:
            await apply_approval(conn, request=request, actor=actor.username)
        return request


async def _applicant_step(
    *,
    actor: Viewer,
    request_id: int,
    expected_version: int,
    action: Action,
    comment: str,
    details: dict[str, Any] | None = None,
) -> CareerRequest:
    _require_writer(actor)
    comment = _comment(comment)
    async with audit.transaction() as conn:
        await _begin(conn, actor.agency_id)
        request = await load(conn, agency_id=actor.agency_id, request_id=request_id)
        _check_version(request, expected_version)
        definition = get_definition(request.workflow_name, request.workflow_version)
        rule = await rules_for(actor.agency_id)
        ctx = await actor_context(conn, actor=actor, request=request, definition=definition)
        facts = engine.Facts(relations=frozenset(ctx.relations))
        outcome = engine.step(definition, state=request.state, action=action, facts=facts)
        step = Step(outcome, actor.user_id, actor.username, stage=request.state, comment=comment)
        if action == Action.RESUBMIT:
            applicant = await Employee.get(id=request.applicant_id)  # type: ignore[attr-defined]
            raw = details if details is not None else request.details
            parsed, eligibility = await _prepare(actor, request.kind, raw, applicant, request.id)
            plan = await resolve_plan(applicant=applicant, definition=definition)
            step.updates.update(
                details=parsed,
                eligibility=eligibility,
                approval_plan=plan,
                target_position_id=target_position_id(parsed),
            )
        return await record(conn, request=request, step=step, definition=definition, rule=rule)


async def withdraw(
    *, actor: Viewer, request_id: int, expected_version: int, comment: str = ""
) -> CareerRequest:
    """The applicant takes the request back (any open state)."""
    return await _applicant_step(
        actor=actor,
        request_id=request_id,
        expected_version=expected_version,
        action=Action.WITHDRAW,
        comment=comment,
    )


async def resubmit(
    *,
    actor: Viewer,
    request_id: int,
    expected_version: int,
    details: dict[str, Any] | None = None,
    comment: str = "",
) -> CareerRequest:
    """The applicant sends a returned request again (optionally revised); eligibility re-runs."""
    return await _applicant_step(
        actor=actor,
        request_id=request_id,
        expected_version=expected_version,
        action=Action.RESUBMIT,
        comment=comment,
        details=details,
    )
