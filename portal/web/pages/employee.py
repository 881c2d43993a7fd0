"""The employee's own pages: the dashboard, a profile, the development plan."""

from __future__ import annotations

from starlette.requests import Request
from starlette.responses import RedirectResponse, Response
from starlette.routing import Route

from portal.clock import clock
from portal.viewer import Viewer
from portal.web.guard import PageNotFound, page
from portal.web.operations import execute
from portal.web.render import render
from schema.relay import to_global_id

OPEN_STATES = {"SUPERVISOR_REVIEW", "HEAD_OF_OPD_REVIEW", "HR_REVIEW", "COMMITTEE_REVIEW"}


@page()
async def dashboard(request: Request, viewer: Viewer) -> Response:
    data = await execute(request, "Dashboard", viewer)
    employee = (data["viewer"] or {}).get("employee")
    requests = (employee or {}).get("careerRequests") or []
    return render(
        request,
        "dashboard.html",
        viewer=viewer,
        me=data["viewer"],
        employee=employee,
        open_requests=[r for r in requests if r["state"] in OPEN_STATES | {"RETURNED"}],
        invitations=list(data["feedbackInvitations"]),
        plans=data["plansAwaitingMe"],
        queue=data["approvalQueue"],
        done=request.query_params.get("done"),
    )


@page()
async def plan_action(request: Request, viewer: Viewer) -> Response:
    """Agree (direct supervisor) or verify (HR) a development plan from the dashboard."""
    form = await request.form()
    name = {"AGREE": "AgreePlan", "VERIFY": "VerifyPlan"}.get(str(form.get("action")))
    if name is None:
        raise PageNotFound
    data = await execute(
        request,
        name,
        viewer,
        input={"planId": str(form.get("planId") or "")},
        key=str(form.get("key") or "") or None,
    )
    payload = next(iter(data.values()))
    if payload["__typename"] != "DevelopmentPlanUpdated":
        return render(
            request, "errors/refused.html", status_code=400, viewer=viewer, refused=payload
        )
    return RedirectResponse("/?done=plan", status_code=303)


@page()
async def profile(request: Request, viewer: Viewer) -> Response:
    nip = request.path_params["nip"]
    data = await execute(request, "Profile", viewer, nip=nip)
    employee = data["employee"]
    if employee is None:
        raise PageNotFound
    merit = await execute(request, "ProfileMerit", viewer, employeeId=employee["id"])
    match = merit["positionMatch"]
    chart = None
    if match and match["lines"]:
        chart = {
            "labels": [line["name"] for line in match["lines"]],
            "required": [line["requiredLevel"] for line in match["lines"]],
            "achieved": [line["achievedLevel"] for line in match["lines"]],
        }
    return render(
        request,
        "profile.html",
        viewer=viewer,
        employee=employee,
        match=match,
        chart=chart,
        talent=merit["talentPlacements"],
        own=viewer.employee_id is not None
        and employee["id"] == to_global_id("Employee", viewer.employee_id),
    )


@page()
async def development(request: Request, viewer: Viewer) -> Response:
    if viewer.employee_id is None:
        raise PageNotFound
    year = clock.now().year
    data = await execute(
        request,
        "Development",
        viewer,
        employeeId=to_global_id("Employee", viewer.employee_id),
        year=year,
    )
    return render(
        request, "development.html", viewer=viewer, plan=data["developmentPlan"], year=year
    )


routes = [
    Route("/", dashboard),
    Route("/employees/{nip}", profile),
    Route("/development", development),
    Route("/development/plans", plan_action, methods=["POST"]),
]
