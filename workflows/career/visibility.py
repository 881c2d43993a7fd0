"""What an actor may see of a request and do on it now (reads only; nothing is written)."""

from __future__ import annotations

from portal.models import CareerRequest, Decision, Employee
from portal.viewer import Viewer
from portal.vocabulary import Role, Scope
from workflows.career.approvers import active_delegations, supervisor_chain
from workflows.career.standing import available_actions_many


async def available_actions(*, actor: Viewer, request: CareerRequest) -> list[str]:
    """What the actor may do on the request now, e.g. ["APPROVE","REJECT","RETURN"]."""
    return (await available_actions_many(actor=actor, requests=[request]))[request.id]


async def can_view_request(*, actor: Viewer, request: CareerRequest) -> bool:
    """Applicant, supervisors, assigned approvers and delegates, HR, committee, read tokens."""
    if request.agency_id != actor.agency_id:  # type: ignore[attr-defined]
        return False
    if actor.is_token:
        return Scope.READ in actor.scopes or Scope.WRITE in actor.scopes
    if actor.is_hr or actor.has_role(Role.COMMITTEE):
        return True
    if actor.employee_id is not None and actor.employee_id == request.applicant_id:  # type: ignore[attr-defined]
        return True
    if actor.user_id is None:
        return False
    people = {
        a["user_id"]
        for e in request.approval_plan
        for a in [*e["approvers"], *e.get("escalated_to", [])]
    }
    if actor.user_id in people:
        return True
    delegations = await active_delegations(actor.agency_id)
    if any(actor.user_id in delegations.get(p, ()) for p in people):
        return True
    if await Decision.filter(request_id=request.id, actor_id=actor.user_id).exists():
        return True
    if actor.employee_id is not None:
        applicant = await Employee.get(id=request.applicant_id)  # type: ignore[attr-defined]
        return any(e.id == actor.employee_id for e in await supervisor_chain(applicant))
    return False
