"""Career requests prefilled for a page (see :mod:`schema.prefill`): the approval queue.

The page's requests without their JSON columns, their applicants (:mod:`schema.employees.page`)
and their decisions with the actors' names, each read once for the whole page, by the same
rules as the ordinary resolvers (rows of the viewer's agency, decisions by version).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Awaitable, Callable, Iterable, Mapping
from typing import Any

from tortoise.queryset import QuerySet

from portal import models
from portal.statements import Statement
from schema.context import Info
from schema.employees.page import EMPLOYEE, employees_by_id
from schema.enums import RequestState
from schema.prefill import Selection, asks, prefilled
from schema.relay import Connection, connection, page_query, page_window, to_global_id
from schema.requests.types import Actor, CareerRequest, Decision

PrefilledRequest = prefilled(CareerRequest)
PrefilledDecision = prefilled(Decision)

ACTOR: Selection = dict.fromkeys(("username", "name"))
DECISION: Selection = {
    **dict.fromkeys(
        ("action", "fromState", "toState", "stage", "reasonCode", "comment", "version", "createdAt")
    ),
    "actor": ACTOR,
    "onBehalfOf": ACTOR,
}
REQUEST: Selection = {
    **dict.fromkeys(
        (
            "id", "kind", "state", "requestState", "version", "workflowName", "workflowVersion",
            "dueAt", "submittedAt", "closedAt", "createdAt",
        )
    ),
    "applicant": EMPLOYEE,
    "decisions": DECISION,
}  # fmt: skip
"""What a prefilled request answers; anything else takes the ordinary path."""

_COLUMNS = (
    "id", "kind", "state", "version", "workflow_name", "workflow_version", "due_at",
    "submitted_at", "closed_at", "created_at", "applicant_id",
)  # fmt: skip
_D = models.Decision
_DECISION_COLUMNS = (
    "request_id", "action", "from_state", "to_state", "stage", "reason_code", "comment",
    "version", "created_at",
)  # fmt: skip
_USERNAME = (
    '(SELECT u."username" FROM "user_account" u '
    'WHERE u."id" = d."{user}" AND u."agency_id" = {{p1}})'
)
_NAME = (
    '(SELECT e."name" FROM "user_account" u JOIN "employee" e ON e."id" = u."employee_id" '
    'AND e."agency_id" = {{p1}} WHERE u."id" = d."{user}" AND u."agency_id" = {{p1}})'
)
_DECISIONS = Statement(
    "SELECT "
    + ", ".join(f'd."{c}" AS "{c}"' for c in _DECISION_COLUMNS)
    + f', {_USERNAME.format(user="actor_id")} AS "actor_username"'
    + f', {_NAME.format(user="actor_id")} AS "actor_name"'
    + f', {_USERNAME.format(user="on_behalf_of_id")} AS "on_behalf_of_username"'
    + f', {_NAME.format(user="on_behalf_of_id")} AS "on_behalf_of_name"'
    + ' FROM "decision" d WHERE d."agency_id" = {p1} AND d."request_id" {in2} ORDER BY d."version"',
    [(c, _D, c) for c in _DECISION_COLUMNS],
)
"""The requests' decisions, each with its actors' usernames (users of the viewer's agency) and
names, as ``load_actor`` reads them; one index lookup each (a join would hash whole tables)."""


async def request_page(
    info: Info,
    query: QuerySet[models.CareerRequest],
    *,
    first: int | None,
    after: str | None,
    order_by: Iterable[str],
    asked: Mapping[str, Any],
    count: Callable[[], Awaitable[int]] | None = None,
    read: Callable[..., Awaitable[list[dict[str, Any]] | None]] | None = None,
) -> Connection[CareerRequest]:
    """The page of ``query`` as :func:`schema.relay.paginate` orders it, prefilled.

    ``read(columns=, start=, size=)``: the same rows by a faster route, when it has one (else
    None), each with the total count as ``total``.
    """
    size, start = page_window(info, first, after)
    rows = await read(columns=_COLUMNS, start=start, size=size + 1) if read else None
    counted: int | None = None
    if rows is None:
        rows = await page_query(query, order_by=order_by, start=start, size=size).values(*_COLUMNS)
    elif rows:
        counted = int(rows[0]["total"])
    ids = [r["id"] for r in rows]
    applicant_ids = {r["applicant_id"] for r in rows}
    applicants = await _applicants(info, applicant_ids, asks(asked, "applicant"))
    decisions = await _decisions(info, ids, asks(asked, "decisions"))
    requests: dict[int, Any] = {
        r["id"]: PrefilledRequest(
            pk=r["id"],
            id=to_global_id("CareerRequest", r["id"]),
            kind=r["kind"],
            state=str(r["state"]),
            request_state=RequestState(r["state"]),
            version=r["version"],
            workflow_name=r["workflow_name"],
            workflow_version=r["workflow_version"],
            due_at=r["due_at"],
            submitted_at=r["submitted_at"],
            closed_at=r["closed_at"],
            created_at=r["created_at"],
            applicant=applicants.get(r["applicant_id"]),
            decisions=decisions.get(r["id"], []),
        )
        for r in rows
    }
    return connection(
        rows,
        start=start,
        size=size,
        convert=lambda r: requests[r["id"]],
        count_total=(lambda: _known(counted)) if counted is not None else count or query.count,
    )


async def _known(count: int) -> int:
    return count


async def _applicants(info: Info, ids: set[int], asked: Mapping[str, Any] | None) -> dict:
    if asked is None or not ids:
        return {}
    return await employees_by_id(info, ids, asked)


async def _decisions(
    info: Info, ids: list[int], asked: Mapping[str, Any] | None
) -> dict[int, list[Any]]:
    agency_id = info.context.loaders.agency_id
    if asked is None or not ids or agency_id is None:
        return {}
    grouped: dict[int, list[Any]] = defaultdict(list)
    for r in await _DECISIONS.rows(agency_id, ids):
        actor, on_behalf_of = r["actor_username"], r["on_behalf_of_username"]
        grouped[r["request_id"]].append(
            PrefilledDecision(
                action=r["action"],
                from_state=r["from_state"],
                to_state=r["to_state"],
                stage=r["stage"],
                reason_code=r["reason_code"],
                comment=r["comment"],
                version=r["version"],
                created_at=r["created_at"],
                actor=None
                if actor is None
                else Actor(username=r["actor_username"], name=r["actor_name"]),
                on_behalf_of=None
                if on_behalf_of is None
                else Actor(username=r["on_behalf_of_username"], name=r["on_behalf_of_name"]),
            )
        )
    return grouped
