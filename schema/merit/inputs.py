"""Inputs of the merit mutations; IDs are the opaque global IDs of the Relay nodes."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import strawberry

from schema.enums import CompetencyCategory, EvaluationPeriod, FeedbackRelation, Rating


@strawberry.input(description="One level (1-5) with its descriptor and behavioural indicators.")
class CompetencyLevelInput:
    level: int
    description: str
    indicators: list[str]


@strawberry.input(description="A competency with all five levels; saved by code (HR).")
class SaveCompetencyInput:
    code: str
    name: str
    category: CompetencyCategory
    levels: list[CompetencyLevelInput]
    name_en: str = ""
    description: str = ""
    active: bool = True


@strawberry.input(description="Required level of one competency.")
class RequirementInput:
    competency_code: str
    required_level: int


@strawberry.input(description="Replace a position's competency standard (HR).")
class SetPositionStandardInput:
    position_id: strawberry.ID
    requirements: list[RequirementInput]


@strawberry.input(description="An assessment result (HR).")
class RecordAssessmentInput:
    employee_id: strawberry.ID
    competency_code: str
    level: int
    method: str
    assessed_on: date
    valid_until: date | None = None
    assessor: str = ""
    notes: str = ""


@strawberry.input(description="A performance evaluation by the direct supervisor (or HR).")
class RecordEvaluationInput:
    employee_id: strawberry.ID
    year: int
    period: EvaluationPeriod
    work_result: Rating
    behaviour: Rating
    notes: str = ""


@strawberry.input(description="Feedback; the relation follows from who gives it.")
class GiveFeedbackInput:
    employee_id: strawberry.ID
    comment: str
    year: int | None = None
    rating: int | None = None
    competency_code: str | None = None


@strawberry.input(description="Invite a peer or subordinate to give 360° feedback.")
class InviteFeedbackInput:
    employee_id: strawberry.ID
    invitee_id: strawberry.ID
    relation: FeedbackRelation
    year: int


@strawberry.input(description="Place an employee on the talent grid for a year (HR).")
class PlaceTalentInput:
    employee_id: strawberry.ID
    year: int
    potential_level: int
    performance_level: int | None = strawberry.field(
        default=None, description="Defaults to the level of the year's annual predikat."
    )


@strawberry.input(description="Propose the year's plan from the gaps (current or target position).")
class GenerateDevelopmentPlanInput:
    employee_id: strawberry.ID
    year: int
    target_position_id: strawberry.ID | None = None


@strawberry.input(description="A development plan, by ID.")
class DevelopmentPlanActionInput:
    plan_id: strawberry.ID


@strawberry.input(description="A programme of the training catalogue, saved by code (HR).")
class SaveTrainingProgramInput:
    code: str
    title: str
    year: int
    hours: int
    cost: Decimal
    competency_code: str | None = None
    target_level: int | None = None
    provider: str = ""
    seats: int | None = None
    active: bool = True


@strawberry.input(description="The yearly development budget ceiling (HR).")
class SetBudgetInput:
    year: int
    ceiling: Decimal


@strawberry.input(description="Nominate an employee to a programme (HR); commits its cost.")
class NominateForTrainingInput:
    program_id: strawberry.ID
    employee_id: strawberry.ID
    plan_item_id: int | None = None


@strawberry.input(description="Close a nomination: completed (spent) or cancelled (released).")
class CloseTrainingNominationInput:
    nomination_id: strawberry.ID
    completed: bool
