"""Delegation: an approver away hands their approvals to another user of the agency for a period."""

from __future__ import annotations

from datetime import datetime

from tortoise.expressions import Q
from tortoise.transactions import in_transaction

from portal.clock import clock
from portal.models import Delegation, User
from portal.viewer import Viewer
from workflows import audit
from workflows.access import reaches, require_user
from workflows.messages import invalid, missing, refused

MAX_REASON = 1000


async def set_delegation(
    *,
    actor: Viewer,
    delegate_user_id: int,
    starts_at: datetime,
    ends_at: datetime,
    reason: str = "",
) -> Delegation:
    """Delegate the actor's approvals to ``delegate_user_id`` from ``starts_at`` to ``ends_at``."""
    user_id = require_user(actor, "errors.delegation.signed_in")
    if starts_at.tzinfo is None or ends_at.tzinfo is None:
        raise invalid("errors.delegation.time_zone", field="starts_at")
    if ends_at <= starts_at:
        raise invalid("errors.delegation.ends_before_start", field="ends_at")
    if ends_at <= clock.now():
        raise invalid("errors.delegation.over", field="ends_at")
    if delegate_user_id == actor.user_id:
        raise invalid("errors.delegation.to_self", field="delegate_user_id")
    if len(reason) > MAX_REASON:
        raise invalid("errors.delegation.reason_too_long", field="reason", most=MAX_REASON)
    delegate = await User.get_or_none(
        id=delegate_user_id, agency_id=actor.agency_id, is_active=True
    )
    if delegate is None:
        raise invalid("errors.delegation.unknown_delegate", field="delegate_user_id")
    async with in_transaction() as conn:
        # Serialise delegation changes of the agency so two cannot form a loop together.
        await audit.lock_agency_chain(conn, actor.agency_id)
        overlapping = (
            await Delegation.filter(
                Q(
                    agency_id=actor.agency_id,
                    revoked_at=None,
                    starts_at__lt=ends_at,
                    ends_at__gt=starts_at,
                )
            )
            .using_db(conn)
            .values("delegator_id", "delegate_id")
        )
        graph: dict[int, set[int]] = {}
        for row in overlapping:
            graph.setdefault(row["delegator_id"], set()).add(row["delegate_id"])
        if reaches(delegate_user_id, user_id, graph):
            raise invalid(
                "errors.delegation.loop", field="delegate_user_id", delegate=delegate.username
            )
        delegation = await Delegation.create(
            using_db=conn,
            agency_id=actor.agency_id,
            delegator_id=actor.user_id,
            delegate_id=delegate_user_id,
            starts_at=starts_at,
            ends_at=ends_at,
            reason=reason.strip(),
        )
        await audit.append(
            conn,
            agency_id=actor.agency_id,
            actor=actor.username,
            action="delegation.set",
            subject_type="delegation",
            subject_id=delegation.id,
            after={
                "delegate": delegate.username,
                "starts_at": starts_at,
                "ends_at": ends_at,
                "reason": delegation.reason,
            },
        )
    return delegation


async def revoke_delegation(*, actor: Viewer, delegation_id: int) -> Delegation:
    """End a delegation now; only the person who gave it may revoke it."""
    require_user(actor, "errors.delegation.signed_in_revoke")
    async with in_transaction() as conn:
        await audit.lock_agency_chain(conn, actor.agency_id)
        delegation = (
            await Delegation.filter(id=delegation_id, agency_id=actor.agency_id)
            .using_db(conn)
            .first()
        )
        if delegation is None:
            raise missing("errors.delegation.missing")
        if delegation.delegator_id != actor.user_id:
            raise refused("errors.delegation.not_yours")
        if delegation.revoked_at is not None:
            return delegation
        now = clock.now()
        await Delegation.filter(id=delegation.id).using_db(conn).update(revoked_at=now)
        delegation.revoked_at = now
        await audit.append(
            conn,
            agency_id=actor.agency_id,
            actor=actor.username,
            action="delegation.revoke",
            subject_type="delegation",
            subject_id=delegation.id,
            after={"revoked_at": now},
        )
    return delegation
