"""Who may see one career request: the list rule, or anyone who takes part in the request."""

from __future__ import annotations

from portal.models import CareerRequest, Decision
from portal.viewer import Viewer
from portal.vocabulary import Role, Scope
from workflows.access.delegations import active_delegations, seats_for
from workflows.access.guards import chart_of
from workflows.access.orgchart import OrgChart
from workflows.access.policy import request_applicants_visible, sees_whole_agency


async def may_see_request(
    viewer: Viewer, request: CareerRequest, *, chart: OrgChart | None = None
) -> bool:
    """Lists (own, reports', agency-wide roles), or a part in it (``can_view_request``)."""
    if request.agency_id != viewer.agency_id:
        return False
    if sees_whole_agency(viewer):
        return True
    if chart is None:
        chart = await chart_of(viewer)
    applicants = request_applicants_visible(viewer, chart)
    if applicants is None or request.applicant_id in applicants:
        return True
    return await can_view_request(actor=viewer, request=request, chart=chart)


async def can_view_request(
    *, actor: Viewer, request: CareerRequest, chart: OrgChart | None = None
) -> bool:
    """Applicant, supervisors, assigned approvers and delegates, HR, committee, read tokens."""
    if request.agency_id != actor.agency_id:
        return False
    if actor.is_token:
        return Scope.READ in actor.scopes or Scope.WRITE in actor.scopes
    if actor.is_hr or actor.has_role(Role.COMMITTEE):
        return True
    if actor.employee_id is not None and actor.employee_id == request.applicant_id:
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
    # a delegate, directly or down a chain of delegations: whoever may act for a seat sees it
    if seats_for(actor.user_id, people, await active_delegations(actor.agency_id)):
        return True
    if await Decision.filter(request_id=request.id, actor_id=actor.user_id).exists():
        return True
    if actor.employee_id is None:
        return False
    if chart is None:
        chart = await chart_of(actor)
    return chart.leads(actor.employee_id, request.applicant_id)
