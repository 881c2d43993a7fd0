"""Deciding a request's current stage: approve, reject or return; at the committee stage, a vote.

One transaction: the compare-and-set state change (row-locked on PostgreSQL), the decision or
vote, the audit entry, the outbox event and, on approval, the decree and the effect on the record
of employment.
"""

from __future__ import annotations

from portal.clock import clock
from portal.models import CareerRequest, CommitteeVote, RequestAssignment
from portal.viewer import Viewer
from workflows import audit
from workflows.access import require_user
from workflows.career import engine
from workflows.career.actors import actor_context
from workflows.career.chains.resolve import definition_of
from workflows.career.committee import round_votes
from workflows.career.definitions import HR_ONLY_KINDS, REASON_CODES, Action, StageKind, State
from workflows.career.details import DecisionChoice
from workflows.career.effects import apply_approval
from workflows.career.transitions import Step, begin, check_version, checked_comment, load, record
from workflows.errors import NotPermitted
from workflows.merit.lookups import rules_for
from workflows.messages import Listing, Text, invalid, refused
from workflows.personnel.decrees import issue_decree
from workflows.personnel.documents import require_complete

DECISIONS = tuple(d.value for d in DecisionChoice)


def _require_reason(reason_code: str | None, comment: str) -> str:
    if reason_code not in REASON_CODES:
        raise invalid("errors.request.reason_code", field="reason_code")
    if not comment:
        raise invalid("errors.request.comment_required", field="comment")
    return reason_code


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
    comment = checked_comment(comment)
    async with audit.transaction() as conn:
        await begin(conn, actor.agency_id)
        request = await load(conn, agency_id=actor.agency_id, request_id=request_id)
        check_version(request, expected_version)
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
