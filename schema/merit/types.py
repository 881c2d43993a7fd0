"""GraphQL types of merit data, separate from the ORM models."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal
from typing import TYPE_CHECKING, Annotated

import strawberry

from portal import models
from schema.competencies.types import Competency, load_competency
from schema.context import Info
from schema.development.types import TrainingProgram, load_program
from schema.enums import EvaluationPeriod, Predikat, Rating
from schema.organisation.types import Position, load_position
from schema.relay import Node
from workflows.merit import assessments, feedback, nominations, talent
from workflows.merit.feedback import FeedbackRelation
from workflows.merit.scoring import MatchCategory

if TYPE_CHECKING:
    from schema.employees.types import Employee

EmployeeRef = Annotated["Employee", strawberry.lazy("schema.employees.types")]
# strawberry.enum registers the GraphQL enum on the Python class itself, so fields are annotated
# with the domain's enum classes.
strawberry.enum(MatchCategory, description="PermenPANRB 38/2017 categories.")
strawberry.enum(FeedbackRelation, description="How the giver relates to the employee.")


async def _employee(info: Info, pk: int | None) -> Employee | None:
    from schema.employees.types import load_employee

    return await load_employee(info, pk)


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
        return await _employee(info, self.employee_pk)

    @strawberry.field(description="The supervisor (or HR officer) who wrote it.")
    async def evaluator(self, info: Info) -> EmployeeRef | None:
        return await _employee(info, self.evaluator_pk)

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


@strawberry.type(description="Feedback about an employee; the giver is null when anonymous.")
class FeedbackEntry(Node):
    relation: FeedbackRelation
    year: int
    competency_code: str | None
    rating: int | None
    comment: str
    created_at: datetime
    giver_pk: strawberry.Private[int | None]

    @strawberry.field(description="Null for peer and subordinate feedback unless the viewer is HR.")
    async def giver(self, info: Info) -> EmployeeRef | None:
        return await _employee(info, self.giver_pk)

    @classmethod
    async def from_model(cls, row: models.Feedback) -> FeedbackEntry:
        """As seen by its giver (the caller of ``giveFeedback``)."""
        competency = await models.Competency.get_or_none(id=row.competency_id)
        return cls(
            pk=row.id,
            relation=row.relation,
            year=row.year,
            competency_code=competency.code if competency else None,
            rating=row.rating,
            comment=row.comment,
            created_at=row.created_at,
            giver_pk=row.giver_id,
        )

    @classmethod
    def from_view(cls, view: feedback.FeedbackView) -> FeedbackEntry:
        return cls(
            pk=view.id,
            relation=view.relation,
            year=view.year,
            competency_code=view.competency_code,
            rating=view.rating,
            comment=view.comment,
            created_at=view.created_at,
            giver_pk=view.giver_id,
        )


@strawberry.type(description="An invitation to give 360° feedback.")
class FeedbackInvitation(Node):
    relation: FeedbackRelation
    year: int
    answered_at: datetime | None
    employee_pk: strawberry.Private[int]

    @strawberry.field(description="Whom the feedback is about.")
    async def employee(self, info: Info) -> EmployeeRef | None:
        return await _employee(info, self.employee_pk)

    @classmethod
    def from_model(cls, row: models.FeedbackInvitation) -> FeedbackInvitation:
        return cls(
            pk=row.id,
            relation=row.relation,
            year=row.year,
            answered_at=row.answered_at,
            employee_pk=row.employee_id,
        )


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
        return await _employee(info, self.employee_pk)

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


@strawberry.type(description="An employee ranked for a programme by gap × talent box.")
class TrainingNominee:
    gap: int
    box: int | None
    score: int
    employee_pk: strawberry.Private[int]

    @strawberry.field
    async def employee(self, info: Info) -> EmployeeRef | None:
        return await _employee(info, self.employee_pk)

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
        return await _employee(info, self.employee_pk)

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
        return await _employee(info, self.employee_pk)

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
