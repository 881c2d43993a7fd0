"""Who acts in the demo scenarios: a login's viewer, or an employee acting in person.

Most demo employees have no login; when the demo has one of them agree a plan or answer a
feedback invitation, they act as themselves (their own employee record, named by NIP in the
audit log) with the ordinary employee role, so the services check them like anyone else.
"""

from __future__ import annotations

from portal.auth.tokens import viewer_for_user
from portal.models import Agency, Employee, User
from portal.viewer import Viewer
from portal.vocabulary import Role


async def viewer_of(agency: Agency, employee: Employee) -> Viewer:
    """The employee's own login if they have one, else the employee acting in person."""
    user = await User.filter(employee_id=employee.id, is_active=True).order_by("id").first()
    if user is not None:
        return await viewer_for_user(user)
    return Viewer(
        agency_id=agency.id,
        agency_code=agency.code,
        username=f"nip:{employee.nip}",
        employee_id=employee.id,
        roles=frozenset({Role.EMPLOYEE}),
    )


async def login_viewer(username: str) -> Viewer:
    """The viewer of a named demo account, e.g. ``hr.serang``."""
    return await viewer_for_user(await User.get(username=username))
