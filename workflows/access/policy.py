"""Who may see and do what: every rule of access, as pure functions of the viewer and the org chart.

Nothing crosses agencies: callers read only the viewer's agency (rows of another agency are
``NotFound``, never "forbidden"). Within the agency:

- Employees: HR, committee, admin and API tokens see the whole agency; anyone else sees
  themselves, everyone they lead (reports at any depth) and their own supervisor chain.
- Personal data (birth date, disciplinary record, assessment scores, performance, talent,
  development and feedback): the person, the people who lead them, and HR (HR, HR head, admin);
  not the committee, not API tokens.
- Career requests in lists: the agency-wide roles above; anyone else their own and their
  reports'. One request also to everyone who takes part in it (``workflows.access.requests``).
- Audit log: HR and admin, not API tokens.
- Writing: an API token needs the ``write`` scope (``require_write``, the one check); HR-only
  changes need an HR role; acting on a career request needs a signed-in user.
"""

from __future__ import annotations

from portal.viewer import Viewer
from portal.vocabulary import Role
from workflows.access.orgchart import OrgChart
from workflows.messages import refused

AGENCY_WIDE_ROLES = (Role.HR, Role.HR_HEAD, Role.COMMITTEE, Role.ADMIN)
HR_ROLES = (Role.HR, Role.HR_HEAD, Role.ADMIN)


def sees_whole_agency(viewer: Viewer) -> bool:
    """HR, committee, admin and API tokens read every employee and request of their agency."""
    return viewer.is_token or viewer.has_role(*AGENCY_WIDE_ROLES)


def visible_employees(viewer: Viewer, chart: OrgChart) -> set[int] | None:
    """Employees the viewer may see; None means every employee of the agency."""
    if sees_whole_agency(viewer):
        return None
    own = viewer.employee_id
    if own is None:
        return set()
    return {own} | chart.reports(own) | set(chart.superiors(own))


def may_see_employee(viewer: Viewer, chart: OrgChart, employee_id: int) -> bool:
    visible = visible_employees(viewer, chart)
    return visible is None or employee_id in visible


def leads(viewer: Viewer, chart: OrgChart, employee_id: int) -> bool:
    """The viewer is somewhere above the employee in the supervisor chain."""
    own = viewer.employee_id
    return own is not None and chart.leads(own, employee_id)


def is_direct_supervisor(viewer: Viewer, chart: OrgChart, employee_id: int) -> bool:
    """The viewer is the employee's atasan langsung."""
    own = viewer.employee_id
    return own is not None and chart.supervisor_id(employee_id) == own


def may_see_personal(viewer: Viewer, chart: OrgChart | None, employee_id: int) -> bool:
    """Personal and merit data: self, the people who lead them, HR; never a token.

    ``chart`` may be None when the caller knows the viewer is HR or the person.
    """
    if viewer.is_token:
        return False
    if viewer.has_role(*HR_ROLES) or viewer.employee_id == employee_id:
        return True
    return chart is not None and leads(viewer, chart, employee_id)


def request_applicants_visible(viewer: Viewer, chart: OrgChart) -> set[int] | None:
    """Applicants whose requests the viewer sees in lists; None means the whole agency."""
    if sees_whole_agency(viewer):
        return None
    own = viewer.employee_id
    if own is None:
        return set()
    return {own} | chart.reports(own)


def may_read_audit_log(viewer: Viewer) -> bool:
    return not viewer.is_token and viewer.has_role(*HR_ROLES)


def require_write(viewer: Viewer) -> None:
    """API tokens change data only with the ``write`` scope."""
    if not viewer.can_write:
        raise refused("errors.access.read_only_token")


def require_user(viewer: Viewer, key: str = "errors.access.signed_in") -> int:
    """Acting on career requests and delegations needs a signed-in user who may write: their id.

    ``key`` is the catalogue's refusal for anyone else (a token).
    """
    require_write(viewer)
    if viewer.user_id is None:
        raise refused(key)
    return viewer.user_id


def require_hr(viewer: Viewer, key: str) -> None:
    """HR officers (BKPSDM) of the agency only; ``key`` is the catalogue's refusal
    (``errors.hr_only.*``: what only HR may do)."""
    require_write(viewer)
    if not viewer.is_hr:
        raise refused(key)
