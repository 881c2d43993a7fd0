"""Mutations on competencies, assessments, performance, feedback and talent.

Each takes one ``input`` and returns a payload union of its success type and the typed errors.
"""

from __future__ import annotations

from typing import Annotated, Any

import strawberry

from portal import models
from portal.viewer import Viewer
from schema.competencies.types import Competency
from schema.context import Info
from schema.errors import ErrorType
from schema.idempotency import Key
from schema.merit import inputs
from schema.merit.payloads import mutate, success
from schema.merit.types.competencies import Assessment
from schema.merit.types.feedback import FeedbackEntry, FeedbackInvitation
from schema.merit.types.performance import PerformanceEvaluation
from schema.merit.types.talent import TalentPlacement
from schema.organisation.types import Position
from schema.relay import pk_of
from workflows.merit import assessments, competency, feedback, performance, talent


@success
@strawberry.type(description="The competency and its five levels were saved.")
class CompetencySaved:
    competency: Competency


@success
@strawberry.type(description="The position's competency standard was replaced.")
class PositionStandardSet:
    position: Position


@success
@strawberry.type(description="The assessment was recorded.")
class AssessmentRecorded:
    assessment: Assessment


@success
@strawberry.type(description="The evaluation was written; the predikat follows the matrix.")
class EvaluationRecorded:
    evaluation: PerformanceEvaluation


@success
@strawberry.type(description="The feedback was recorded.")
class FeedbackGiven:
    feedback: FeedbackEntry


@success
@strawberry.type(description="The invitation was sent.")
class FeedbackInvited:
    invitation: FeedbackInvitation


@success
@strawberry.type(description="The employee was placed on the talent grid.")
class TalentPlaced:
    placement: TalentPlacement


SaveCompetencyPayload = Annotated[
    CompetencySaved | ErrorType, strawberry.union("SaveCompetencyPayload")
]
SetPositionStandardPayload = Annotated[
    PositionStandardSet | ErrorType, strawberry.union("SetPositionStandardPayload")
]
RecordAssessmentPayload = Annotated[
    AssessmentRecorded | ErrorType, strawberry.union("RecordAssessmentPayload")
]
RecordEvaluationPayload = Annotated[
    EvaluationRecorded | ErrorType, strawberry.union("RecordEvaluationPayload")
]
GiveFeedbackPayload = Annotated[FeedbackGiven | ErrorType, strawberry.union("GiveFeedbackPayload")]
InviteFeedbackPayload = Annotated[
    FeedbackInvited | ErrorType, strawberry.union("InviteFeedbackPayload")
]
PlaceTalentPayload = Annotated[TalentPlaced | ErrorType, strawberry.union("PlaceTalentPayload")]


