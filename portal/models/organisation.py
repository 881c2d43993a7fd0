"""Agencies (instansi, the tenants) and their org-unit trees (OPD, bidang, UPTD)."""

from __future__ import annotations

from typing import Any

from tortoise import fields
from tortoise.models import Model

from portal.models.base import Timestamped, agency_fk
from portal.vocabulary import OrgUnitKind


class Agency(Timestamped):
    """One regional government (pemerintah daerah). Nobody sees another agency's data."""

    id = fields.IntField(primary_key=True)
    code = fields.CharField(max_length=32, unique=True)
    name = fields.CharField(max_length=200)
    # Per-city overrides of portal.settings.RuleSettings, e.g. {"study_min_service_years": 2}.
    rule_overrides: fields.JSONField[dict[str, Any]] = fields.JSONField(default=dict)

    class Meta:
        table = "agency"

    def __str__(self) -> str:
        return self.code


class OrgUnit(Model):
    """A unit of the agency's organisation: OPD, bidang, seksi, UPTD."""

    id = fields.IntField(primary_key=True)
    agency: fields.ForeignKeyRelation[Agency] = agency_fk()
    agency_id: int
    code = fields.CharField(max_length=32)
    name = fields.CharField(max_length=200)
    kind = fields.CharEnumField(OrgUnitKind, max_length=16)
    parent: fields.ForeignKeyNullableRelation[OrgUnit] = fields.ForeignKeyField(
        "models.OrgUnit", related_name="children", null=True, on_delete=fields.RESTRICT
    )
    parent_id: int | None

    class Meta:
        table = "org_unit"
        unique_together = (("agency", "code"),)
