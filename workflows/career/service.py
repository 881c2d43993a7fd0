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
from portal.settings import RuleSettings
from portal.viewer import Viewer
from portal.vocabulary import RequestKind
from workflows import audit
from workflows.access import can_view_request, require_user
from workflows.career import engine
from workflows.career.actors import actor_context
from workflows.career.approvers import resolve_plan
from workflows.career.chains.resolve import definition_for_request, definition_of, request_facts
from workflows.career.committee import committee_seats, round_votes
from workflows.career.corrections import check_correction
from workflows.career.definitions import (
    HR_ONLY_KINDS,
    REASON_CODES,
    Action,
    Relation,
    StageKind,
    State,
)
from workflows.career.delegations import revoke_delegation, set_delegation
from workflows.career.details import (
    MAX_TEXT,
    DataCorrectionDetails,
    DecisionChoice,
    RequestDetails,
    parse_details,
    target_position_id,
)
from workflows.career.effects import apply_approval
from workflows.career.eligibility import (
    evaluate,
    open_requests,
    person_of,
    refusal,
    run_checks,
    snapshot,
    target_of,
)
from workflows.career.rules import Facts
from workflows.career.rules.common import no_open_request
from workflows.career.standing import available_actions_many
from workflows.career.transitions import Step, load, record
from workflows.career.visibility import available_actions
from workflows.errors import NotPermitted, StaleVersion
from workflows.merit.lookups import rules_for
from workflows.messages import Listing, Text, invalid, missing, refused
from workflows.personnel.decrees import issue_decree
from workflows.personnel.documents import require_complete

