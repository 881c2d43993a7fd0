"""Competency dictionary (PermenPANRB 38/2017) and assessment results."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from tortoise import fields
from tortoise.models import Model

from portal.models.base import Timestamped, agency_fk
from portal.vocabulary import CompetencyCategory

if TYPE_CHECKING:
    from portal.models.employees import Employee
    from portal.models.organisation import Agency


class Competency(Timestamped):
    """A competency of the agency's dictionary (e.g. M.01 Integritas)."""

    id = fields.IntField(primary_key=True)
    agency: fields.ForeignKeyRelation[Agency] = agency_fk()
    agency_id: int
    code = fields.CharField(max_length=32)
    name = fields.CharField(max_length=200)
    name_en = fields.CharField(max_length=200, default="")
    category = fields.CharEnumField(CompetencyCategory, max_length=16)
    description = fields.TextField(default="")
    active = fields.BooleanField(default=True)
    levels: fields.ReverseRelation[CompetencyLevel]  # declared on CompetencyLevel.competency

    class Meta:
        table = "competency"
        unique_together = (("agency", "code"),)


class CompetencyLevel(Model):
    """One of the five levels of a competency with its descriptor and behavioural indicators."""

    id = fields.IntField(primary_key=True)
    agency: fields.ForeignKeyRelation[Agency] = agency_fk()
    agency_id: int
    competency: fields.ForeignKeyRelation[Competency] = fields.ForeignKeyField(
        "models.Competency", related_name="levels", on_delete=fields.CASCADE
    )
    competency_id: int
    level = fields.SmallIntField()
    description = fields.TextField()
    indicators: fields.JSONField[list[Any]] = fields.JSONField(default=list)

    class Meta:
        table = "competency_level"
        unique_together = (("competency", "level"),)


class Assessment(Model):
    """An assessed level of one competency for one employee."""

    id = fields.IntField(primary_key=True)
    agency: fields.ForeignKeyRelation[Agency] = agency_fk()
    agency_id: int
    employee: fields.ForeignKeyRelation[Employee] = fields.ForeignKeyField(
        "models.Employee", related_name="assessments", on_delete=fields.CASCADE
    )
    employee_id: int
    competency: fields.ForeignKeyRelation[Competency] = fields.ForeignKeyField(
        "models.Competency", related_name="assessments", on_delete=fields.RESTRICT
    )
    competency_id: int
    level = fields.SmallIntField()
    method = fields.CharField(max_length=40)  # assessment centre, uji kompetensi, ...
    assessed_on = fields.DateField()
    valid_until = fields.DateField(null=True)
    assessor = fields.CharField(max_length=200, default="")
    notes = fields.TextField(default="")
    created_at = fields.DatetimeField(auto_now_add=True)

    class Meta:
        table = "assessment"
        indexes = (("employee_id", "competency_id", "assessed_on"),)
