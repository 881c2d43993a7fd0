"""Positions (jabatan) with their requirements and competency standards."""

from __future__ import annotations

from typing import TYPE_CHECKING

from tortoise import fields
from tortoise.models import Model

from portal.models.base import agency_fk
from portal.vocabulary import Education, PositionKind, Rank

if TYPE_CHECKING:
    from portal.models.competencies import Competency
    from portal.models.organisation import Agency, OrgUnit


class Position(Model):
    """A position in the org tree, whose parent position gives the holder supervisor."""

    id = fields.IntField(primary_key=True)
    agency: fields.ForeignKeyRelation[Agency] = agency_fk()
    agency_id: int
    code = fields.CharField(max_length=40)
    title = fields.CharField(max_length=200)
    kind = fields.CharEnumField(PositionKind, max_length=16)
    # Functional level (ahli pertama/muda/madya/utama, terampil, mahir, penyelia), if any.
    functional_level = fields.CharField(max_length=32, null=True)
    position_class = fields.SmallIntField()  # kelas jabatan 1-17
    org_unit: fields.ForeignKeyRelation[OrgUnit] = fields.ForeignKeyField(
        "models.OrgUnit", related_name="positions", on_delete=fields.RESTRICT
    )
    org_unit_id: int
    parent: fields.ForeignKeyNullableRelation[Position] = fields.ForeignKeyField(
        "models.Position", related_name="children", null=True, on_delete=fields.RESTRICT
    )
    parent_id: int | None
    min_education = fields.CharEnumField(Education, max_length=16)
    min_rank = fields.IntEnumField(Rank)
    min_years_experience = fields.SmallIntField(default=0)
    # How many people may hold it (formasi); structural positions have one.
    capacity = fields.SmallIntField(default=1)
    # A closed position keeps its history but takes no new holder.
    closed_on = fields.DateField(null=True)

    class Meta:
        table = "position"
        unique_together = (("agency", "code"),)
        indexes = (("agency_id", "kind"),)


class PositionCompetency(Model):
    """Required level of one competency for one position (standar kompetensi jabatan)."""

    id = fields.IntField(primary_key=True)
    agency: fields.ForeignKeyRelation[Agency] = agency_fk()
    agency_id: int
    position: fields.ForeignKeyRelation[Position] = fields.ForeignKeyField(
        "models.Position", related_name="required_competencies", on_delete=fields.CASCADE
    )
    position_id: int
    competency: fields.ForeignKeyRelation[Competency] = fields.ForeignKeyField(
        "models.Competency", related_name="position_standards", on_delete=fields.RESTRICT
    )
    competency_id: int
    required_level = fields.SmallIntField()

    class Meta:
        table = "position_competency"
        unique_together = (("position", "competency"),)
