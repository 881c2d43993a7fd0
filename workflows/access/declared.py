"""The kinds of access every API operation declares, each decided by named functions here.

Every root field, mutation and subscription names one kind (``schema.policies``); a test fails
when one is missing, so a new operation cannot ship without saying who may use it. Nothing
crosses agencies in any kind: rows are read within the viewer's agency only.
"""

from __future__ import annotations

from enum import StrEnum


class Policy(StrEnum):
    """Who may use an operation, and which function of ``workflows.access`` decides it."""

    PUBLIC = "public"
    """Anyone; an anonymous caller gets null or a fixed list (``viewer``, ``reasonCodes``)."""

    NODE = "node"
    """By the type of each node: the rule of the query that lists that type."""

    AGENCY = "agency"
    """Any signed-in user or API token of the agency: reference data (org units, positions,
    competencies, workflow definitions, training programmes, the budget)."""

    EMPLOYEES = "employees"
    """``policy.visible_employees``: agency-wide roles and tokens all; others themselves, the
    people they lead and their supervisor chain."""

    PERSONAL = "personal"
    """``policy.may_see_personal`` (``guards.require_personal_view``): the person, the people
    who lead them and HR; never a token."""

    OWN = "own"
    """The viewer's own items only (their open feedback invitations)."""

    REQUESTS = "requests"
    """``requests.may_see_request``: lists by ``policy.request_applicants_visible``, one request
    also to everyone who takes part in it."""

    APPROVER = "approver"
    """Requests waiting for the viewer or whoever delegated to them (``delegations``)."""

    AUDIT = "audit"
    """``policy.may_read_audit_log``: HR and admin, not tokens."""

    HR = "hr"
    """``policy.require_hr``: HR officers (BKPSDM), HR head and admin, with write access."""

    APPLICANT = "applicant"
    """``policy.require_user``: a signed-in employee submits (or previews) their own request."""

    PARTICIPANT = "participant"
    """``policy.require_user`` and the workflow's relations (applicant, approver, delegate,
    committee member) with separation of duties, checked by the engine."""

    DELEGATOR = "delegator"
    """``policy.require_user``: a signed-in user hands on or takes back their own approvals."""

    ADMIN = "admin"
    """A signed-in administrator of the agency (``Role.ADMIN``, never a token): API tokens,
    webhooks and the agency's approval chains (``chains.store.require_admin``)."""

    SUPERVISOR = "supervisor"
    """``policy.is_direct_supervisor`` / ``policy.leads``, or HR where the operation says so:
    evaluations, feedback, development plans."""
