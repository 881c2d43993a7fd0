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
from workflows.errors import NotFound, NotPermitted, ValidationFailed

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
    user_id = require_user(actor, "only a signed-in user can delegate")
    if starts_at.tzinfo is None or ends_at.tzinfo is None:
        raise ValidationFailed("times need a time zone", field="starts_at")
    if ends_at <= starts_at:
        raise ValidationFailed("the delegation must end after it starts", field="ends_at")
    if ends_at <= clock.now():
        raise ValidationFailed("the delegation would already be over", field="ends_at")
    if delegate_user_id == actor.user_id:
        raise ValidationFailed("you cannot delegate to yourself", field="delegate_user_id")
    if len(reason) > MAX_REASON:
        raise ValidationFailed(f"reason is longer than {MAX_REASON} characters", field="reason")
    delegate = await User.get_or_none(
        id=delegate_user_id, agency_id=actor.agency_id, is_active=True
    )
    if delegate is None:
        raise ValidationFailed("unknown delegate", field="delegate_user_id")
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
            raise ValidationFailed(
                f"{delegate.username} already delegates (directly or through others) to you "
                "in that period: the delegation would loop",
                field="delegate_user_id",
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
    require_user(actor, "only a signed-in user can revoke a delegation")
    async with in_transaction() as conn:
        await audit.lock_agency_chain(conn, actor.agency_id)
        delegation = (
            await Delegation.filter(id=delegation_id, agency_id=actor.agency_id)
            .using_db(conn)
            .first()
        )
        if delegation is None:
            raise NotFound("no such delegation")
        if delegation.delegator_id != actor.user_id:
            raise NotPermitted("only the person who delegated can revoke the delegation")
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
