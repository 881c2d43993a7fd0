"""Career-request services, the one module callers use: submit, decide, withdraw, resubmit, ....

The actions live beside it, one concern a module, and are re-exported here: the applicant's
(previews, submit, withdraw, resubmit) in ``workflows.career.submission``, deciding a stage
(approve, reject, return, vote) in ``workflows.career.decisions``, delegations in
``workflows.career.delegations``, the committee tally in ``workflows.career.committee`` and the
read-side checks (what an actor may see and do) in ``workflows.career.visibility`` and
``workflows.career.standing``.

Each action is one transaction: the compare-and-set state change (row-locked on PostgreSQL), the
decision or vote, the audit entry, the outbox event and, on approval, the effect on the record of
employment (``workflows.career.transitions``). Every function takes the caller as ``actor`` and
only touches the actor's agency.
"""

from __future__ import annotations

from workflows.access import can_view_request
from workflows.career.committee import committee_seats
from workflows.career.decisions import decide
from workflows.career.delegations import revoke_delegation, set_delegation
from workflows.career.standing import available_actions_many
from workflows.career.submission import (
    PlanStage,
    preview_approval_plan,
    preview_eligibility,
    resubmit,
    submit,
    withdraw,
)
from workflows.career.visibility import available_actions

__all__ = [
    "PlanStage",
    "available_actions",
    "available_actions_many",
    "can_view_request",
    "committee_seats",
    "decide",
    "preview_approval_plan",
    "preview_eligibility",
    "resubmit",
    "revoke_delegation",
    "set_delegation",
    "submit",
    "withdraw",
]
