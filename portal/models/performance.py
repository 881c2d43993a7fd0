"""Performance evaluations, continuous feedback (PermenPANRB 6/2022) and talent boxes."""

from __future__ import annotations

from typing import TYPE_CHECKING

from tortoise import fields
from tortoise.models import Model

from portal.models.base import Timestamped, agency_fk
from portal.vocabulary import EvaluationPeriod, FeedbackRelation, Predikat, Rating

if TYPE_CHECKING:
    from portal.models.competencies import Competency
    from portal.models.employees import Employee
    from portal.models.organisation import Agency


class PerformanceEvaluation(Timestamped):
    """A periodic or annual evaluation written by the supervisor."""

    id = fields.IntField(primary_key=True)
    agency: fields.ForeignKeyRelation[Agency] = agency_fk()
    agency_id: int
    employee: fields.ForeignKeyRelation[Employee] = fields.ForeignKeyField(
        "models.Employee", related_name="evaluations", on_delete=fields.CASCADE
    )
    employee_id: int
    evaluator: fields.ForeignKeyNullableRelation[Employee] = fields.ForeignKeyField(
        "models.Employee", related_name="evaluations_given", null=True, on_delete=fields.SET_NULL
    )
    evaluator_id: int | None
    year = fields.SmallIntField()
    period = fields.CharEnumField(EvaluationPeriod, max_length=8)
    work_result = fields.CharEnumField(Rating, max_length=16)
    behaviour = fields.CharEnumField(Rating, max_length=16)
    predikat = fields.CharEnumField(Predikat, max_length=16)
    notes = fields.TextField(default="")

    class Meta:
        table = "performance_evaluation"
        unique_together = (("employee", "year", "period"),)
        indexes = (("agency_id", "year", "period"),)


class Feedback(Model):
    """Continuous / 360° feedback about an employee (umpan balik berkelanjutan)."""

    id = fields.IntField(primary_key=True)
    agency: fields.ForeignKeyRelation[Agency] = agency_fk()
    agency_id: int
    employee: fields.ForeignKeyRelation[Employee] = fields.ForeignKeyField(
        "models.Employee", related_name="feedback_received", on_delete=fields.CASCADE
    )
    employee_id: int
    giver: fields.ForeignKeyRelation[Employee] = fields.ForeignKeyField(
        "models.Employee", related_name="feedback_given", on_delete=fields.CASCADE
    )
    giver_id: int
    relation = fields.CharEnumField(FeedbackRelation, max_length=16)
    year = fields.SmallIntField()
    competency: fields.ForeignKeyNullableRelation[Competency] = fields.ForeignKeyField(
        "models.Competency", related_name="feedback", null=True, on_delete=fields.SET_NULL
    )
    competency_id: int | None
    rating = fields.SmallIntField(null=True)  # 1-5, optional
    comment = fields.TextField()
    created_at = fields.DatetimeField(auto_now_add=True)

    class Meta:
        table = "feedback"
        indexes = (("employee_id", "year"),)


class FeedbackInvitation(Model):
    """An invitation to a peer or subordinate to give 360° feedback."""

    id = fields.IntField(primary_key=True)
    agency: fields.ForeignKeyRelation[Agency] = agency_fk()
    agency_id: int
    employee: fields.ForeignKeyRelation[Employee] = fields.ForeignKeyField(
        "models.Employee", related_name="feedback_invitations", on_delete=fields.CASCADE
    )
    employee_id: int
    invitee: fields.ForeignKeyRelation[Employee] = fields.ForeignKeyField(
        "models.Employee", related_name="feedback_invited", on_delete=fields.CASCADE
    )
    invitee_id: int
    relation = fields.CharEnumField(FeedbackRelation, max_length=16)
    year = fields.SmallIntField()
    answered_at = fields.DatetimeField(null=True)
    created_at = fields.DatetimeField(auto_now_add=True)

    class Meta:
        table = "feedback_invitation"
        unique_together = (("employee", "invitee", "year"),)


class TalentPlacement(Model):
    """Talent box for a year (PermenPANRB 3/2020): performance x potential -> box 1-9."""

    id = fields.IntField(primary_key=True)
    agency: fields.ForeignKeyRelation[Agency] = agency_fk()
    agency_id: int
    employee: fields.ForeignKeyRelation[Employee] = fields.ForeignKeyField(
        "models.Employee", related_name="talent_placements", on_delete=fields.CASCADE
    )
    employee_id: int
    year = fields.SmallIntField()
    performance_level = fields.SmallIntField()  # 1 low, 2 middle, 3 high
    potential_level = fields.SmallIntField()
    box = fields.SmallIntField()
    created_at = fields.DatetimeField(auto_now_add=True)

    class Meta:
        table = "talent_placement"
        unique_together = (("employee", "year"),)
        indexes = (("agency_id", "year", "box"),)
