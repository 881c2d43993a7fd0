"""HR's view of the whole agency: figures that show how the merit system works.

Only HR, the head of HR and administrators (not API tokens) read them; each is counted within
the viewer's agency by ``workflows.statistics``.
"""

from __future__ import annotations

from typing import Any

import strawberry
from strawberry.permission import BasePermission

from portal.clock import clock
from schema.context import Info
from schema.employees.types import Employee
from schema.errors import forbidden_text, not_authenticated
from schema.permissions import may_read_audit_log, require_viewer
from schema.requests.types import Actor, load_actor
from workflows import statistics


class IsAgencyHR(BasePermission):
    message = "errors.statistics.hr_and_admin"  # the catalogue's key of the refusal

    def has_permission(self, source: Any, info: Info, **kwargs: Any) -> bool:
        viewer = info.context.viewer
        if viewer is None:
            raise not_authenticated()
        return may_read_audit_log(viewer)  # the same people: HR, head of HR, admin

    def on_unauthorized(self) -> None:
        raise forbidden_text(self.message)


@strawberry.type(description="How many requests of one kind are in one state.")
class RequestCount:
    kind: str
    state: str
    count: int


@strawberry.type(description="The agency's requests at a glance.")
class RequestStatistics:
    counts: list[RequestCount]
    overdue: int = strawberry.field(description="Open stages past their due date.")


@strawberry.type(description="One box of the talent grid (PermenPANRB 3/2020) and who is in it.")
class TalentBox:
    box: int
    count: int
    employee_pks: strawberry.Private[list[int]]

    @strawberry.field(description="The employees placed in this box, by name.")
    async def employees(self, info: Info) -> list[Employee]:
        from portal import models

        loader = info.context.loaders.by_id(models.Employee)
        rows = [row for row in await loader.load_many(self.employee_pks) if row is not None]
        return [Employee.from_model(row) for row in sorted(rows, key=lambda r: r.name)]


@strawberry.type(description="How long one approver took at one stage (median, hours).")
class StageTime:
    stage: str
    decisions: int
    median_hours: float
    actor_pk: strawberry.Private[int]

    @strawberry.field
    async def approver(self, info: Info) -> Actor | None:
        return await load_actor(info, self.actor_pk)


@strawberry.type(
    description="Requests of one kind from one unit: how many were returned or rejected."
)
class OutcomeRate:
    kind: str
    unit: str
    requests: int
    returned: int
    rejected: int


@strawberry.type(description="Decision times and outcomes, to show that the system is fair.")
class Fairness:
    stage_times: list[StageTime]
    outcome_rates: list[OutcomeRate]


@strawberry.type
class Query:
    @strawberry.field(
        description="The agency's requests by kind and state, and overdue stages (HR).",
        permission_classes=[IsAgencyHR],
    )
    async def request_statistics(self, info: Info) -> RequestStatistics:
        agency_id = require_viewer(info).agency_id
        counts = await statistics.request_counts(agency_id=agency_id)
        overdue = await statistics.overdue_count(agency_id=agency_id, now=clock.now())
        return RequestStatistics(
            counts=[RequestCount(kind=c.kind, state=c.state, count=c.count) for c in counts],
            overdue=overdue,
        )

    @strawberry.field(
        description="The talent grid of a year (this year by default): 9 boxes (HR).",
        permission_classes=[IsAgencyHR],
    )
    async def talent_grid(self, info: Info, year: int | None = None) -> list[TalentBox]:
        agency_id = require_viewer(info).agency_id
        grid = await statistics.talent_grid(agency_id=agency_id, year=year or clock.now().year)
        return [
            TalentBox(box=box, count=len(ids), employee_pks=ids)
            for box, ids in sorted(grid.items())
        ]

    @strawberry.field(
        description="Decision times by stage and approver; return and rejection rates (HR).",
        permission_classes=[IsAgencyHR],
    )
    async def fairness(self, info: Info) -> Fairness:
        agency_id = require_viewer(info).agency_id
        times = await statistics.stage_times(agency_id=agency_id)
        rates = await statistics.outcome_rates(agency_id=agency_id)
        return Fairness(
            stage_times=[
                StageTime(
                    stage=t.stage,
                    decisions=t.decisions,
                    median_hours=t.median_hours,
                    actor_pk=t.actor_id,
                )
                for t in times
            ],
            outcome_rates=[
                OutcomeRate(
                    kind=r.kind,
                    unit=r.unit,
                    requests=r.requests,
                    returned=r.returned,
                    rejected=r.rejected,
                )
                for r in rates
            ],
        )
