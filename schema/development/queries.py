"""Queries about the training catalogue and budgets."""

from __future__ import annotations

from decimal import Decimal

import strawberry

from portal import models
from portal.clock import clock
from schema.context import Info
from schema.development.types import Budget, TrainingProgram
from schema.errors import bad_input_text
from schema.permissions import IsAuthenticated

YEARS = range(1945, 2201)  # a budget or catalogue year (SMALLINT in the database)


def check_year(year: int | None) -> None:
    if year is not None and year not in YEARS:
        first, last = YEARS.start, YEARS.stop - 1
        raise bad_input_text("errors.input.year", field="year", first=first, last=last, value=year)


@strawberry.type
class Query:
    @strawberry.field(
        description="The agency's training programmes, by code.",
        permission_classes=[IsAuthenticated],
    )
    async def training_programs(
        self, info: Info, year: int | None = None, active_only: bool = True
    ) -> list[TrainingProgram]:
        viewer = info.context.viewer
        assert viewer is not None
        query = models.TrainingProgram.filter(agency_id=viewer.agency_id)
        check_year(year)
        if year is not None:
            query = query.filter(year=year)
        if active_only:
            query = query.filter(active=True)
        return [TrainingProgram.from_model(r) for r in await query.order_by("code", "id")]

    @strawberry.field(
        description="The development budget of a year (this year by default); null if none.",
        permission_classes=[IsAuthenticated],
    )
    async def budget(self, info: Info, year: int | None = None) -> Budget | None:
        viewer = info.context.viewer
        assert viewer is not None
        check_year(year)
        wanted = year if year is not None else clock.today().year
        row = await models.Budget.get_or_none(agency_id=viewer.agency_id, year=wanted)
        if row is None:
            return None
        return Budget(
            year=row.year,
            ceiling=Decimal(row.ceiling),
            committed=Decimal(row.committed),
            spent=Decimal(row.spent),
        )
