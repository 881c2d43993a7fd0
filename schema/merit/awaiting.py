"""What waits for the viewer (development plans) and the year's training nominations for HR."""

from __future__ import annotations

import strawberry

from portal import models
from portal.clock import clock
from schema.context import Info
from schema.merit.types.training import DevelopmentPlan, TrainingNomination
from schema.permissions import CanReadAuditLog, IsAuthenticated, require_viewer


@strawberry.type
class Query:
    @strawberry.field(
        description=(
            "This year's development plans waiting for the viewer: drafts of their direct "
            "reports to agree, and for HR agreed plans to verify."
        ),
        permission_classes=[IsAuthenticated],
    )
    async def plans_awaiting_me(self, info: Info) -> list[DevelopmentPlan]:
        viewer = require_viewer(info)
        if viewer.is_token:
            return []
        year = clock.now().year
        plans: list[models.DevelopmentPlan] = []
        if viewer.employee_id is not None:
            chart = await info.context.loaders.org_chart()
            direct = [
                e
                for e in chart.reports(viewer.employee_id)
                if chart.supervisor_id(e) == viewer.employee_id
            ]
            if direct:
                plans += await models.DevelopmentPlan.filter(
                    agency_id=viewer.agency_id, year=year, status="DRAFT", employee_id__in=direct
                ).order_by("id")
        if viewer.is_hr:
            plans += (
                await models.DevelopmentPlan.filter(
                    agency_id=viewer.agency_id, year=year, status="AGREED"
                )
                .order_by("id")
                .limit(100)
            )
        return [DevelopmentPlan.from_model(row) for row in plans]

    @strawberry.field(
        description="The year's training nominations of the agency, newest first (HR).",
        permission_classes=[CanReadAuditLog],
    )
    async def training_nominations(
        self, info: Info, year: int | None = None
    ) -> list[TrainingNomination]:
        viewer = require_viewer(info)
        rows = (
            await models.TrainingNomination.filter(
                agency_id=viewer.agency_id, year=year or clock.now().year
            )
            .order_by("-id")
            .limit(200)
        )
        return [TrainingNomination.from_model(row) for row in rows]
