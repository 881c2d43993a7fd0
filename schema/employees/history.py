"""Riwayat pangkat and riwayat jabatan: the ranks and postings an employee has held."""

from __future__ import annotations

from datetime import date

import strawberry

from portal import models
from portal.vocabulary import Rank as RankEnum
from schema.context import Info
from schema.organisation.types import OrgUnit, Position, load_org_unit, load_position


@strawberry.type(description="A rank held (riwayat pangkat), open-ended while current.")
class RankRecord:
    code: str
    name: str
    since: date = strawberry.field(description="TMT pangkat")
    until: date | None
    decree_number: str


@strawberry.type(description="A posting held (riwayat jabatan), open-ended while current.")
class PositionRecord:
    since: date = strawberry.field(description="TMT jabatan")
    until: date | None
    decree_number: str
    position_pk: strawberry.Private[int]
    org_unit_pk: strawberry.Private[int]

    @strawberry.field
    async def position(self, info: Info) -> Position | None:
        return await load_position(info, self.position_pk)

    @strawberry.field
    async def org_unit(self, info: Info) -> OrgUnit | None:
        return await load_org_unit(info, self.org_unit_pk)


async def rank_history(info: Info, employee_pk: int) -> list[RankRecord]:
    loader = info.context.loaders.by_parent(
        models.RankHistory, "employee_id", order_by=("-since", "-id")
    )
    return [
        RankRecord(
            code=RankEnum(row.rank).code,
            name=RankEnum(row.rank).title,
            since=row.since,
            until=row.until,
            decree_number=row.decree_number,
        )
        for row in await loader.load(employee_pk)
    ]


async def position_history(info: Info, employee_pk: int) -> list[PositionRecord]:
    loader = info.context.loaders.by_parent(
        models.PositionHistory, "employee_id", order_by=("-since", "-id")
    )
    return [
        PositionRecord(
            since=row.since,
            until=row.until,
            decree_number=row.decree_number,
            position_pk=row.position_id,  # type: ignore[attr-defined]
            org_unit_pk=row.org_unit_id,  # type: ignore[attr-defined]
        )
        for row in await loader.load(employee_pk)
    ]
