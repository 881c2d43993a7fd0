"""Queries about org units and positions."""

from __future__ import annotations

from collections import Counter

import strawberry

from portal import models
from portal.vocabulary import EmployeeStatus
from schema.context import Info
from schema.enums import PositionKind
from schema.organisation.types import OrgUnit, Position
from schema.permissions import IsAuthenticated
from schema.relay import Connection, paginate


@strawberry.input(description="Narrow the position list.")
class PositionFilter:
    vacant: bool | None = strawberry.field(
        default=None, description="true: fewer holders than capacity; false: full"
    )
    kind: PositionKind | None = None


async def _vacant_ids(agency_id: int) -> set[int]:
    capacity = dict(await models.Position.filter(agency_id=agency_id).values_list("id", "capacity"))
    held = Counter(
        await models.Employee.filter(agency_id=agency_id, position_id__not_isnull=True)
        .exclude(status=EmployeeStatus.RETIRED)
        .values_list("position_id", flat=True)
    )
    return {pos for pos, cap in capacity.items() if held.get(pos, 0) < cap}


@strawberry.type
class Query:
    @strawberry.field(
        description="The agency's org units, by code.", permission_classes=[IsAuthenticated]
    )
    async def org_units(self, info: Info) -> list[OrgUnit]:
        viewer = info.context.viewer
        assert viewer is not None
        rows = await models.OrgUnit.filter(agency_id=viewer.agency_id).order_by("code", "id")
        return [OrgUnit.from_model(r) for r in rows]

    @strawberry.field(
        description="The agency's positions, by code.", permission_classes=[IsAuthenticated]
    )
    async def positions(
        self,
        info: Info,
        filter: PositionFilter | None = None,
        first: int | None = None,
        after: str | None = None,
    ) -> Connection[Position]:
        viewer = info.context.viewer
        assert viewer is not None
        query = models.Position.filter(agency_id=viewer.agency_id)
        if filter is not None and filter.kind is not None:
            query = query.filter(kind=filter.kind)
        if filter is not None and filter.vacant is not None:
            vacant = sorted(await _vacant_ids(viewer.agency_id))
            query = query.filter(id__in=vacant) if filter.vacant else query.exclude(id__in=vacant)
        return await paginate(
            info, query, first=first, after=after, order_by=("code",), convert=Position.from_model
        )
