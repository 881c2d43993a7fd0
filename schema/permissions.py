"""Who may see and do what through GraphQL: one function per rule, used by every resolver.

- Anonymous callers see nothing but ``viewer`` (null) and ``__typename``.
- Nothing crosses agencies: every query is filtered by the viewer's agency (see ``loaders``).
- Employees: HR, committee, admin and API tokens see the whole agency; anyone else sees
  themselves, everyone below them (their reports at any depth) and their own supervisor chain.
- Sensitive fields (birth date, disciplinary record, assessment scores): the person, their
  supervisor chain, and HR (HR, HR head, admin); not the committee, not API tokens.
- Career requests: the agency-wide roles above; otherwise the applicant's own, their reports',
  and those the viewer must act on (``workflows.career.service.can_view_request`` for one request).
- Audit log: HR and admin of the agency.
- Mutations: users by their roles (checked by the workflow service); API tokens need ``write``.
"""

from __future__ import annotations

from typing import Any

from strawberry.permission import BasePermission

from portal.viewer import Viewer
from portal.vocabulary import Role, Scope
from schema.context import Info
from schema.errors import forbidden, not_authenticated
from workflows.career import service
from workflows.errors import NotPermitted

AGENCY_WIDE_ROLES = (Role.HR, Role.HR_HEAD, Role.COMMITTEE, Role.ADMIN)
AUDIT_ROLES = (Role.HR, Role.HR_HEAD, Role.ADMIN)


def require_viewer(info: Info) -> Viewer:
    """The viewer, or an UNAUTHENTICATED error."""
    viewer = info.context.viewer
    if viewer is None:
        raise not_authenticated()
    return viewer


def sees_whole_agency(viewer: Viewer) -> bool:
    """HR, committee, admin and API tokens read every record of their agency."""
    return viewer.is_token or viewer.has_role(*AGENCY_WIDE_ROLES)


async def visible_employee_ids(info: Info) -> set[int] | None:
    """Employees the viewer may see; None means every employee of the agency."""
    viewer = require_viewer(info)
    if sees_whole_agency(viewer):
        return None
    if viewer.employee_id is None:
        return set()
    chart = await info.context.loaders.org_chart()
    own = viewer.employee_id
    return {own} | chart.reports(own) | set(chart.superiors(own))


async def can_see_employee(info: Info, employee_id: int) -> bool:
    visible = await visible_employee_ids(info)
    return visible is None or employee_id in visible


async def can_see_sensitive(info: Info, employee_id: int) -> bool:
    """Birth date, disciplinary record, assessment scores: self, supervisor chain, HR."""
    viewer = info.context.viewer
    if viewer is None or viewer.is_token:
        return False
    if viewer.has_role(*AUDIT_ROLES) or viewer.employee_id == employee_id:
        return True
    if viewer.employee_id is None:
        return False
    chart = await info.context.loaders.org_chart()
    return viewer.employee_id in chart.superiors(employee_id)


async def request_applicants_visible(info: Info) -> set[int] | None:
    """Applicants whose requests the viewer sees in lists; None means the whole agency."""
    viewer = require_viewer(info)
    if sees_whole_agency(viewer):
        return None
    if viewer.employee_id is None:
        return set()
    chart = await info.context.loaders.org_chart()
    return {viewer.employee_id} | chart.reports(viewer.employee_id)


async def can_see_request(info: Info, request: Any) -> bool:
    """One request: the list rule, or anyone the workflow lets act on or follow it."""
    viewer = require_viewer(info)
    if request.agency_id != viewer.agency_id:
        return False
    applicants = await request_applicants_visible(info)
    if applicants is None or request.applicant_id in applicants:
        return True
    # The workflow engine decides who else takes part in a request.
    return bool(await service.can_view_request(actor=viewer, request=request))


def may_read_audit_log(viewer: Viewer) -> bool:
    return not viewer.is_token and viewer.has_role(*AUDIT_ROLES)


def require_write(viewer: Viewer) -> None:
    """API tokens mutate only with the ``write`` scope (raises the domain NotPermitted)."""
    if viewer.is_token and Scope.WRITE not in viewer.scopes:
        raise NotPermitted("this API token is read-only: it needs the 'write' scope")


class IsAuthenticated(BasePermission):
    """The field needs a logged-in user or an API token."""

    message = "Authentication required."

    def has_permission(self, source: Any, info: Info, **kwargs: Any) -> bool:
        return info.context.viewer is not None

    def on_unauthorized(self) -> None:
        raise not_authenticated()


class CanReadAuditLog(BasePermission):
    """HR and admin read their agency's audit log."""

    message = "Only HR and administrators may read the audit log."

    def has_permission(self, source: Any, info: Info, **kwargs: Any) -> bool:
        viewer = info.context.viewer
        if viewer is None:
            raise not_authenticated()
        return may_read_audit_log(viewer)

    def on_unauthorized(self) -> None:
        raise forbidden(self.message)
