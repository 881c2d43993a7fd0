"""``/delegation``: hand my approvals to a colleague while I am away, and take them back."""

from __future__ import annotations

from datetime import UTC, date, datetime, time
from typing import Any

from starlette.requests import Request
from starlette.responses import RedirectResponse, Response
from starlette.routing import Route

from portal.viewer import Viewer
from portal.web.guard import page
from portal.web.operations import execute
from portal.web.render import render

FIELDS = ("delegate", "startsOn", "endsOn", "reason")


def _day(value: str, *, end: bool) -> datetime | None:
    try:
        day = date.fromisoformat(value)
    except ValueError:
        return None
    return datetime.combine(day, time.max if end else time.min, tzinfo=UTC)


async def _show(
    request: Request,
    viewer: Viewer,
    *,
    values: dict[str, str] | None = None,
    errors: dict[str, str] | None = None,
    refused: dict[str, Any] | None = None,
) -> Response:
    data = await execute(request, "Delegations", viewer)
    mine = data["viewer"]["username"]
    rows = data["myDelegations"]
    return render(
        request,
        "delegation.html",
        status_code=400 if errors or refused else 200,
        viewer=viewer,
        given=[d for d in rows if (d["delegator"] or {}).get("username") == mine],
        received=[d for d in rows if (d["delegate"] or {}).get("username") == mine],
        values=values or dict.fromkeys(FIELDS, ""),
        errors=errors or {},
        refused=refused,
        done=request.query_params.get("done"),
    )


@page()
async def delegation(request: Request, viewer: Viewer) -> Response:
    if request.method == "GET":
        return await _show(request, viewer)
    form = await request.form()
    if form.get("revoke"):
        data = await execute(
            request, "RevokeDelegation", viewer, input={"delegationId": str(form.get("revoke"))}
        )
        payload = data["revokeDelegation"]
        if payload["__typename"] != "DelegationRevoked":
            return await _show(request, viewer, refused=payload)
        return RedirectResponse("/delegation?done=revoked", status_code=303)
    values = {name: str(form.get(name) or "").strip() for name in FIELDS}
    errors: dict[str, str] = {}
    starts = _day(values["startsOn"], end=False)
    ends = _day(values["endsOn"], end=True)
    if not values["delegate"]:
        errors["delegate"] = "web.delegation.delegate.required"
    if starts is None:
        errors["startsOn"] = "web.delegation.date.invalid"
    if ends is None:
        errors["endsOn"] = "web.delegation.date.invalid"
    elif starts is not None and ends <= starts:
        errors["endsOn"] = "web.delegation.ends.before"
    if errors or starts is None or ends is None:
        return await _show(request, viewer, values=values, errors=errors)
    data = await execute(
        request,
        "SetDelegation",
        viewer,
        input={
            "delegate": values["delegate"],
            "startsAt": starts.isoformat(),
            "endsAt": ends.isoformat(),
            "reason": values["reason"],
        },
    )
    payload = data["setDelegation"]
    if payload["__typename"] != "DelegationSet":
        field = {"delegate": "delegate", "ends_at": "endsOn", "starts_at": "startsOn"}.get(
            str(payload.get("field") or ""), "delegate"
        )
        return await _show(
            request,
            viewer,
            values=values,
            errors={field: "web.delegation.refused"},
            refused=payload,
        )
    return RedirectResponse("/delegation?done=set", status_code=303)


routes = [Route("/delegation", delegation, methods=["GET", "POST"])]
