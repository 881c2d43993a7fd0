"""The services' checks over one employee: read the viewer's part of the chart, apply the policy.

Callers find the employee within the viewer's agency first (another agency's is NotFound).
"""

from __future__ import annotations

from portal.models import Employee, Position
from portal.viewer import Viewer
from workflows.access import policy
from workflows.access.orgchart import OrgChart, load_chart_around
from workflows.messages import missing, refused


async def chart_of(viewer: Viewer) -> OrgChart:
    """The chart around the viewer: above them and below them (all the policy asks about)."""
    if viewer.employee_id is None:
        return OrgChart()
    return await load_chart_around(viewer.agency_id, [viewer.employee_id], below=True)


async def leads(viewer: Viewer, employee: Employee) -> bool:
    """The viewer is somewhere above the employee in the supervisor chain."""
    if viewer.employee_id is None or viewer.agency_id != employee.agency_id:
        return False
    return policy.leads(viewer, await chart_of(viewer), employee.id)


async def is_direct_supervisor(viewer: Viewer, employee: Employee) -> bool:
    """The viewer is the employee's atasan langsung."""
    if viewer.employee_id is None or viewer.agency_id != employee.agency_id:
        return False
    return policy.is_direct_supervisor(viewer, await chart_of(viewer), employee.id)


async def may_see_personal(viewer: Viewer, employee: Employee) -> bool:
    """Self, the people who lead them or HR; never a token or another agency."""
    if viewer.agency_id != employee.agency_id:
        return False
    if policy.may_see_personal(viewer, None, employee.id):
        return True
    return not viewer.is_token and await leads(viewer, employee)


async def require_personal_view(viewer: Viewer, employee: Employee) -> Employee:
    """The employee if the viewer may see their personal and merit data."""
    if not await may_see_personal(viewer, employee):
        raise refused("errors.access.personal_view")
    return employee


async def require_own_position(viewer: Viewer, position_id: int | None, *, field: str) -> None:
    """A position named by the viewer must be of their agency (nothing crosses agencies)."""
    if position_id is not None and not await Position.exists(
        id=position_id, agency_id=viewer.agency_id
    ):
        raise missing("errors.position.missing", field=field)
