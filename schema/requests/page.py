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
from schema.context import Info
from schema.employees.page import EMPLOYEE, EMPLOYEE_COLUMNS, employees_by_id
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
_DECISION_COLUMNS = (
    "request_id", "action", "from_state", "to_state", "stage", "reason_code", "comment",
    "version", "created_at", "actor_id", "on_behalf_of_id",
)  # fmt: skip


async def request_page(
    info: Info,
    query: QuerySet[models.CareerRequest],
    *,
    first: int | None,
    after: str | None,
    order_by: Iterable[str],
    asked: Mapping[str, Any],
    count: Callable[[], Awaitable[int]] | None = None,
) -> Connection[CareerRequest]:
    """The page of ``query`` as :func:`schema.relay.paginate` orders it, prefilled."""
    size, start = page_window(info, first, after)
    rows = await page_query(query, order_by=order_by, start=start, size=size).values(*_COLUMNS)
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
        count_total=count or query.count,
    )


async def _applicants(info: Info, ids: set[int], asked: Mapping[str, Any] | None) -> dict:
    if asked is None or not ids:
        return {}
    query = info.context.loaders.scoped(models.Employee).filter(id__in=sorted(ids))
    return await employees_by_id(info, await query.values(*EMPLOYEE_COLUMNS), asked)


async def _decisions(
    info: Info, ids: list[int], asked: Mapping[str, Any] | None
) -> dict[int, list[Any]]:
    if asked is None or not ids:
        return {}
    query = info.context.loaders.scoped(models.Decision).filter(request_id__in=ids)
    rows = await query.order_by("version").values(*_DECISION_COLUMNS)
    columns = [
        column
        for name, column in (("actor", "actor_id"), ("onBehalfOf", "on_behalf_of_id"))
        if asks(asked, name) is not None
    ]
    actors = await _actors(info, {r[c] for r in rows for c in columns} - {None})
    grouped: dict[int, list[Any]] = defaultdict(list)
    for r in rows:
        actor, on_behalf_of = r["actor_id"], r["on_behalf_of_id"]
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
                actor=actors.get(actor) if actor is not None else None,
                on_behalf_of=actors.get(on_behalf_of) if on_behalf_of is not None else None,
            )
        )
    return grouped


async def _actors(info: Info, user_ids: set[int]) -> dict[int, Actor]:
    """As ``load_actor``: the user of the agency, with the name of its employee (if any)."""
    if not user_ids:
        return {}
    loaders = info.context.loaders
    users = (
        await loaders.scoped(models.User)
        .filter(id__in=sorted(user_ids))
        .values_list("id", "username", "employee_id")
    )
    employee_ids = sorted({e for _, _, e in users if e is not None})
    names = (
        dict(
            await loaders.scoped(models.Employee)
            .filter(id__in=employee_ids)
            .values_list("id", "name")
        )
        if employee_ids
        else {}
    )
    return {
        pk: Actor(username=username, name=names.get(employee_id) if employee_id else None)
        for pk, username, employee_id in users
    }
