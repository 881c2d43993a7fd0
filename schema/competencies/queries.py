"""Queries about the competency dictionary."""

from __future__ import annotations

import strawberry

from portal import models
from schema.competencies.types import Competency
from schema.context import Info
from schema.enums import CompetencyCategory
from schema.permissions import IsAuthenticated


@strawberry.type
class Query:
    @strawberry.field(
        description="The agency's competency dictionary, by code.",
        permission_classes=[IsAuthenticated],
    )
    async def competencies(
        self, info: Info, category: CompetencyCategory | None = None
    ) -> list[Competency]:
        viewer = info.context.viewer
        assert viewer is not None
        query = models.Competency.filter(agency_id=viewer.agency_id)
        if category is not None:
            query = query.filter(category=category)
        return [Competency.from_model(r) for r in await query.order_by("code", "id")]
