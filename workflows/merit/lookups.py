"""Merit services' lookups within the actor's agency, and the agency's rule numbers.

Who may see or change merit data is decided in ``workflows.access``; here a record of another
agency is simply not found.
"""

from __future__ import annotations

from portal.models import Agency, Employee, Position
from portal.settings import RuleSettings, get_settings
from portal.viewer import Viewer
from workflows.access import require_personal_view
from workflows.merit.bounds import check_id
from workflows.messages import missing


def actor_name(actor: Viewer) -> str:
    """How the audit log names the actor."""
    return actor.username or actor.principal


async def rules_for(agency_id: int) -> RuleSettings:
    """The rule numbers of one agency: the process settings with the agency's overrides."""
    agency = await Agency.get(id=agency_id)
    return get_settings().rules.merged(agency.rule_overrides)


async def employee_in_agency(actor: Viewer, employee_id: int) -> Employee:
    """The employee, or NotFound when it does not exist in the actor's agency."""
    check_id(employee_id, field="employee")
    employee = await Employee.get_or_none(id=employee_id, agency_id=actor.agency_id)
    if employee is None:
        raise missing("errors.employee.missing", field="employee")
    return employee


async def position_in_agency(actor: Viewer, position_id: int) -> Position:
    """The position, or NotFound when it does not exist in the actor's agency."""
    check_id(position_id, field="position")
    position = await Position.get_or_none(id=position_id, agency_id=actor.agency_id)
    if position is None:
        raise missing("errors.position.missing", field="position")
    return position


async def require_view(actor: Viewer, employee_id: int) -> Employee:
    """The employee if the actor may see their merit data; another agency's is NotFound."""
    return await require_personal_view(actor, await employee_in_agency(actor, employee_id))
