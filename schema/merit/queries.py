"""Queries about merit data; each calls the domain service, which checks who may see what.

A record the viewer may not see, or of another agency, reads as null (or an empty list).
"""

from __future__ import annotations

from collections.abc import Awaitable
from typing import TypeVar

import strawberry

from schema.context import Info
from schema.errors import bad_input_text, refusal
from schema.merit import nodes  # noqa: F401  (registers node(id:) for the merit types)
from schema.merit.types.competencies import Assessment, PositionMatch
from schema.merit.types.feedback import FeedbackEntry, FeedbackInvitation
from schema.merit.types.performance import PerformanceEvaluation
from schema.merit.types.talent import SuccessionCandidate, TalentPlacement
from schema.merit.types.training import DevelopmentPlan, TrainingNominee
from schema.permissions import IsAuthenticated, require_viewer
from schema.relay import decode_id
from workflows.errors import NotFound, NotPermitted, ValidationFailed
from workflows.merit import (
    assessments,
    development,
    feedback,
    nominations,
    performance,
    talent,
)

T = TypeVar("T")
MAX_CANDIDATES = 100


async def _hidden_as_none(call: Awaitable[T]) -> T | None:
    """What the viewer may not see reads as null; bad arguments are a client error."""
    try:
        return await call
    except (NotFound, NotPermitted):
        return None
    except ValidationFailed as error:
        raise refusal(error) from None


def _limit(first: int) -> int:
    if not 1 <= first <= MAX_CANDIDATES:
        raise bad_input_text("errors.candidates.first", most=MAX_CANDIDATES, first=first)
    return first


@strawberry.type
class Query:
    @strawberry.field(
        description="Job-person match and gap list for the current or a target position.",
        permission_classes=[IsAuthenticated],
    )
    async def position_match(
        self, info: Info, employee_id: strawberry.ID, position_id: strawberry.ID | None = None
    ) -> PositionMatch | None:
        match = await _hidden_as_none(
            assessments.position_match(
                actor=require_viewer(info),
                employee_id=decode_id(employee_id, "Employee"),
                position_id=decode_id(position_id, "Position") if position_id else None,
            )
        )
        return PositionMatch.from_match(match) if match else None

    @strawberry.field(
        description="An employee's assessments, newest first.",
        permission_classes=[IsAuthenticated],
    )
    async def assessments(self, info: Info, employee_id: strawberry.ID) -> list[Assessment]:
        rows = await _hidden_as_none(
            assessments.assessment_history(
                actor=require_viewer(info), employee_id=decode_id(employee_id, "Employee")
            )
        )
        return [Assessment.from_model(r) for r in rows or []]

    @strawberry.field(
        description="An employee's performance evaluations, newest first.",
        permission_classes=[IsAuthenticated],
    )
    async def performance_evaluations(
        self, info: Info, employee_id: strawberry.ID, year: int | None = None
    ) -> list[PerformanceEvaluation]:
        rows = await _hidden_as_none(
            performance.evaluation_history(
                actor=require_viewer(info),
                employee_id=decode_id(employee_id, "Employee"),
                year=year,
            )
        )
        return [PerformanceEvaluation.from_model(r) for r in rows or []]

    @strawberry.field(
        description="Feedback about an employee; peer and subordinate givers stay anonymous.",
        permission_classes=[IsAuthenticated],
    )
    async def feedback(
        self, info: Info, employee_id: strawberry.ID, year: int | None = None
    ) -> list[FeedbackEntry]:
        rows = await _hidden_as_none(
            feedback.feedback_for(
                actor=require_viewer(info),
                employee_id=decode_id(employee_id, "Employee"),
                year=year,
            )
        )
        return [FeedbackEntry.from_view(r) for r in rows or []]

    @strawberry.field(
        description="360° feedback invitations waiting for the viewer's answer.",
        permission_classes=[IsAuthenticated],
    )
    async def feedback_invitations(self, info: Info) -> list[FeedbackInvitation]:
        rows = await feedback.open_invitations(actor=require_viewer(info))
        return [FeedbackInvitation.from_model(r) for r in rows]

    @strawberry.field(
        description="An employee's talent placements, newest first.",
        permission_classes=[IsAuthenticated],
    )
    async def talent_placements(
        self, info: Info, employee_id: strawberry.ID
    ) -> list[TalentPlacement]:
        rows = await _hidden_as_none(
            talent.talent_history(
                actor=require_viewer(info), employee_id=decode_id(employee_id, "Employee")
            )
        )
        return [TalentPlacement.from_model(r) for r in rows or []]

    @strawberry.field(
        description="Candidates for a position (HR): succession group (boxes 7-9) first.",
        permission_classes=[IsAuthenticated],
    )
    async def succession_candidates(
        self, info: Info, position_id: strawberry.ID, year: int | None = None, first: int = 20
    ) -> list[SuccessionCandidate]:
        rows = await _hidden_as_none(
            talent.succession_candidates(
                actor=require_viewer(info),
                position_id=decode_id(position_id, "Position"),
                year=year,
                limit=_limit(first),
            )
        )
        return [SuccessionCandidate.from_candidate(c) for c in rows or []]

    @strawberry.field(
        description="An employee's development plan for a year, or null.",
        permission_classes=[IsAuthenticated],
    )
    async def development_plan(
        self, info: Info, employee_id: strawberry.ID, year: int
    ) -> DevelopmentPlan | None:
        found = await _hidden_as_none(
            development.development_plan(
                actor=require_viewer(info),
                employee_id=decode_id(employee_id, "Employee"),
                year=year,
            )
        )
        return DevelopmentPlan.from_model(found[0]) if found else None

    @strawberry.field(
        description="Employees to nominate for a programme (HR), ranked by gap × talent box.",
        permission_classes=[IsAuthenticated],
    )
    async def training_nominees(
        self, info: Info, program_id: strawberry.ID, first: int = 50
    ) -> list[TrainingNominee]:
        rows = await _hidden_as_none(
            nominations.nomination_candidates(
                actor=require_viewer(info),
                program_id=decode_id(program_id, "TrainingProgram"),
                limit=_limit(first),
            )
        )
        return [TrainingNominee.from_nominee(n) for n in rows or []]
