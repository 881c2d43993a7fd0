"""GraphQL types of development plans (IDP) and training nominations under the budget."""

from __future__ import annotations

from datetime import datetime
from decimal import Decimal

import strawberry

from portal import models
from schema.competencies.types import Competency, load_competency
from schema.context import Info
from schema.development.types import TrainingProgram, load_program
from schema.merit.types.employee_ref import EmployeeRef, employee_of
from schema.relay import Node
from workflows.merit import nominations


@strawberry.type(description="An employee ranked for a programme by gap × talent box.")
class TrainingNominee:
    gap: int
    box: int | None
    score: int
    employee_pk: strawberry.Private[int]

    @strawberry.field
    async def employee(self, info: Info) -> EmployeeRef | None:
        return await employee_of(info, self.employee_pk)

    @classmethod
    def from_nominee(cls, n: nominations.Nominee) -> TrainingNominee:
        return cls(gap=n.gap, box=n.box, score=n.score, employee_pk=n.employee_id)


@strawberry.type(description="One activity of a development plan, from a competency gap.")
class DevelopmentPlanItem:
    current_level: int
    target_level: int
    hours: int = strawberry.field(description="Jam pelajaran (JP).")
    cost: Decimal
    status: str
    competency_pk: strawberry.Private[int]
    program_pk: strawberry.Private[int | None]

    @strawberry.field
    async def competency(self, info: Info) -> Competency | None:
        return await load_competency(info, self.competency_pk)

    @strawberry.field
    async def training_program(self, info: Info) -> TrainingProgram | None:
        return await load_program(info, self.program_pk) if self.program_pk else None

    @classmethod
    def from_model(cls, row: models.DevelopmentPlanItem) -> DevelopmentPlanItem:
        return cls(
            current_level=row.current_level,
            target_level=row.target_level,
            hours=row.hours,
            cost=Decimal(row.cost),
            status=row.status,
            competency_pk=row.competency_id,
            program_pk=row.training_program_id,
        )


async def _plan_items(info: Info, plan_id: int) -> list[models.DevelopmentPlanItem]:
    loader = info.context.loaders.by_parent(models.DevelopmentPlanItem, "plan_id")
    return list(await loader.load(plan_id))


@strawberry.type(description="Individual development plan (IDP) of one employee for a year.")
class DevelopmentPlan(Node):
    year: int
    status: str = strawberry.field(description="DRAFT, AGREED (supervisor) or VERIFIED (HR).")
    agreed_at: datetime | None
    verified_at: datetime | None
    employee_pk: strawberry.Private[int]

    @strawberry.field
    async def employee(self, info: Info) -> EmployeeRef | None:
        return await employee_of(info, self.employee_pk)

    @strawberry.field
    async def items(self, info: Info) -> list[DevelopmentPlanItem]:
        return [DevelopmentPlanItem.from_model(r) for r in await _plan_items(info, self.pk)]

    @strawberry.field(description="Total hours (JP) of the items.")
    async def total_hours(self, info: Info) -> int:
        return sum(r.hours for r in await _plan_items(info, self.pk))

    @classmethod
    def from_model(cls, row: models.DevelopmentPlan) -> DevelopmentPlan:
        return cls(
            pk=row.id,
            year=row.year,
            status=row.status,
            agreed_at=row.agreed_at,
            verified_at=row.verified_at,
            employee_pk=row.employee_id,
        )


@strawberry.type(description="An employee nominated to a programme, committed on the budget.")
class TrainingNomination(Node):
    year: int
    cost: Decimal
    status: str = strawberry.field(description="NOMINATED, COMPLETED or CANCELLED.")
    employee_pk: strawberry.Private[int]
    program_pk: strawberry.Private[int]

    @strawberry.field
    async def employee(self, info: Info) -> EmployeeRef | None:
        return await employee_of(info, self.employee_pk)

    @strawberry.field
    async def program(self, info: Info) -> TrainingProgram | None:
        return await load_program(info, self.program_pk)

    @classmethod
    def from_model(cls, row: models.TrainingNomination) -> TrainingNomination:
        return cls(
            pk=row.id,
            year=row.year,
            cost=Decimal(row.cost),
            status=row.status,
            employee_pk=row.employee_id,
            program_pk=row.program_id,
        )