@strawberry.type
class Mutation:
    @strawberry.mutation(description="HR saves a competency of the dictionary (by code).")
    async def save_competency(
        self, info: Info, input: inputs.SaveCompetencyInput, idempotency_key: Key = None
    ) -> SaveCompetencyPayload:
        async def act(viewer: Viewer) -> Any:
            row = await competency.save_competency(
                actor=viewer,
                data=competency.CompetencyInput(
                    code=input.code,
                    name=input.name,
                    category=input.category,
                    levels=[
                        competency.LevelInput(lv.level, lv.description, lv.indicators)
                        for lv in input.levels
                    ],
                    name_en=input.name_en,
                    description=input.description,
                    active=input.active,
                ),
            )
            return CompetencySaved(competency=Competency.from_model(row))

        return await mutate(info, "saveCompetency", idempotency_key, act)

    @strawberry.mutation(description="HR replaces a position's competency standard.")
    async def set_position_standard(
        self, info: Info, input: inputs.SetPositionStandardInput, idempotency_key: Key = None
    ) -> SetPositionStandardPayload:
        async def act(viewer: Viewer) -> Any:
            position_id = pk_of(input.position_id, "Position", "positionId")
            await competency.set_position_standard(
                actor=viewer,
                position_id=position_id,
                requirements={r.competency_code: r.required_level for r in input.requirements},
            )
            row = await models.Position.get(id=position_id)
            return PositionStandardSet(position=Position.from_model(row))

        return await mutate(info, "setPositionStandard", idempotency_key, act)

    @strawberry.mutation(description="HR records an assessment result.")
    async def record_assessment(
        self, info: Info, input: inputs.RecordAssessmentInput, idempotency_key: Key = None
    ) -> RecordAssessmentPayload:
        async def act(viewer: Viewer) -> Any:
            row = await assessments.record_assessment(
                actor=viewer,
                data=assessments.AssessmentInput(
                    employee_id=pk_of(input.employee_id, "Employee", "employeeId"),
                    competency_code=input.competency_code,
                    level=input.level,
                    method=input.method,
                    assessed_on=input.assessed_on,
                    valid_until=input.valid_until,
                    assessor=input.assessor,
                    notes=input.notes,
                ),
            )
            return AssessmentRecorded(assessment=Assessment.from_model(row))

        return await mutate(info, "recordAssessment", idempotency_key, act)

    @strawberry.mutation(description="The direct supervisor (or HR) writes an evaluation.")
    async def record_evaluation(
        self, info: Info, input: inputs.RecordEvaluationInput, idempotency_key: Key = None
    ) -> RecordEvaluationPayload:
        async def act(viewer: Viewer) -> Any:
            row = await performance.record_evaluation(
                actor=viewer,
                data=performance.EvaluationInput(
                    employee_id=pk_of(input.employee_id, "Employee", "employeeId"),
                    year=input.year,
                    period=input.period,
                    work_result=input.work_result,
                    behaviour=input.behaviour,
                    notes=input.notes,
                ),
            )
            return EvaluationRecorded(evaluation=PerformanceEvaluation.from_model(row))

        return await mutate(info, "recordEvaluation", idempotency_key, act)

    @strawberry.mutation(description="Give continuous or (when invited) 360° feedback.")
    async def give_feedback(
        self, info: Info, input: inputs.GiveFeedbackInput, idempotency_key: Key = None
    ) -> GiveFeedbackPayload:
        async def act(viewer: Viewer) -> Any:
            row = await feedback.give_feedback(
                actor=viewer,
                employee_id=pk_of(input.employee_id, "Employee", "employeeId"),
                comment=input.comment,
                year=input.year,
                rating=input.rating,
                competency_code=input.competency_code,
            )
            return FeedbackGiven(feedback=await FeedbackEntry.from_model(row))

        return await mutate(info, "giveFeedback", idempotency_key, act)

    @strawberry.mutation(description="Invite a peer or subordinate to give 360° feedback.")
    async def invite_feedback(
        self, info: Info, input: inputs.InviteFeedbackInput, idempotency_key: Key = None
    ) -> InviteFeedbackPayload:
        async def act(viewer: Viewer) -> Any:
            row = await feedback.invite_feedback(
                actor=viewer,
                employee_id=pk_of(input.employee_id, "Employee", "employeeId"),
                invitee_id=pk_of(input.invitee_id, "Employee", "inviteeId"),
                relation=input.relation,
                year=input.year,
            )
            return FeedbackInvited(invitation=FeedbackInvitation.from_model(row))

        return await mutate(info, "inviteFeedback", idempotency_key, act)

    @strawberry.mutation(description="HR places an employee on the talent grid for a year.")
    async def place_talent(
        self, info: Info, input: inputs.PlaceTalentInput, idempotency_key: Key = None
    ) -> PlaceTalentPayload:
        async def act(viewer: Viewer) -> Any:
            row = await talent.place_talent(
                actor=viewer,
                employee_id=pk_of(input.employee_id, "Employee", "employeeId"),
                year=input.year,
                potential_level=input.potential_level,
                performance_level=input.performance_level,
            )
            return TalentPlaced(placement=TalentPlacement.from_model(row))

        return await mutate(info, "placeTalent", idempotency_key, act)
