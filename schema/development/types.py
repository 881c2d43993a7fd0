"""GraphQL types of training programmes and yearly budgets."""

from __future__ import annotations

import asyncio
from collections.abc import Sequence
from decimal import Decimal

import strawberry

from portal import models
from schema.competencies.types import Competency, load_competency
from schema.context import Info
from schema.relay import Node, node_resolver


@strawberry.type(description="A training programme (diklat/pelatihan).")
class TrainingProgram(Node):
    code: str
    title: str
    provider: str
    hours: int = strawberry.field(description="Jam pelajaran (JP).")
    cost: Decimal
    seats: int | None
    year: int
    active: bool
    target_level: int | None
    competency_pk: strawberry.Private[int | None]

    @strawberry.field(description="The competency it develops.")
    async def competency(self, info: Info) -> Competency | None:
        return await load_competency(info, self.competency_pk)

    @classmethod
    def from_model(cls, row: models.TrainingProgram) -> TrainingProgram:
        return cls(
            pk=row.id,
            code=row.code,
            title=row.title,
            provider=row.provider,
            hours=row.hours,
            cost=row.cost,
            seats=row.seats,
            year=row.year,
            active=row.active,
            target_level=row.target_level,
            competency_pk=row.competency_id,
        )


@strawberry.type(description="A yearly development budget: committed + spent <= ceiling.")
class Budget:
    year: int
    ceiling: Decimal
    committed: Decimal
    spent: Decimal

    @strawberry.field(description="ceiling - committed - spent")
    def remaining(self) -> Decimal:
        return self.ceiling - self.committed - self.spent


async def load_program(info: Info, pk: int) -> TrainingProgram | None:
    row = await info.context.loaders.by_id(models.TrainingProgram).load(pk)
    return TrainingProgram.from_model(row) if row else None


@node_resolver("TrainingProgram")
async def _program_nodes(info: Info, pks: Sequence[int]) -> list[TrainingProgram | None]:
    if info.context.viewer is None:
        return [None for _ in pks]
    return list(await asyncio.gather(*(load_program(info, pk) for pk in pks)))
