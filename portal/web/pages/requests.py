"""``/requests``: my requests, one request with its timeline, and the actions on it.

Every action (decide, withdraw, resubmit) is a form that posts back to the request's page and
runs the matching mutation; a stale version says someone acted first and offers a reload.
"""

from __future__ import annotations

import uuid
from typing import Any

from starlette.requests import Request
from starlette.responses import RedirectResponse, Response
from starlette.routing import Route

from portal.viewer import Viewer
from portal.web.guard import PageNotFound, page
from portal.web.operations import execute
from portal.web.pages import request_form
from portal.web.render import render
from schema.relay import to_global_id

CLOSED = ("APPROVED", "REJECTED", "WITHDRAWN")
MAIN_CHAIN = ("DRAFT", "SUPERVISOR_REVIEW", "HEAD_OF_OPD_REVIEW", "HR_REVIEW", "COMMITTEE_REVIEW")


@page()
async def my_requests(request: Request, viewer: Viewer) -> Response:
    requests: list[dict[str, Any]] = []
    if viewer.employee_id is not None:
        applicant = to_global_id("Employee", viewer.employee_id)
        data = await execute(request, "MyRequests", viewer, applicant=applicant)
        requests = data["careerRequests"]["nodes"]
    return render(request, "requests/list.html", viewer=viewer, requests=requests)


def steps(item: dict[str, Any]) -> list[dict[str, str]]:
    """The workflow as steps for the page: each stage of the plan, then the outcome."""
    names = ["DRAFT", *(stage["stage"] for stage in item["approvalPlan"]), "APPROVED"]
    state = item["state"]
    current = state if state in names else None
    reached = names.index(current) if current else None
    if state in {"REJECTED", "WITHDRAWN", "RETURNED"}:
        last = (item["decisions"] or [{}])[-1].get("fromState")
        reached = names.index(last) if last in names else 0
    result = []
    for index, name in enumerate(names):
        status = "todo"
        if reached is not None and index < reached:
            status = "done"
        if name == current:
            status = "current"
        result.append({"name": name, "status": status})
    if state == "APPROVED":
        result[-1]["status"] = "done"
    return result


async def _load(request: Request, viewer: Viewer) -> tuple[dict[str, Any], list[Any]]:
    data = await execute(request, "RequestPage", viewer, id=request.path_params["id"])
    item = data["node"]
    if item is None or item.get("__typename") != "CareerRequest":
        raise PageNotFound
    return item, data["reasonCodes"]


async def show_request(
    request: Request, viewer: Viewer, *, status_code: int = 200, **extra: Any
) -> Response:
    item, reasons = await _load(request, viewer)
    committee_round = max((v["round"] for v in item["votes"]), default=0)
    applicant = (item["applicant"] or {}).get("id")
    own = viewer.employee_id is not None and applicant == to_global_id(
        "Employee", viewer.employee_id
    )
    open_request = item["state"] not in CLOSED
    return render(
        request,
        "requests/detail.html",
        status_code=status_code,
        viewer=viewer,
        item=item,
        reasons=reasons,
        steps=steps(item),
        votes=[v for v in item["votes"] if v["round"] == committee_round],
        key=str(uuid.uuid4()),
        can_upload=open_request and (own or viewer.is_hr),
        can_review=open_request and viewer.is_hr,
        **extra,
    )


@page()
async def detail(request: Request, viewer: Viewer) -> Response:
    if request.method == "GET":
        return await show_request(request, viewer, done=request.query_params.get("done"))
    form = await request.form()
    action = str(form.get("action") or "")
    version = int(str(form.get("version") or "0") or 0)
    comment = str(form.get("comment") or "").strip()
    key = str(form.get("key") or "") or None
    request_id = request.path_params["id"]
    if action in {"APPROVE", "REJECT", "RETURN"}:
        reason = str(form.get("reasonCode") or "") or None
        if action != "APPROVE" and reason is None:
            return await show_request(
                request,
                viewer,
                status_code=400,
                errors={"reasonCode": "web.decide.reason_required"},
                form=form,
            )
        data = await execute(
            request,
            "DecideRequest",
            viewer,
            input={
                "requestId": request_id,
                "expectedVersion": version,
                "decision": action,
                "reasonCode": reason,
                "comment": comment,
            },
            key=key,
        )
        payload = data["decideCareerRequest"]
    elif action == "WITHDRAW":
        data = await execute(
            request,
            "WithdrawRequest",
            viewer,
            input={"requestId": request_id, "expectedVersion": version, "comment": comment},
            key=key,
        )
        payload = data["withdrawCareerRequest"]
    elif action == "RESUBMIT":
        data = await execute(
            request,
            "ResubmitRequest",
            viewer,
            input={"requestId": request_id, "expectedVersion": version, "comment": comment},
            key=key,
        )
        payload = data["resubmitCareerRequest"]
    else:
        return await show_request(request, viewer, status_code=400)
    kind = payload["__typename"]
    if kind == "StaleVersion":
        return await show_request(request, viewer, status_code=409, stale=True)
    if kind in {"CareerRequestDecided", "CareerRequestWithdrawn", "CareerRequestResubmitted"}:
        return RedirectResponse(f"/requests/{request_id}?done={action.lower()}", status_code=303)
    return await show_request(request, viewer, status_code=400, refused=payload)


routes = [
    Route("/requests", my_requests),
    *request_form.routes,
    Route("/requests/{id}", detail, methods=["GET", "POST"]),
]