__all__ = [
    "PlanStage",
    "available_actions",
    "available_actions_many",
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
DECISIONS = tuple(d.value for d in DecisionChoice)


async def _applicant(actor: Viewer) -> Employee:
    require_user(actor)
    if actor.employee_id is None:
        raise refused("errors.request.employees_only")
    employee = await Employee.get_or_none(id=actor.employee_id, agency_id=actor.agency_id)
    if employee is None:
        raise missing("errors.request.no_record")
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
        raise invalid("errors.request.comment_too_long", field="comment", most=MAX_TEXT)
    return text


def _require_reason(reason_code: str | None, comment: str) -> str:
    if reason_code not in REASON_CODES:
        raise invalid("errors.request.reason_code", field="reason_code")
    if not comment:
        raise invalid("errors.request.comment_required", field="comment")
    return reason_code


def _checked_details(
    kind: RequestKind, details: RequestDetails | dict[str, Any], applicant: Employee
) -> RequestDetails:
    """The parsed details; a correction checked with HR's own validation (NIP against the
    record), the same on the check step as on submit, before anything is written."""
    parsed = parse_details(kind, details)
    if isinstance(parsed, DataCorrectionDetails):
        check_correction(applicant, parsed)
    return parsed


async def _prepare(
    kind: RequestKind,
    details: RequestDetails | dict[str, Any],
    applicant: Employee,
    rule: RuleSettings,
    request_id: int | None = None,
) -> tuple[RequestDetails, dict[str, Any]]:
    """Validate the details, gather the facts once and run the rules (NotEligible if refused)."""
    parsed = _checked_details(kind, details, applicant)
    eligibility = await evaluate(
        details=parsed, applicant=applicant, rule=rule, request_id=request_id
    )
    return parsed, eligibility


async def preview_eligibility(
    *, actor: Viewer, kind: RequestKind, details: RequestDetails | dict[str, Any]
) -> dict[str, Any]:
    """The eligibility checks as a submission now would run them (nothing is written)."""
    applicant = await _applicant(actor)
    parsed = _checked_details(kind, details, applicant)
    rule = await rules_for(actor.agency_id)
    return snapshot(await run_checks(details=parsed, applicant=applicant, rule=rule))


async def preview_approval_plan(
    *, actor: Viewer, kind: RequestKind, details: RequestDetails | dict[str, Any]
) -> list[PlanStage]:
    """Who would decide each stage if the actor submitted now (nothing is written)."""
    applicant = await _applicant(actor)
    parsed = parse_details(kind, details)
    if (position_id := target_position_id(parsed)) is not None:
        await target_of(actor.agency_id, position_id)  # another agency's position is unknown here
    rule = await rules_for(actor.agency_id)
    definition = await definition_for_request(
        agency_id=actor.agency_id,
        kind=kind,
        facts=await request_facts(applicant, parsed),
        extra_stages=rule.extra_stages,
    )
    return await resolve_plan(applicant=applicant, definition=definition)


async def submit(
    *, actor: Viewer, kind: RequestKind, details: RequestDetails | dict[str, Any]
) -> CareerRequest:
    """Check eligibility, resolve the approval plan and open the request at its first stage."""
    applicant = await _applicant(actor)
    rule = await rules_for(actor.agency_id)
    parsed, eligibility = await _prepare(kind, details, applicant, rule)
    definition = await definition_for_request(
        agency_id=actor.agency_id,
        kind=kind,
        facts=await request_facts(applicant, parsed),
        extra_stages=rule.extra_stages,
    )
    plan = await resolve_plan(applicant=applicant, definition=definition)
    for entry in plan:
        if not entry["approvers"]:
            stage = Text(f"label.state.{entry['stage']}")
            raise invalid("errors.request.no_approver", field="kind", stage=stage)
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
        if await open_requests(applicant.id, kind, conn=conn).select_for_update().exists():
            facts = Facts(clock.today(), person_of(applicant), parsed, open_request=True)
            raise refusal([no_open_request(facts, rule)])
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
            details=parsed.stored(),
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
    require_user(actor)
    if decision not in DECISIONS:
        choices = Listing(tuple(Text(f"label.decision.{d}") for d in DECISIONS))
        raise invalid("errors.request.decision", field="decision", choices=choices)
    comment = _comment(comment)
    async with audit.transaction() as conn:
        await _begin(conn, actor.agency_id)
        request = await load(conn, agency_id=actor.agency_id, request_id=request_id)
        _check_version(request, expected_version)
        definition = await definition_of(request.workflow_name, request.workflow_version)
        rule = await rules_for(actor.agency_id)
        ctx = await actor_context(conn, actor=actor, request=request, definition=definition)
        stage = definition.stage(request.state)
        action = Action(decision)
        vote = ""
        votes: tuple[str, ...] = ()
        seats = 0
        voting = stage is not None and stage.kind == StageKind.COMMITTEE
        if voting and ctx.member_seat is not None and action in (Action.APPROVE, Action.REJECT):
            vote, action = action.value, Action.VOTE
            votes, seats = await round_votes(conn, request, vote)
        facts = engine.Facts(
            relations=frozenset(ctx.relations),
            return_rounds=request.return_rounds,
            max_return_rounds=rule.max_return_rounds,
            votes=votes,
            seats=seats,
            quorum=(stage.quorum if stage and stage.quorum else rule.committee_quorum),
        )
        try:
            outcome = engine.step(definition, state=request.state, action=action, facts=facts)
        except NotPermitted:
            if ctx.refusal:
                raise refused(ctx.refusal.key, **ctx.refusal.params) from None
            raise
        if request.state == State.HR_REVIEW and action == Action.APPROVE:
            await require_complete(conn, request=request)  # berkas checked by HR
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
            # The decree states the record as it stands before the change takes effect.
            if request.kind not in HR_ONLY_KINDS:
                await issue_decree(conn, request=request, actor=actor.username)
            await apply_approval(conn, request=request, actor=actor.username, settings=rule)
        return request


async def _applicant_step(
    *,
    actor: Viewer,
    request_id: int,
    expected_version: int,
    action: Action,
    comment: str,
    details: RequestDetails | dict[str, Any] | None = None,
) -> CareerRequest:
    require_user(actor)
    comment = _comment(comment)
    async with audit.transaction() as conn:
        await _begin(conn, actor.agency_id)
        request = await load(conn, agency_id=actor.agency_id, request_id=request_id)
        _check_version(request, expected_version)
        definition = await definition_of(request.workflow_name, request.workflow_version)
        rule = await rules_for(actor.agency_id)
        ctx = await actor_context(conn, actor=actor, request=request, definition=definition)
        facts = engine.Facts(relations=frozenset(ctx.relations))
        outcome = engine.step(definition, state=request.state, action=action, facts=facts)
        step = Step(outcome, actor.user_id, actor.username, stage=request.state, comment=comment)
        if action == Action.RESUBMIT:
            applicant = await Employee.get(id=request.applicant_id)
            raw = details if details is not None else request.details
            parsed, eligibility = await _prepare(request.kind, raw, applicant, rule, request.id)
            plan = await resolve_plan(applicant=applicant, definition=definition)
            step.updates.update(
                details=parsed.stored(),
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
    details: RequestDetails | dict[str, Any] | None = None,
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
