"""How an actor stands to requests, read in batch: a few queries for a whole page of requests.

:func:`load_standing` reads, for many requests at once, what decides the actor's relation to
each (the stage's assignments, who decided which stage, the applicant's user accounts, the
actor's vote of the round) and, from the access policy, who may sit in the assigned seats
(``workflows.access.seats``: delegations in force, roles held); :func:`context_of` derives the
relation from it without the database; :func:`available_actions_many` is what the queue page
shows. ``actors.actor_context`` is the same for one request.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field

from tortoise.backends.base.client import BaseDBAsyncClient

from portal.models import (
    CareerRequest,
    CommitteeVote,
    Decision,
    RequestAssignment,
    User,
)
from portal.viewer import Viewer
from workflows.access import SeatFacts, acting_seats, load_seat_facts
from workflows.career import engine
from workflows.career.chains.resolve import definitions_of
from workflows.career.definitions import (
    Action,
    Relation,
    StageKind,
    WorkflowDefinition,
)
from workflows.career.engine import separation_refusal
from workflows.career.transitions import DECIDING_ACTIONS
from workflows.merit.lookups import rules_for
from workflows.messages import Text

_SHOWN = ("APPROVE", "REJECT", "RETURN", "RESUBMIT", "WITHDRAW")


@dataclass
class ActorContext:
    relations: set[Relation] = field(default_factory=set)
    seat: int | None = None  # the user the actor decides for (themselves or their delegator)
    member_seat: int | None = None  # the committee seat the actor votes for
    refusal: Text | None = None  # why a seat the actor holds may not be used (separation)

    @property
    def on_behalf_of(self) -> int | None:
        return self.seat


@dataclass
class Standing:
    """The facts about one request that decide how the actor stands to it."""

    assignments: dict[int, str] = field(default_factory=dict)  # user id -> via
    deciders: dict[str, set[int]] = field(default_factory=dict)  # stage -> who decided it
    applicant_users: set[int] = field(default_factory=set)
    voted: bool = False  # the actor already voted in this round
    seats: SeatFacts = field(default_factory=SeatFacts)  # who may sit in the assigned seats


def _at_stage(actor: Viewer, request: CareerRequest, definition: WorkflowDefinition) -> bool:
    return (
        definition.stage(request.state) is not None
        and actor.user_id is not None
        and actor.can_write
    )


async def load_standing(
    conn: BaseDBAsyncClient | None,
    *,
    actor: Viewer,
    requests: Sequence[tuple[CareerRequest, WorkflowDefinition]],
) -> dict[int, Standing]:
    """The standing facts of every request at a review stage (at most six queries in all)."""
    out = {r.id: Standing() for r, d in requests if _at_stage(actor, r, d)}
    if not out:
        return out
    ids = sorted(out)
    rows = (
        await RequestAssignment.filter(request_id__in=ids)
        .using_db(conn)
        .values("request_id", "user_id", "via")
    )
    for row in rows:
        out[row["request_id"]].assignments[row["user_id"]] = row["via"]
    decided = (
        await Decision.filter(request_id__in=ids, action__in=[a.value for a in DECIDING_ACTIONS])
        .using_db(conn)
        .values("request_id", "stage", "actor_id", "on_behalf_of_id")
    )
    for row in decided:
        people = out[row["request_id"]].deciders.setdefault(row["stage"], set())
        people.update(p for p in (row["actor_id"], row["on_behalf_of_id"]) if p is not None)
    assigned = [r for r, _ in requests if r.id in out and out[r.id].assignments]
    if not assigned:
        return out
    applicants = {r.applicant_id for r in assigned}
    users_of: dict[int, set[int]] = defaultdict(set)
    for row in (
        await User.filter(employee_id__in=sorted(applicants))
        .using_db(conn)
        .values("id", "employee_id")
    ):
        users_of[row["employee_id"]].add(row["id"])
    votes = (
        await CommitteeVote.filter(request_id__in=[r.id for r in assigned], member_id=actor.user_id)
        .using_db(conn)
        .values("request_id", "round")
    )
    voted = {(v["request_id"], v["round"]) for v in votes}
    seats = await load_seat_facts(
        actor.agency_id, (u for r in assigned for u in out[r.id].assignments), using_db=conn
    )
    for r in assigned:
        standing = out[r.id]
        standing.applicant_users = users_of.get(r.applicant_id, set())
        standing.voted = (r.id, r.return_rounds) in voted
        standing.seats = seats
    return out


def context_of(
    *,
    actor: Viewer,
    request: CareerRequest,
    definition: WorkflowDefinition,
    standing: Standing | None,
) -> ActorContext:
    """How the actor stands to the request (pure): applicant, approver or committee member."""
    ctx = ActorContext()
    if actor.employee_id is not None and actor.employee_id == request.applicant_id:
        ctx.relations.add(Relation.APPLICANT)
    stage = definition.stage(request.state)
    if stage is None or standing is None or actor.user_id is None:
        return ctx
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
            deciders_by_stage=standing.deciders,
            stage=stage.name,
        )
    via_of_user = standing.assignments
    committee = stage.kind == StageKind.COMMITTEE
    groups = [
        (Relation.MEMBER, {u: v for u, v in via_of_user.items() if committee and v == "COMMITTEE"}),
        (
            Relation.APPROVER,
            {u: v for u, v in via_of_user.items() if not committee or v != "COMMITTEE"},
        ),
    ]
    for relation, candidates in groups:
        if relation == Relation.MEMBER and standing.voted:
            continue  # one person, one vote a round, even holding a delegated seat
        for seat in acting_seats(actor.user_id, candidates, standing.seats):
            reason = separation_refusal(
                people={actor.user_id, seat.user_id},
                applicant_user_ids=standing.applicant_users,
                deciders_by_stage=standing.deciders,
                stage=stage.name,
            )
            if reason:
                ctx.refusal = ctx.refusal or reason
                continue
            if not seat.role_held:
                continue  # the role was withdrawn after the plan was made
            ctx.relations.add(relation)
            if relation == Relation.MEMBER:
                ctx.member_seat = seat.user_id
            if ctx.seat is None:
                ctx.seat = seat.user_id
            break
    return ctx


async def available_actions_many(
    *, actor: Viewer, requests: Sequence[CareerRequest]
) -> dict[int, list[str]]:
    """What the actor may do now on each request, e.g. ["APPROVE","REJECT","RETURN"]."""
    out: dict[int, list[str]] = {r.id: [] for r in requests}
    own = [r for r in requests if r.agency_id == actor.agency_id and actor.user_id is not None]
    defined = await definitions_of((r.workflow_name, r.workflow_version) for r in own)
    mine = [(r, defined[(r.workflow_name, r.workflow_version)]) for r in own]
    if not mine:
        return out
    rule = await rules_for(actor.agency_id)
    standing = await load_standing(None, actor=actor, requests=mine)
    for request, definition in mine:
        ctx = context_of(
            actor=actor, request=request, definition=definition, standing=standing.get(request.id)
        )
        facts = engine.Facts(
            relations=frozenset(ctx.relations),
            return_rounds=request.return_rounds,
            max_return_rounds=rule.max_return_rounds,
        )
        found = engine.available(definition, state=request.state, facts=facts)
        names = {a.value for a in found}
        if Action.VOTE in found:
            names |= {"APPROVE", "REJECT"}
        out[request.id] = [name for name in _SHOWN if name in names]
    return out
