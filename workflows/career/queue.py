"""The approval queue: requests waiting for the actor now, delegated ones included."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from tortoise.expressions import Q, Subquery
from tortoise.functions import Min
from tortoise.queryset import QuerySet

from portal.clock import clock
from portal.models import CareerRequest, Delegation, RequestAssignment
from portal.statements import Statement, column, db_value
from portal.viewer import Viewer
from workflows.access import MAX_DELEGATION_DEPTH

QUEUE_ORDER = ("assignments__due_at",)
"""How a queue of :func:`approval_queue` is ordered (then by id): by the assignment's copy of the
due time (``request_assignment.due_at``, kept equal to the request's by triggers), so that a page
is the first rows of the index ``(agency_id, user_id, due_at, request_id)``."""


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


async def approval_queue(
    *, actor: Viewer, acting_for: set[int] | None = None
) -> QuerySet[CareerRequest]:
    """The same queue as :func:`approval_queue_query`, with the delegations read beforehand.

    Joined with one assignment row per request, to be ordered by :data:`QUEUE_ORDER`: for one
    person (no delegation in force) their own rows; for several, the first row of each request
    among them (a request may wait for more than one of them). ``acting_for``: what
    :func:`acting_for` answered for this actor, when already read.
    """
    agency = actor.agency_id
    if actor.user_id is None or not actor.can_write:
        return CareerRequest.filter(agency_id=agency, id__in=[])
    people = sorted(acting_for if acting_for is not None else await _acting_for(actor))
    query = CareerRequest.filter(agency_id=agency, assignments__agency_id=agency)
    if len(people) == 1:
        query = query.filter(assignments__user_id=people[0])
    else:
        first = (
            RequestAssignment.filter(agency_id=agency, user_id__in=people)
            .annotate(first=Min("id"))
            .group_by("request_id")
            .values("first")
        )
        query = query.filter(assignments__id__in=Subquery(first))
    if actor.employee_id is not None:
        query = query.exclude(applicant_id=actor.employee_id)
    return query.order_by(*QUEUE_ORDER, "id")


async def approval_queue_rows(
    *, actor: Viewer, acting_for: set[int], columns: Sequence[str], start: int, size: int
) -> list[dict[str, Any]] | None:
    """Rows ``start`` to ``start + size`` of :func:`approval_queue` (``columns``, converted as
    ``values()`` converts them) in one hand-written statement; None unless the actor acts for
    no one else (``acting_for`` as there), where the ORM's query serves. Each row also has
    ``total``: the queue's length, counted as :func:`approval_queue_count` counts it."""
    if actor.user_id is None or not actor.can_write or acting_for != {actor.user_id}:
        return None
    own = actor.employee_id is not None
    statement = _PAGES.get((tuple(columns), own))
    if statement is None:
        select = ", ".join(f'r."{column(CareerRequest, c)}" AS "{c}"' for c in columns)
        select += f', ({(_ASSIGNED_NOT_OWN if own else _ASSIGNED).sql}) AS "total"'
        sql = (
            f'SELECT {select} FROM "career_request" r JOIN "request_assignment" a '
            'ON a."request_id" = r."id" WHERE r."agency_id" = {p1} AND a."agency_id" = {p1} '
            'AND a."user_id" = {p2} '
            + ('AND NOT (r."applicant_id" = {p3}) ' if own else "")
            + 'ORDER BY a."due_at", r."id" '
            + ("LIMIT {p4} OFFSET {p5}" if own else "LIMIT {p3} OFFSET {p4}")
        )
        statement = _PAGES[(tuple(columns), own)] = Statement(
            sql, [(c, CareerRequest, c) for c in columns]
        )
    mine = [actor.employee_id] if own else []
    return await statement.rows(actor.agency_id, actor.user_id, *mine, size, start)


_PAGES: dict[tuple[tuple[str, ...], bool], Statement] = {}


async def approval_queue_count(*, actor: Viewer, acting_for: set[int] | None = None) -> int:
    """How many requests :func:`approval_queue` holds (``acting_for`` as there).

    For one person (no delegation in force) counted from the assignments' index alone, without
    reading the requests (an assignment has its request's agency; the actor's own requests are
    a handful): the queue's length still counts, but as index entries.
    """
    if actor.user_id is None or not actor.can_write:
        return 0
    people = acting_for if acting_for is not None else await _acting_for(actor)
    if people != {actor.user_id}:
        return await (await approval_queue(actor=actor, acting_for=people)).count()
    if actor.employee_id is None:
        rows = await _ASSIGNED.rows(actor.agency_id, actor.user_id)
    else:
        rows = await _ASSIGNED_NOT_OWN.rows(actor.agency_id, actor.user_id, actor.employee_id)
    return int(rows[0]["n"])


_ASSIGNED = Statement(
    'SELECT COUNT(*) AS "n" FROM "request_assignment" WHERE "agency_id" = {p1} AND "user_id" = {p2}'
)
_ASSIGNED_NOT_OWN = Statement(
    _ASSIGNED.sql + ' AND "request_id" NOT IN (SELECT "id" FROM "career_request" '
    'WHERE "agency_id" = {p1} AND "applicant_id" = {p3})'
)
_DELEGATIONS = Statement(
    'SELECT "delegate_id", "delegator_id" FROM "delegation" WHERE "agency_id" = {p1} '
    'AND "revoked_at" IS NULL AND "starts_at" <= {p2} AND "ends_at" > {p2}'
)


def _waiting_for(actor: Viewer, users: Q) -> QuerySet[CareerRequest]:
    # A semi-join on the assignments (indexed by agency and user), not a join with DISTINCT:
    # request rows are read only for the requests that wait for these people.
    assigned = RequestAssignment.filter(users, agency_id=actor.agency_id).values("request_id")
    query = CareerRequest.filter(agency_id=actor.agency_id, id__in=Subquery(assigned))
    if actor.employee_id is not None:
        query = query.exclude(applicant_id=actor.employee_id)
    return query.order_by("due_at", "id")


async def acting_for(actor: Viewer) -> set[int]:
    """The actor and whoever delegated to them (to their delegators, ...), bounded in depth.

    Empty for an actor without a queue (no user, or read-only).
    """
    if actor.user_id is None or not actor.can_write:
        return set()
    return await _acting_for(actor)


async def _acting_for(actor: Viewer) -> set[int]:
    assert actor.user_id is not None
    now = db_value(Delegation, "starts_at", clock.now())
    rows = await _DELEGATIONS.rows(actor.agency_id, now)
    active = [(row["delegate_id"], row["delegator_id"]) for row in rows]
    people, frontier = {actor.user_id}, {actor.user_id}
    for _ in range(MAX_DELEGATION_DEPTH):
        frontier = {giver for taker, giver in active if taker in frontier} - people
        people |= frontier
    return people
