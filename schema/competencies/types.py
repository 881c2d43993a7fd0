"""GraphQL types of the competency dictionary."""

from __future__ import annotations

import asyncio
from collections.abc import Sequence

import strawberry

from portal import models
from schema.context import Info
from schema.enums import CompetencyCategory
from schema.relay import Node, node_resolver


@strawberry.type(description="One of the five levels of a competency.")
class CompetencyLevel:
    level: int
    description: str
    indicators: list[str] = strawberry.field(description="Behavioural indicators.")


@strawberry.type(description="A competency of the agency's dictionary, e.g. M.01 Integritas.")
class Competency(Node):
    code: str
    name: str
    name_en: str
    category: CompetencyCategory
    description: str
    active: bool

    @strawberry.field(description="Level descriptors 1-5.")
    async def levels(self, info: Info) -> list[CompetencyLevel]:
        loader = info.context.loaders.by_parent(
            models.CompetencyLevel, "competency_id", order_by=("level",)
        )
        rows = await loader.load(self.pk)
        return [
            CompetencyLevel(
                level=r.level,
                description=r.description,
                indicators=[str(i) for i in r.indicators or []],
            )
            for r in rows
        ]

    @classmethod
    def from_model(cls, row: models.Competency) -> Competency:
        return cls(
            pk=row.id,
            code=row.code,
            name=row.name,
            name_en=row.name_en,
            category=row.category,
            description=row.description,
            active=row.active,
        )


async def load_competency(info: Info, pk: int | None) -> Competency | None:
    if pk is None:
        return None
    row = await info.context.loaders.by_id(models.Competency).load(pk)
    return Competency.from_model(row) if row else None


@node_resolver("Competency")
async def _competency_nodes(info: Info, pks: Sequence[int]) -> list[Competency | None]:
    if info.context.viewer is None:
        return [None for _ in pks]
    return list(await asyncio.gather(*(load_competency(info, pk) for pk in pks)))
