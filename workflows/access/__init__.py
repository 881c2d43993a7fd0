"""Who may see and do what, decided in one place for the GraphQL layer, the services and the pages.

- ``orgchart``: who leads whom, one read model of the agency; requests read only the part
  around the viewer (one recursive query).
- ``policy``: the rules, pure functions of the viewer and the org chart.
- ``guards``: the services' checks over one employee (read the chart, apply the policy).
- ``requests``: who may see one career request (the list rule, or a part in it).
- ``delegations``: who acts for whom.
- ``seats``: who may act in a seat assigned to decide a request (its holder or their delegates,
  while the role the assignment rests on holds), read in batch for a page of requests.
"""

from workflows.access.delegations import (
    MAX_DELEGATION_DEPTH,
    active_delegations,
    reaches,
    seats_for,
)
from workflows.access.guards import (
    chart_of,
    is_direct_supervisor,
    leads,
    may_see_personal,
    require_personal_view,
)
from workflows.access.orgchart import (
    OrgChart,
    load_chart_around,
    load_org_chart,
    supervisor_chain,
    supervisor_of,
)
from workflows.access.policy import (
    AGENCY_WIDE_ROLES,
    HR_ROLES,
    may_read_audit_log,
    may_see_employee,
    request_applicants_visible,
    require_hr,
    require_user,
    require_write,
    sees_whole_agency,
    visible_employees,
)
from workflows.access.requests import can_view_request, may_see_request
from workflows.access.seats import Seat, SeatFacts, acting_seats, load_seat_facts

__all__ = [
    "AGENCY_WIDE_ROLES",
    "HR_ROLES",
    "MAX_DELEGATION_DEPTH",
    "OrgChart",
    "Seat",
    "SeatFacts",
    "acting_seats",
    "active_delegations",
    "can_view_request",
    "chart_of",
    "is_direct_supervisor",
    "leads",
    "load_chart_around",
    "load_org_chart",
    "load_seat_facts",
    "may_read_audit_log",
    "may_see_employee",
    "may_see_personal",
    "may_see_request",
    "reaches",
    "request_applicants_visible",
    "require_hr",
    "require_personal_view",
    "require_user",
    "require_write",
    "seats_for",
    "sees_whole_agency",
    "supervisor_chain",
    "supervisor_of",
    "visible_employees",
]
