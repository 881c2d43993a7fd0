"""HR's pages: ``/hr`` (the agency at a glance), ``/hr/talent``, ``/hr/budget``, ``/hr/fairness``,
and ``/employees`` (the list, for whoever may see employees)."""

from __future__ import annotations

from collections import defaultdict
from typing import Any

from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route

from portal.clock import clock
from portal.viewer import Viewer
from portal.vocabulary import Role
from portal.web.guard import page
from portal.web.operations import execute
from portal.web.render import render

HR_ROLES = (Role.HR, Role.HR_HEAD, Role.ADMIN)
KINDS = ("PROMOTION", "ROTATION", "FURTHER_STUDY")
STATES = (
    "SUPERVISOR_REVIEW",
    "HEAD_OF_OPD_REVIEW",
    "HR_REVIEW",
    "COMMITTEE_REVIEW",
    "RETURNED",
    "APPROVED",
    "REJECTED",
    "WITHDRAWN",
)


def _share(part: Any, whole: Any) -> int:
    """A percentage for a bar (0-100)."""
    try:
        return max(0, min(100, round(float(part) * 100 / float(whole))))
    except (TypeError, ValueError, ZeroDivisionError):
        return 0


@page(*HR_ROLES)
async def dashboard(request: Request, viewer: Viewer) -> Response:
    data = await execute(request, "HrDashboard", viewer, year=clock.now().year)
    table: dict[str, dict[str, int]] = defaultdict(dict)
    for row in data["requestStatistics"]["counts"]:
        table[row["state"]][row["kind"]] = row["count"]
    states = [s for s in STATES if s in table]
    budget = data["budget"]
    used = float(budget["committed"]) + float(budget["spent"]) if budget else 0.0
    return render(
        request,
        "hr/index.html",
        viewer=viewer,
        kinds=KINDS,
        states=states,
        table=table,
        overdue=data["requestStatistics"]["overdue"],
        retirements=data["retirementsDue"],
        today=clock.now().date().isoformat(),
        budget=budget,
        used=used,
        used_percent=_share(used, budget["ceiling"]) if budget else 0,
    )


@page(*HR_ROLES)
async def talent(request: Request, viewer: Viewer) -> Response:
    position = request.query_params.get("position", "")
    data = await execute(
        request,
        "HrTalent",
        viewer,
        year=clock.now().year,
        withCandidates=bool(position),
        positionId=position or "none",
    )
    grid = {box["box"]: box for box in data["talentGrid"]}
    chosen = request.query_params.get("box", "")
    return render(
        request,
        "hr/talent.html",
        viewer=viewer,
        grid=grid,
        chosen=grid.get(int(chosen)) if chosen.isdigit() else None,
        positions=data["positions"]["nodes"],
        position=position,
        candidates=data.get("successionCandidates"),
        year=clock.now().year,
    )


@page(*HR_ROLES)
async def budget(request: Request, viewer: Viewer) -> Response:
    year = clock.now().year
    data = await execute(request, "HrBudget", viewer, year=year)
    row = data["budget"]
    return render(
        request,
        "hr/budget.html",
        viewer=viewer,
        budget=row,
        year=year,
        programs=data["trainingPrograms"],
        nominations=data["trainingNominations"],
        committed_percent=_share(row["committed"], row["ceiling"]) if row else 0,
        spent_percent=_share(row["spent"], row["ceiling"]) if row else 0,
    )


@page(*HR_ROLES)
async def fairness(request: Request, viewer: Viewer) -> Response:
    data = (await execute(request, "HrFairness", viewer))["fairness"]
    rates = [
        {**r, "returned_percent": _share(r["returned"], r["requests"]),
         "rejected_percent": _share(r["rejected"], r["requests"])}
        for r in data["outcomeRates"]
    ]  # fmt: skip
    return render(request, "hr/fairness.html", viewer=viewer, times=data["stageTimes"], rates=rates)


@page()
async def employees(request: Request, viewer: Viewer) -> Response:
    search = request.query_params.get("q", "").strip()[:100]
    after = request.query_params.get("after") or None
    data = await execute(request, "EmployeeList", viewer, search=search or None, after=after)
    return render(request, "employees.html", viewer=viewer, result=data["employees"], search=search)


routes = [
    Route("/hr", dashboard),
    Route("/hr/talent", talent),
    Route("/hr/budget", budget),
    Route("/hr/fairness", fairness),
    Route("/employees", employees),
]
