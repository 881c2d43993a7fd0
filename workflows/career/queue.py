"""The approval queue: requests waiting for the actor now, delegated ones included."""

from __future__ import annotations

from tortoise.expressions import Q, Subquery
from tortoise.queryset import QuerySet

from portal.clock import clock
from portal.models import CareerRequest, Delegation
from portal.viewer import Viewer
from workflows.access import MAX_DELEGATION_DEPTH


def approval_queue_query(*, actor: Viewer) -> QuerySet[CareerRequest]:
    """Requests whose current stage waits for the actor or someone who delegated to them.

    Ordered by due time, then id. Never includes the actor's own requests or other agencies'.
    """
    mine = CareerRequest.filter(agency_id=actor.agency_id)
    if actor.user_id is None or not actor.can_write:
        return mine.filter(id__in=[])
    now = clock.now()
    active = {
        "agency_id": actor.agency_id,
        "revoked_at": None,
        "starts_at__lte": now,
        "ends_at__gt": now,
    }
    waiting = Q(assignments__user_id=actor.user_id)
    # Delegators of the actor, of their delegators, ... (bounded like the service's resolution).
    level = Delegation.filter(delegate_id=actor.user_id, **active).values("delegator_id")
    for _ in range(MAX_DELEGATION_DEPTH):
        waiting |= Q(assignments__user_id__in=Subquery(level))
        level = Delegation.filter(delegate_id__in=Subquery(level), **active).values("delegator_id")
    query = mine.filter(waiting)
    if actor.employee_id is not None:
        query = query.exclude(applicant_id=actor.employee_id)
    return query.distinct().order_by("due_at", "id")
