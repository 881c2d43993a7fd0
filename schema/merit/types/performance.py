"""GraphQL type of performance evaluations (PermenPANRB 6/2022), separate from the ORM models."""

from __future__ import annotations

import strawberry

from portal import models
from schema.context import Info
from schema.enums import EvaluationPeriod, Predikat, Rating
from schema.merit.types.employee_ref import EmployeeRef, employee_of
from schema.relay import Node


@strawberry.type(description="A periodic or annual evaluation (PermenPANRB 6/2022).")
class PerformanceEvaluation(Node):
    year: int
    period: EvaluationPeriod
    work_result: Rating
    behaviour: Rating
    predikat: Predikat
    notes: str
    employee_pk: strawberry.Private[int]
    evaluator_pk: strawberry.Private[int | None]

    @strawberry.field
    async def employee(self, info: Info) -> EmployeeRef | None:
        return await employee_of(info, self.employee_pk)

    @strawberry.field(description="The supervisor (or HR officer) who wrote it.")
    async def evaluator(self, info: Info) -> EmployeeRef | None:
        return await employee_of(info, self.evaluator_pk)

    @classmethod
    def from_model(cls, row: models.PerformanceEvaluation) -> PerformanceEvaluation:
        return cls(
            pk=row.id,
            year=row.year,
            period=row.period,
            work_result=row.work_result,
            behaviour=row.behaviour,
            predikat=row.predikat,
            notes=row.notes,
            employee_pk=row.employee_id,
            evaluator_pk=row.evaluator_id,
        )
