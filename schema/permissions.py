"""The GraphQL side of access: who is asking, and the policy's answers for this request's viewer.

Every rule lives in ``workflows.access`` (the same for the services and the pages); the helpers
here only fetch the viewer and the org chart cached for the GraphQL request, and the
permission classes turn a refusal into the API's errors. Which policy guards each root field
and mutation is declared in ``schema.policies`` (a test checks that none is missing).
"""

from __future__ import annotations

from typing import Any

from strawberry.permission import BasePermission

from portal.models import CareerRequest
from portal.viewer import Viewer
from schema.context import Info
from schema.errors import forbidden_text, not_authenticated
from workflows.access import may_read_audit_log, may_see_request, policy, sees_whole_agency

__all__ = [
    "CanReadAuditLog",
    "IsAuthenticated",
    "can_see_employee",
    "can_see_request",
    "can_see_sensitive",
    "may_read_audit_log",
    "request_applicants_visible",
    "require_viewer",
    "sees_whole_agency",
    "visible_employee_ids",
]


def require_viewer(info: Info) -> Viewer:
    """The viewer, or an UNAUTHENTICATED error."""
    viewer = info.context.viewer
    if viewer is None:
        raise not_authenticated()
    return viewer


async def visible_employee_ids(info: Info) -> set[int] | None:
    """Employees the viewer may see; None means every employee of the agency."""
    viewer = require_viewer(info)
    if sees_whole_agency(viewer):
        return None
    if viewer.employee_id is None:
        return set()  # no chart needed: sees nobody
    return policy.visible_employees(viewer, await info.context.loaders.org_chart())


async def can_see_employee(info: Info, employee_id: int) -> bool:
    visible = await visible_employee_ids(info)
    return visible is None or employee_id in visible


async def can_see_sensitive(info: Info, employee_id: int) -> bool:
    """Birth date, disciplinary record, assessment scores: self, supervisor chain, HR."""
    viewer = info.context.viewer
    if viewer is None:
        return False
    if policy.may_see_personal(viewer, None, employee_id):
        return True
    if viewer.is_token or viewer.employee_id is None:
        return False
    return policy.may_see_personal(viewer, await info.context.loaders.org_chart(), employee_id)


async def request_applicants_visible(info: Info) -> set[int] | None:
    """Applicants whose requests the viewer sees in lists; None means the whole agency."""
    viewer = require_viewer(info)
    if sees_whole_agency(viewer):
        return None
    if viewer.employee_id is None:
        return set()
    return policy.request_applicants_visible(viewer, await info.context.loaders.org_chart())


async def can_see_request(info: Info, request: CareerRequest) -> bool:
    """One request: the list rule, or anyone the workflow lets act on or follow it."""
    viewer = require_viewer(info)
    if request.agency_id != viewer.agency_id:
        return False
    chart = None if sees_whole_agency(viewer) else await info.context.loaders.org_chart()
    return await may_see_request(viewer, request, chart=chart)


class IsAuthenticated(BasePermission):
    """The field needs a logged-in user or an API token."""

    message = "errors.authentication_required"  # the catalogue's key of the refusal

    def has_permission(self, source: Any, info: Info, **kwargs: Any) -> bool:
        return info.context.viewer is not None

    def on_unauthorized(self) -> None:
        raise not_authenticated()


class CanReadAuditLog(BasePermission):
    """HR and admin read their agency's audit log."""

    message = "errors.audit_log.hr_and_admin"  # the catalogue's key of the refusal

    def has_permission(self, source: Any, info: Info, **kwargs: Any) -> bool:
        viewer = info.context.viewer
        if viewer is None:
            raise not_authenticated()
        return may_read_audit_log(viewer)

    def on_unauthorized(self) -> None:
        raise forbidden_text(self.message)
