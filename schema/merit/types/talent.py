"""GraphQL types of talent boxes and succession candidates (PermenPANRB 3/2020)."""

from __future__ import annotations

import strawberry

from portal import models
from schema.context import Info
from schema.enums import MatchCategory, Predikat
from schema.merit.types.employee_ref import EmployeeRef, employee_of
from schema.relay import Node
from workflows.merit import talent


@strawberry.type(description="Talent box for a year (PermenPANRB 3/2020).")
class TalentPlacement(Node):
    year: int
    performance_level: int
    potential_level: int
    box: int
    in_succession_group: bool

    @classmethod
    def from_model(cls, row: models.TalentPlacement) -> TalentPlacement:
        return cls(
            pk=row.id,
            year=row.year,
            performance_level=row.performance_level,
            potential_level=row.potential_level,
            box=row.box,
            in_succession_group=row.box in (7, 8, 9),
        )


@strawberry.type(description="A succession candidate and the reasons for their rank.")
class SuccessionCandidate:
    box: int | None
    in_succession_group: bool
    match_ratio: float
    match_category: MatchCategory
    predikat: Predikat | None
    years_in_rank: float
    reasons: list[str]
    employee_pk: strawberry.Private[int]

    @strawberry.field
    async def employee(self, info: Info) -> EmployeeRef | None:
        return await employee_of(info, self.employee_pk)

    @classmethod
    def from_candidate(cls, c: talent.Candidate) -> SuccessionCandidate:
        return cls(
            box=c.box,
            in_succession_group=c.in_succession_group,
            match_ratio=c.match_ratio,
            match_category=c.match_category,
            predikat=c.predikat,
            years_in_rank=c.years_in_rank,
            reasons=c.reasons,
            employee_pk=c.employee_id,
        )
