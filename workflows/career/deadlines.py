"""Stage deadlines and escalation of overdue stages (the ``jenjang tick`` and the scheduler).

Each overdue request is escalated in its own transaction by compare-and-set on its version, so
two processes ticking at once escalate each stage once; the loser sees a changed version and
skips it.
"""

from __future__ import annotations

import copy
import logging

from portal.clock import clock
from portal.models import CareerRequest, Employee
from workflows import audit
from workflows.career import engine
from workflows.career.approvers import escalation_targets, person
from workflows.career.chains.resolve import definition_of
from workflows.career.definitions import Action, Relation, State
from workflows.career.transitions import Step, add_assignment, load, record
from workflows.errors import StaleVersion
from workflows.merit.lookups import rules_for

log = logging.getLogger("jenjang.deadlines")
SYSTEM_ACTOR = "system:scheduler"
REVIEW_STATES = [
    State.SUPERVISOR_REVIEW,
    State.HEAD_OF_OPD_REVIEW,
    State.HR_REVIEW,
    State.COMMITTEE_REVIEW,
]


async def escalate_overdue(*, limit: int = 500) -> list[int]:
    """Escalate every request whose stage is past due; returns the ids escalated by this call."""
    now = clock.now()
    rows = (
        await CareerRequest.filter(state__in=[s.value for s in REVIEW_STATES], due_at__lt=now)
        .order_by("due_at", "id")
        .limit(limit)
        .values("id", "agency_id", "version")
    )
    done = []
    for row in rows:
        try:
            if await _escalate(row["id"], row["agency_id"], row["version"]):
                done.append(row["id"])
        except StaleVersion:
            continue  # another process escalated or someone acted meanwhile
    return done


async def _escalate(request_id: int, agency_id: int, version: int) -> bool:
    async with audit.transaction() as conn:
        if conn.capabilities.dialect == "sqlite":
            await audit.lock_agency_chain(conn, agency_id)
        request = await load(conn, agency_id=agency_id, request_id=request_id)
        if request.version != version or request.due_at is None or request.due_at >= clock.now():
            return False
        definition = await definition_of(request.workflow_name, request.workflow_version)
        rule = await rules_for(agency_id)
        outcome = engine.step(
            definition,
            state=request.state,
            action=Action.ESCALATE,
            facts=engine.Facts(relations=frozenset({Relation.SYSTEM})),
        )
        applicant = await Employee.filter(id=request.applicant_id).using_db(conn).get()
        level = request.escalation_level + 1
        targets = await escalation_targets(applicant=applicant, stage=request.state, level=level)
        plan = copy.deepcopy(request.approval_plan)
        entry = next(e for e in plan if e["stage"] == request.state)
        known = {a["user_id"] for a in entry.setdefault("escalated_to", [])}
        entry["escalated_to"] += [person(u) for u in targets if u.id not in known]
        step = Step(
            outcome,
            None,
            SYSTEM_ACTOR,
            stage=request.state,
            comment=f"overdue since {request.due_at.isoformat()}",
            updates={"escalation_level": level, "approval_plan": plan},
            audit_extra={"level": level, "escalated_to": [u.username for u in targets]},
        )
        stage = request.state
        request = await record(conn, request=request, step=step, definition=definition, rule=rule)
        for user in targets:
            await add_assignment(conn, request=request, stage=stage, user_id=user.id)
        log.info(
            "escalated request %s at %s to %s", request.id, stage, [u.username for u in targets]
        )
        return True
