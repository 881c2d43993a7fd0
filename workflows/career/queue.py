"""The approval queue: requests waiting for the actor now, delegated ones included."""

from __future__ import annotations

from tortoise.expressions import Q, Subquery
from tortoise.queryset import QuerySet

from portal.clock import clock
from portal.models import CareerRequest, Delegation, RequestAssignment
from portal.viewer import Viewer
from workflows.access import MAX_DELEGATION_DEPTH


def approval_queue_query(*, actor: Viewer) -> QuerySet[CareerRequest]:
    """Requests whose current stage waits for the actor or someone who delegated to them.

    Ordered by due time, then id. Never includes the actor's own requests or other agencies'.
    Delegations are followed inside the statement; :func:`approval_queue` reads them first, so
    that the statement can use the assignments' index (the one pages use).
    """
    if actor.user_id is None or not actor.can_write:
        return CareerRequest.filter(agency_id=actor.agency_id, id__in=[])
    now = clock.now()
    active = {
        "agency_id": actor.agency_id,
        "revoked_at": None,
        "starts_at__lte": now,
        "ends_at__gt": now,
    }
    waiting = Q(user_id=actor.user_id)
    # Delegators of the actor, of their delegators, ... (bounded like the service's resolution).
    level = Delegation.filter(delegate_id=actor.user_id, **active).values("delegator_id")
    for _ in range(MAX_DELEGATION_DEPTH):
        waiting |= Q(user_id__in=Subquery(level))
        level = Delegation.filter(delegate_id__in=Subquery(level), **active).values("delegator_id")
    return _waiting_for(actor, waiting)


async def approval_queue(*, actor: Viewer) -> QuerySet[CareerRequest]:
    """The same queue as :func:`approval_queue_query`, with the delegations read beforehand."""
    if actor.user_id is None or not actor.can_write:
        return approval_queue_query(actor=actor)
    return _waiting_for(actor, Q(user_id__in=sorted(await _acting_for(actor))))


def _waiting_for(actor: Viewer, users: Q) -> QuerySet[CareerRequest]:
    # A semi-join on the assignments (indexed by agency and user), not a join with DISTINCT:
    # request rows are read only for the requests that wait for these people.
    assigned = RequestAssignment.filter(users, agency_id=actor.agency_id).values("request_id")
    query = CareerRequest.filter(agency_id=actor.agency_id, id__in=Subquery(assigned))
    if actor.employee_id is not None:
        query = query.exclude(applicant_id=actor.employee_id)
    return query.order_by("due_at", "id")


async def _acting_for(actor: Viewer) -> set[int]:
    """The actor and whoever delegated to them (to their delegators, ...), bounded in depth."""
    assert actor.user_id is not None
    now = clock.now()
    active = await Delegation.filter(
        agency_id=actor.agency_id, revoked_at=None, starts_at__lte=now, ends_at__gt=now
    ).values_list("delegate_id", "delegator_id")
    people, frontier = {actor.user_id}, {actor.user_id}
    for _ in range(MAX_DELEGATION_DEPTH):
        frontier = {giver for taker, giver in active if taker in frontier} - people
        people |= frontier
    return people
