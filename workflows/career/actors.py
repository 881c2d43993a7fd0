"""How an actor stands to a request: applicant, approver (in person or as delegate), member."""

from __future__ import annotations

from dataclasses import dataclass, field

from tortoise.backends.base.client import BaseDBAsyncClient

from portal.models import CareerRequest, CommitteeVote, RequestAssignment, User
from portal.viewer import Viewer
from portal.vocabulary import Role
from workflows.access import active_delegations, seats_for
from workflows.career.approvers import has_role
from workflows.career.definitions import Relation, StageKind, WorkflowDefinition
from workflows.career.engine import separation_refusal
from workflows.career.transitions import deciders_by_stage

_ROLE_OF_VIA = {"HR": Role.HR, "COMMITTEE": Role.COMMITTEE}


@dataclass
class ActorContext:
    relations: set[Relation] = field(default_factory=set)
    seat: int | None = None  # the user the actor decides for (themselves or their delegator)
    member_seat: int | None = None  # the committee seat the actor votes for
    refusal: str | None = None  # why a seat the actor holds may not be used (separation)


async def actor_context(
    conn: BaseDBAsyncClient | None,
    *,
    actor: Viewer,
    request: CareerRequest,
    definition: WorkflowDefinition,
) -> ActorContext:
    ctx = ActorContext()
    if actor.employee_id is not None and actor.employee_id == request.applicant_id:
        ctx.relations.add(Relation.APPLICANT)
    stage = definition.stage(request.state)
    if stage is None or actor.user_id is None or not actor.can_write:
        return ctx
    rows = (
        await RequestAssignment.filter(request_id=request.id)
        .using_db(conn)
        .values("user_id", "via")
    )
    taken = await deciders_by_stage(conn, request.id)
    planned = {
        a["user_id"]
        for e in request.approval_plan
        if e["stage"] == stage.name
        for a in e["approvers"]
    }
    if actor.user_id in planned:  # planned but left out: say why (separation of duties)
        ctx.refusal = separation_refusal(
            people={actor.user_id},
            applicant_user_ids=set(),
            deciders_by_stage=taken,
            stage=stage.name,
        )
    if not rows:
        return ctx
    delegations = await active_delegations(request.agency_id, using_db=conn)
    applicant_users = {
        row["id"]
        for row in await User.filter(employee_id=request.applicant_id).using_db(conn).values("id")
    }
    voted = (
        await CommitteeVote.filter(
            request_id=request.id, member_id=actor.user_id, round=request.return_rounds
        )
        .using_db(conn)
        .exists()
    )
    via_of_user = {r["user_id"]: r["via"] for r in rows}
    committee = stage.kind == StageKind.COMMITTEE
    groups = [
        (Relation.MEMBER, [u for u, v in via_of_user.items() if committee and v == "COMMITTEE"]),
        (
            Relation.APPROVER,
            [u for u, v in via_of_user.items() if not committee or v != "COMMITTEE"],
        ),
    ]
    for relation, candidates in groups:
        if relation == Relation.MEMBER and voted:
            continue  # one person, one vote a round, even holding a delegated seat
        for seat in seats_for(actor.user_id, candidates, delegations):
            reason = separation_refusal(
                people={actor.user_id, seat},
                applicant_user_ids=applicant_users,
                deciders_by_stage=taken,
                stage=stage.name,
            )
            if reason:
                ctx.refusal = ctx.refusal or reason
                continue
            role = _ROLE_OF_VIA.get(via_of_user[seat])
            if role is not None and not await has_role(seat, role):
                continue  # the role was withdrawn after the plan was made
            ctx.relations.add(relation)
            if relation == Relation.MEMBER:
                ctx.member_seat = seat
            if ctx.seat is None:
                ctx.seat = seat
            break
    return ctx
