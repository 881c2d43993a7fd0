"""``/admin/webhooks``: the agency's webhook endpoints and their deliveries.

An administrator subscribes a URL (its signing secret is shown on that response only), pauses or
resumes it, and sends a dead delivery again; all through the API's integration mutations.
"""

from __future__ import annotations

from typing import Any

from starlette.requests import Request
from starlette.responses import RedirectResponse, Response
from starlette.routing import Route

from portal.viewer import Viewer
from portal.vocabulary import Role
from portal.web.guard import PageNotFound, page
from portal.web.operations import execute
from portal.web.render import render

PATH = "/admin/webhooks"


async def _show(
    request: Request,
    viewer: Viewer,
    *,
    errors: dict[str, str] | None = None,
    refused: dict[str, Any] | None = None,
    values: dict[str, Any] | None = None,
    created: dict[str, Any] | None = None,
) -> Response:
    data = await execute(request, "WebhooksPage", viewer)
    return render(
        request,
        "webhooks.html",
        status_code=400 if errors or refused else 200,
        viewer=viewer,
        event_types=data["webhookEventTypes"],
        endpoints=data["webhookEndpoints"]["nodes"],
        deliveries=data["webhookDeliveries"]["nodes"],
        total=data["webhookDeliveries"]["totalCount"],
        errors=errors or {},
        refused=refused,
        values=values or {"url": "", "eventTypes": []},
        created=created,
        done=request.query_params.get("done"),
    )


async def _act(request: Request, viewer: Viewer, name: str, field: str, **input: Any) -> Response:
    data = await execute(request, name, viewer, input=input)
    payload = data[field]
    if payload["__typename"] == "NotFound":
        raise PageNotFound
    if payload["__typename"] in {"WebhookEndpointUpdated", "WebhookRedeliveryScheduled"}:
        done = "redelivered" if name == "RedeliverWebhook" else "updated"
        return RedirectResponse(f"{PATH}?done={done}", status_code=303)
    return await _show(request, viewer, refused=payload)


@page(Role.ADMIN)
async def webhooks(request: Request, viewer: Viewer) -> Response:
    if request.method == "GET":
        return await _show(request, viewer)
    form = await request.form()
    if form.get("redeliver"):
        return await _act(
            request,
            viewer,
            "RedeliverWebhook",
            "redeliverWebhook",
            deliveryId=str(form.get("redeliver")),
        )
    if form.get("endpoint"):
        return await _act(
            request,
            viewer,
            "UpdateWebhookEndpoint",
            "updateWebhookEndpoint",
            endpointId=str(form.get("endpoint")),
            active=form.get("active") == "true",
        )
    values = {
        "url": str(form.get("url") or "").strip(),
        "eventTypes": [str(e) for e in form.getlist("eventTypes")],
    }
    errors: dict[str, str] = {}
    if not values["url"]:
        errors["url"] = "web.webhooks.url.required"
    if not values["eventTypes"]:
        errors["event-0"] = "web.webhooks.events.required"
    if errors:
        return await _show(request, viewer, errors=errors, values=values)
    data = await execute(request, "CreateWebhookEndpoint", viewer, input=values)
    payload = data["createWebhookEndpoint"]
    if payload["__typename"] != "WebhookEndpointCreated":
        field = "event-0" if payload.get("field") == "eventTypes" else "url"
        return await _show(
            request,
            viewer,
            errors={field: "web.webhooks.refused"},
            refused=payload,
            values=values,
        )
    # the secret is on this response only: never stored in the page's address or shown again
    return await _show(request, viewer, created=payload)


routes = [Route(PATH, webhooks, methods=["GET", "POST"])]
