"""Who may see and change merit data, and the agency's rule numbers.

One place per rule: an employee sees their own scores, a supervisor those of the people they
lead (the management chain below them), HR their whole agency; nothing crosses agencies. Scores
are sensitive: API tokens and the committee do not read them (as in schema.permissions), and a
token never writes merit data (it has no HR role).
"""

from __future__ import annotations

from portal.models import Agency, Employee, Position
from portal.settings import RuleSettings, get_settings
from portal.viewer import Viewer
from workflows.errors import NotFound, NotPermitted
from workflows.merit.bounds import check_id
from workflows.records import supervisor_of

# Deep enough for any org tree; a longer chain means the position tree loops.
_MAX_CHAIN = 30


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
        raise NotFound(f"no employee {employee_id} in this agency", field="employee")
    return employee


async def position_in_agency(actor: Viewer, position_id: int) -> Position:
    """The position, or NotFound when it does not exist in the actor's agency."""
    check_id(position_id, field="position")
    position = await Position.get_or_none(id=position_id, agency_id=actor.agency_id)
    if position is None:
        raise NotFound(f"no position {position_id} in this agency", field="position")
    return position


async def is_direct_supervisor(actor: Viewer, employee: Employee) -> bool:
    """The actor is the employee's atasan langsung."""
    if actor.employee_id is None or actor.agency_id != employee.agency_id:  # type: ignore[attr-defined]
        return False
    boss = await supervisor_of(employee)
    return boss is not None and boss.id == actor.employee_id


async def leads(actor: Viewer, employee: Employee) -> bool:
    """The actor is somewhere above the employee in the supervisor chain."""
    if actor.employee_id is None or actor.agency_id != employee.agency_id:  # type: ignore[attr-defined]
        return False
    current: Employee | None = employee
    for _ in range(_MAX_CHAIN):
        current = await supervisor_of(current) if current is not None else None
        if current is None:
            return False
        if current.id == actor.employee_id:
            return True
    return False


async def can_view(actor: Viewer, employee: Employee) -> bool:
    """Self, the management chain or HR of the agency; never a token or another agency."""
    if actor.agency_id != employee.agency_id or actor.is_token:  # type: ignore[attr-defined]
        return False
    if actor.is_hr or actor.employee_id == employee.id:
        return True
    return await leads(actor, employee)


async def require_view(actor: Viewer, employee_id: int) -> Employee:
    """The employee if the actor may see their merit data; another agency's is NotFound."""
    employee = await employee_in_agency(actor, employee_id)
    if not await can_view(actor, employee):
        raise NotPermitted("you may only see your own records and those of people you lead")
    return employee


def require_writer(actor: Viewer) -> None:
    """Read-only API tokens never write."""
    if not actor.can_write:
        raise NotPermitted("this API token is read-only")


def require_hr(actor: Viewer, what: str) -> None:
    """HR officers (BKPSDM) of the agency only."""
    require_writer(actor)
    if not actor.is_hr:
        raise NotPermitted(f"only HR (BKPSDM) may {what}")
