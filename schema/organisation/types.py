"""GraphQL types of org units and positions."""

from __future__ import annotations

import asyncio
from collections.abc import Sequence
from typing import TYPE_CHECKING, Annotated

import strawberry

from portal import models
from portal.vocabulary import EmployeeStatus
from portal.vocabulary import Rank as RankEnum
from schema.context import Info
from schema.enums import Education, OrgUnitKind, PositionKind
from schema.permissions import visible_employee_ids
from schema.relay import Node, node_resolver

if TYPE_CHECKING:
    from schema.employees.types import Employee

EmployeeRef = Annotated["Employee", strawberry.lazy("schema.employees.types")]


@strawberry.type(description="A unit of the agency: OPD, bidang, seksi, UPTD.")
class OrgUnit(Node):
    code: str
    name: str
    kind: OrgUnitKind
    parent_pk: strawberry.Private[int | None]

    @strawberry.field(description="The unit above, if any.")
    async def parent(self, info: Info) -> OrgUnit | None:
        return await load_org_unit(info, self.parent_pk)

    @classmethod
    def from_model(cls, row: models.OrgUnit) -> OrgUnit:
        return cls(
            pk=row.id,
            code=row.code,
            name=row.name,
            kind=row.kind,
            parent_pk=row.parent_id,
        )


@strawberry.type(description="A position (jabatan) with its requirements.")
class Position(Node):
    code: str
    title: str
    kind: PositionKind
    functional_level: str | None
    position_class: int = strawberry.field(description="Kelas jabatan 1-17.")
    min_education: Education
    min_rank_value: strawberry.Private[int]
    min_years_experience: int
    capacity: int = strawberry.field(description="How many may hold it (formasi).")
    org_unit_pk: strawberry.Private[int]
    parent_pk: strawberry.Private[int | None]

    @strawberry.field(description="Minimum golongan/ruang, e.g. III/c.")
    def min_rank(self) -> str:
        return RankEnum(self.min_rank_value).code

    @strawberry.field
    async def org_unit(self, info: Info) -> OrgUnit | None:
        return await load_org_unit(info, self.org_unit_pk)

    @strawberry.field(description="The position above (its holder supervises this one).")
    async def parent(self, info: Info) -> Position | None:
        return await load_position(info, self.parent_pk)

    @strawberry.field(description="Holders the viewer may see.")
    async def holders(self, info: Info) -> list[EmployeeRef]:
        from schema.employees.types import Employee

        rows = await _holders(info, self.pk)
        visible = await visible_employee_ids(info)
        return [Employee.from_model(r) for r in rows if visible is None or r.id in visible]

    @strawberry.field(description="True while fewer people hold it than its capacity.")
    async def vacant(self, info: Info) -> bool:
        return len(await _holders(info, self.pk)) < self.capacity

    @classmethod
    def from_model(cls, row: models.Position) -> Position:
        return cls(
            pk=row.id,
            code=row.code,
            title=row.title,
            kind=row.kind,
            functional_level=row.functional_level,
            position_class=row.position_class,
            min_education=row.min_education,
            min_rank_value=int(row.min_rank),
            min_years_experience=row.min_years_experience,
            capacity=row.capacity,
            org_unit_pk=row.org_unit_id,
            parent_pk=row.parent_id,
        )


async def _holders(info: Info, position_id: int) -> list[models.Employee]:
    rows = await info.context.loaders.by_parent(models.Employee, "position_id").load(position_id)
    return [r for r in rows if r.status != EmployeeStatus.RETIRED]


async def load_org_unit(info: Info, pk: int | None) -> OrgUnit | None:
    if pk is None:
        return None
    row = await info.context.loaders.by_id(models.OrgUnit).load(pk)
    return OrgUnit.from_model(row) if row else None


async def load_position(info: Info, pk: int | None) -> Position | None:
    if pk is None:
        return None
    row = await info.context.loaders.by_id(models.Position).load(pk)
    return Position.from_model(row) if row else None


@node_resolver("OrgUnit")
async def _org_unit_nodes(info: Info, pks: Sequence[int]) -> list[OrgUnit | None]:
    if info.context.viewer is None:
        return [None for _ in pks]
    return list(await asyncio.gather(*(load_org_unit(info, pk) for pk in pks)))


@node_resolver("Position")
async def _position_nodes(info: Info, pks: Sequence[int]) -> list[Position | None]:
    if info.context.viewer is None:
        return [None for _ in pks]
    return list(await asyncio.gather(*(load_position(info, pk) for pk in pks)))
