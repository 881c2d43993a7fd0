"""GraphQL types of competency assessments and job-person match, separate from the ORM models."""

from __future__ import annotations

from datetime import date

import strawberry

from portal import models
from schema.competencies.types import Competency, load_competency
from schema.context import Info
from schema.enums import MatchCategory
from schema.organisation.types import Position, load_position
from schema.relay import Node
from workflows.merit import assessments


@strawberry.type(description="An assessed level of one competency (sensitive).")
class Assessment(Node):
    level: int
    method: str
    assessed_on: date
    valid_until: date | None
    assessor: str
    notes: str
    competency_pk: strawberry.Private[int]

    @strawberry.field
    async def competency(self, info: Info) -> Competency | None:
        return await load_competency(info, self.competency_pk)

    @classmethod
    def from_model(cls, row: models.Assessment) -> Assessment:
        return cls(
            pk=row.id,
            level=row.level,
            method=row.method,
            assessed_on=row.assessed_on,
            valid_until=row.valid_until,
            assessor=row.assessor,
            notes=row.notes,
            competency_pk=row.competency_id,
        )


@strawberry.type(description="One line of a position's standard and where the employee stands.")
class CompetencyGap:
    code: str
    name: str
    required_level: int
    achieved_level: int = strawberry.field(description="0 when never validly assessed.")
    missing_levels: int
    assessed_on: date | None
    competency_pk: strawberry.Private[int]

    @strawberry.field
    async def competency(self, info: Info) -> Competency | None:
        return await load_competency(info, self.competency_pk)

    @classmethod
    def from_gap(cls, gap: assessments.Gap) -> CompetencyGap:
        return cls(
            code=gap.code,
            name=gap.name,
            required_level=gap.required,
            achieved_level=gap.achieved,
            missing_levels=gap.missing,
            assessed_on=gap.assessed_on,
            competency_pk=gap.competency_id,
        )


@strawberry.type(description="Job-person match: achieved ÷ required over the position's standard.")
class PositionMatch:
    ratio: float
    category: MatchCategory
    lines: list[CompetencyGap] = strawberry.field(description="Every line of the standard.")
    gaps: list[CompetencyGap] = strawberry.field(description="Lines still short, largest first.")
    position_pk: strawberry.Private[int]

    @strawberry.field
    async def position(self, info: Info) -> Position | None:
        return await load_position(info, self.position_pk)

    @classmethod
    def from_match(cls, match: assessments.PositionMatch) -> PositionMatch:
        return cls(
            ratio=match.ratio,
            category=match.category,
            lines=[CompetencyGap.from_gap(g) for g in match.lines],
            gaps=[CompetencyGap.from_gap(g) for g in match.gaps],
            position_pk=match.position_id,
        )
