"""The applicant's actions: preview, submit, and withdraw or resubmit after.

Submitting checks eligibility, resolves the approval plan and opens the request at its first
stage in one transaction; a resubmission re-runs both on the (optionally revised) details.
"""

from __future__ import annotations

from typing import Any

from portal.clock import clock
from portal.models import CareerRequest, Employee
from portal.settings import RuleSettings
from portal.viewer import Viewer
from portal.vocabulary import RequestKind
from workflows import audit
from workflows.access import require_user
from workflows.career import engine
from workflows.career.actors import actor_context
from workflows.career.approvers import resolve_plan
from workflows.career.chains.resolve import definition_for_request, definition_of, request_facts
from workflows.career.corrections import check_correction
from workflows.career.definitions import Action, Relation, State
from workflows.career.details import (
    DataCorrectionDetails,
    RequestDetails,
    parse_details,
    target_position_id,
)
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
from workflows.career.transitions import Step, begin, check_version, checked_comment, load, record
from workflows.merit.lookups import rules_for
from workflows.messages import Text, invalid, missing, refused

PlanStage = dict[str, Any]  # {"stage", "approvers": [{"user_id","username","name"}], "rule", ...}


async def _applicant(actor: Viewer) -> Employee:
    require_user(actor)
    if actor.employee_id is None:
        raise refused("errors.request.employees_only")
    employee = await Employee.get_or_none(id=actor.employee_id, agency_id=actor.agency_id)
    if employee is None:
        raise missing("errors.request.no_record")
    return employee


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
        await begin(conn, actor.agency_id)
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
    comment = checked_comment(comment)
    async with audit.transaction() as conn:
        await begin(conn, actor.agency_id)
        request = await load(conn, agency_id=actor.agency_id, request_id=request_id)
        check_version(request, expected_version)
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
