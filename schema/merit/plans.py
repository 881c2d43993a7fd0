"""Mutations on development plans, the training catalogue, the budget and nominations."""

from __future__ import annotations

from typing import Annotated, Any

import strawberry

from portal.viewer import Viewer
from schema.context import Info
from schema.development.types import Budget, TrainingProgram
from schema.errors import ErrorType
from schema.idempotency import Key
from schema.merit import inputs
from schema.merit.payloads import budget_of, mutate, success
from schema.merit.types.training import DevelopmentPlan, TrainingNomination
from schema.relay import pk_of
from workflows.merit import development, training


@success
@strawberry.type(description="The plan was proposed from the largest competency gaps.")
class DevelopmentPlanGenerated:
    plan: DevelopmentPlan
    min_hours: int = strawberry.field(description="The yearly minimum of development hours.")
    meets_min_hours: bool
    uncovered_competencies: list[str] = strawberry.field(
        description="Codes of gaps no programme of the catalogue addresses."
    )


@success
@strawberry.type(description="The plan changed status.")
class DevelopmentPlanUpdated:
    plan: DevelopmentPlan


@success
@strawberry.type(description="The programme was saved.")
class TrainingProgramSaved:
    program: TrainingProgram


@success
@strawberry.type(description="The year's ceiling was set.")
class BudgetSet:
    budget: Budget


@success
@strawberry.type(description="The employee was nominated; the cost is committed.")
class TrainingNominated:
    nomination: TrainingNomination


@success
@strawberry.type(description="The nomination was closed; the budget moved accordingly.")
class TrainingNominationClosed:
    nomination: TrainingNomination


GeneratePlanPayload = Annotated[
    DevelopmentPlanGenerated | ErrorType, strawberry.union("GenerateDevelopmentPlanPayload")
]
AgreePlanPayload = Annotated[
    DevelopmentPlanUpdated | ErrorType, strawberry.union("AgreeDevelopmentPlanPayload")
]
VerifyPlanPayload = Annotated[
    DevelopmentPlanUpdated | ErrorType, strawberry.union("VerifyDevelopmentPlanPayload")
]
SaveProgramPayload = Annotated[
    TrainingProgramSaved | ErrorType, strawberry.union("SaveTrainingProgramPayload")
]
SetBudgetPayload = Annotated[BudgetSet | ErrorType, strawberry.union("SetBudgetPayload")]
NominatePayload = Annotated[
    TrainingNominated | ErrorType, strawberry.union("NominateForTrainingPayload")
]
ClosePayload = Annotated[
    TrainingNominationClosed | ErrorType, strawberry.union("CloseTrainingNominationPayload")
]


@strawberry.type
class Mutation:
    @strawberry.mutation(description="Propose a development plan from the employee's gaps.")
    async def generate_development_plan(
        self, info: Info, input: inputs.GenerateDevelopmentPlanInput, idempotency_key: Key = None
    ) -> GeneratePlanPayload:
        async def act(viewer: Viewer) -> Any:
            target = input.target_position_id
            proposal = await development.generate_development_plan(
                actor=viewer,
                employee_id=pk_of(input.employee_id, "Employee", "employeeId"),
                year=input.year,
                target_position_id=pk_of(target, "Position", "targetPositionId")
                if target
                else None,
            )
            return DevelopmentPlanGenerated(
                plan=DevelopmentPlan.from_model(proposal.plan),
                min_hours=proposal.min_hours,
                meets_min_hours=proposal.meets_min_hours,
                uncovered_competencies=proposal.uncovered,
            )

        return await mutate(info, "generateDevelopmentPlan", idempotency_key, act)

    @strawberry.mutation(description="The direct supervisor agrees a draft plan.")
    async def agree_development_plan(
        self, info: Info, input: inputs.DevelopmentPlanActionInput, idempotency_key: Key = None
    ) -> AgreePlanPayload:
        async def act(viewer: Viewer) -> Any:
            row = await development.agree_development_plan(
                actor=viewer, plan_id=pk_of(input.plan_id, "DevelopmentPlan", "planId")
            )
            return DevelopmentPlanUpdated(plan=DevelopmentPlan.from_model(row))

        return await mutate(info, "agreeDevelopmentPlan", idempotency_key, act)

    @strawberry.mutation(description="HR verifies an agreed plan.")
    async def verify_development_plan(
        self, info: Info, input: inputs.DevelopmentPlanActionInput, idempotency_key: Key = None
    ) -> VerifyPlanPayload:
        async def act(viewer: Viewer) -> Any:
            row = await development.verify_development_plan(
                actor=viewer, plan_id=pk_of(input.plan_id, "DevelopmentPlan", "planId")
            )
            return DevelopmentPlanUpdated(plan=DevelopmentPlan.from_model(row))

        return await mutate(info, "verifyDevelopmentPlan", idempotency_key, act)

    @strawberry.mutation(description="HR saves a programme of the training catalogue (by code).")
    async def save_training_program(
        self, info: Info, input: inputs.SaveTrainingProgramInput, idempotency_key: Key = None
    ) -> SaveProgramPayload:
        async def act(viewer: Viewer) -> Any:
            row = await training.save_training_program(
                actor=viewer,
                data=training.ProgramInput(
                    code=input.code,
                    title=input.title,
                    year=input.year,
                    hours=input.hours,
                    cost=input.cost,
                    competency_code=input.competency_code,
                    target_level=input.target_level,
                    provider=input.provider,
                    seats=input.seats,
                    active=input.active,
                ),
            )
            return TrainingProgramSaved(program=TrainingProgram.from_model(row))

        return await mutate(info, "saveTrainingProgram", idempotency_key, act)

    @strawberry.mutation(description="HR sets the year's development budget ceiling.")
    async def set_budget(
        self, info: Info, input: inputs.SetBudgetInput, idempotency_key: Key = None
    ) -> SetBudgetPayload:
        async def act(viewer: Viewer) -> Any:
            row = await training.set_budget(actor=viewer, year=input.year, ceiling=input.ceiling)
            return BudgetSet(budget=budget_of(row))

        return await mutate(info, "setBudget", idempotency_key, act)

    @strawberry.mutation(description="HR nominates an employee; refused beyond the budget.")
    async def nominate_for_training(
        self, info: Info, input: inputs.NominateForTrainingInput, idempotency_key: Key = None
    ) -> NominatePayload:
        async def act(viewer: Viewer) -> Any:
            row = await training.nominate(
                actor=viewer,
                program_id=pk_of(input.program_id, "TrainingProgram", "programId"),
                employee_id=pk_of(input.employee_id, "Employee", "employeeId"),
                plan_item_id=input.plan_item_id,
            )
            return TrainingNominated(nomination=TrainingNomination.from_model(row))

        return await mutate(info, "nominateForTraining", idempotency_key, act)

    @strawberry.mutation(description="HR closes a nomination as completed or cancelled.")
    async def close_training_nomination(
        self, info: Info, input: inputs.CloseTrainingNominationInput, idempotency_key: Key = None
    ) -> ClosePayload:
        async def act(viewer: Viewer) -> Any:
            row = await training.close_nomination(
                actor=viewer,
                nomination_id=pk_of(input.nomination_id, "TrainingNomination", "nominationId"),
                completed=input.completed,
            )
            return TrainingNominationClosed(nomination=TrainingNomination.from_model(row))

        return await mutate(info, "closeTrainingNomination", idempotency_key, act)
