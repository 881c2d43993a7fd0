"""``/queue``: what waits for the approver, overdue first, kept live with htmx polling."""

from __future__ import annotations

from datetime import UTC, datetime

from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route

from portal.clock import clock
from portal.viewer import Viewer
from portal.web.guard import page
from portal.web.operations import execute
from portal.web.render import render

KIND_FILTERS = ("ROTATION", "PROMOTION", "FURTHER_STUDY")


@page()
async def queue(request: Request, viewer: Viewer) -> Response:
    data = await execute(request, "Queue", viewer)
    kind = request.query_params.get("kind")
    items = data["approvalQueue"]["nodes"]
    if kind in KIND_FILTERS:
        items = [item for item in items if item["kind"] == kind]
    now = clock.now()
    for item in items:
        due = datetime.fromisoformat(item["dueAt"]) if item["dueAt"] else None
        if due is not None and due.tzinfo is None:
            due = due.replace(tzinfo=UTC)
        item["overdue"] = due is not None and due < now
    items.sort(key=lambda i: (not i["overdue"], i["dueAt"] or ""))
    # htmx asks for the list alone every few seconds: a new item appears without a reload.
    partial = request.headers.get("hx-request") == "true"
    return render(
        request,
        "queue/items.html" if partial else "queue/page.html",
        viewer=viewer,
        items=items,
        kind=kind if kind in KIND_FILTERS else "",
        kinds=KIND_FILTERS,
    )


routes = [Route("/queue", queue)]
