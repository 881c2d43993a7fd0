"""GraphQL types of 360° feedback and its invitations, separate from the ORM models."""

from __future__ import annotations

from datetime import datetime

import strawberry

from portal import models
from schema.context import Info
from schema.enums import FeedbackRelation
from schema.merit.types.employee_ref import EmployeeRef, employee_of
from schema.relay import Node
from workflows.merit import feedback


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
        return await employee_of(info, self.giver_pk)

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
        return await employee_of(info, self.employee_pk)

    @classmethod
    def from_model(cls, row: models.FeedbackInvitation) -> FeedbackInvitation:
        return cls(
            pk=row.id,
            relation=row.relation,
            year=row.year,
            answered_at=row.answered_at,
            employee_pk=row.employee_id,
        )
