"""Employees (pegawai) and their rank, position and disciplinary histories."""

from __future__ import annotations

from typing import TYPE_CHECKING

from tortoise import fields
from tortoise.models import Model

from portal.models.base import Timestamped, agency_fk
from portal.vocabulary import (
    Education,
    EmployeeStatus,
    EmployeeType,
    Gender,
    PenaltyLevel,
    Rank,
)

if TYPE_CHECKING:
    from portal.models.organisation import Agency, OrgUnit
    from portal.models.positions import Position


class Employee(Timestamped):
    """A civil servant (ASN) of one agency, the NIP is national and unique."""

    id = fields.IntField(primary_key=True)
    agency: fields.ForeignKeyRelation[Agency] = agency_fk()
    agency_id: int
    nip = fields.CharField(max_length=18, unique=True)
    name = fields.CharField(max_length=200)
    gender = fields.CharEnumField(Gender, max_length=1)
    birth_date = fields.DateField()
    employee_type = fields.CharEnumField(EmployeeType, max_length=8)
    # TMT CPNS (the NIP's YYYYMM part, first of the month).
    appointment_date = fields.DateField()
    # TMT PNS: appointment as PNS after the CPNS period; None for CPNS and PPPK.
    pns_date = fields.DateField(null=True)
    rank = fields.IntEnumField(Rank, null=True)  # PPPK have no golongan/ruang
    rank_since = fields.DateField(null=True)  # TMT pangkat
    education = fields.CharEnumField(Education, max_length=16)
    education_major = fields.CharField(max_length=200, default="")
    position: fields.ForeignKeyNullableRelation[Position] = fields.ForeignKeyField(
        "models.Position", related_name="holders", null=True, on_delete=fields.RESTRICT
    )
    position_id: int | None
    position_since = fields.DateField(null=True)  # TMT jabatan
    org_unit: fields.ForeignKeyRelation[OrgUnit] = fields.ForeignKeyField(
        "models.OrgUnit", related_name="employees", on_delete=fields.RESTRICT
    )
    org_unit_id: int
    status = fields.CharEnumField(EmployeeStatus, max_length=16, default=EmployeeStatus.ACTIVE)
    email = fields.CharField(max_length=200, default="")

    class Meta:
        table = "employee"
        indexes = (("agency_id", "name"), ("agency_id", "rank"), ("agency_id", "org_unit_id"))


class RankHistory(Model):
    """Riwayat pangkat: one row a rank held, open-ended while current."""

    id = fields.IntField(primary_key=True)
    agency: fields.ForeignKeyRelation[Agency] = agency_fk()
    agency_id: int
    employee: fields.ForeignKeyRelation[Employee] = fields.ForeignKeyField(
        "models.Employee", related_name="rank_history", on_delete=fields.CASCADE
    )
    employee_id: int
    rank = fields.IntEnumField(Rank)
    since = fields.DateField()
    until = fields.DateField(null=True)
    decree_number = fields.CharField(max_length=100, default="")  # nomor SK
    career_request_id = fields.IntField(null=True)

    class Meta:
        table = "rank_history"
        indexes = (("employee_id", "since"),)


class PositionHistory(Model):
    """Riwayat jabatan: one row a posting held."""

    id = fields.IntField(primary_key=True)
    agency: fields.ForeignKeyRelation[Agency] = agency_fk()
    agency_id: int
    employee: fields.ForeignKeyRelation[Employee] = fields.ForeignKeyField(
        "models.Employee", related_name="position_history", on_delete=fields.CASCADE
    )
    employee_id: int
    position: fields.ForeignKeyRelation[Position] = fields.ForeignKeyField(
        "models.Position", related_name="history", on_delete=fields.RESTRICT
    )
    position_id: int
    org_unit: fields.ForeignKeyRelation[OrgUnit] = fields.ForeignKeyField(
        "models.OrgUnit", related_name="position_history", on_delete=fields.RESTRICT
    )
    org_unit_id: int
    since = fields.DateField()
    until = fields.DateField(null=True)
    decree_number = fields.CharField(max_length=100, default="")
    career_request_id = fields.IntField(null=True)

    class Meta:
        table = "position_history"
        indexes = (("employee_id", "since"),)


class DisciplinaryPenalty(Model):
    """Hukuman disiplin, active while today lies within [starts_on, ends_on]."""

    id = fields.IntField(primary_key=True)
    agency: fields.ForeignKeyRelation[Agency] = agency_fk()
    agency_id: int
    employee: fields.ForeignKeyRelation[Employee] = fields.ForeignKeyField(
        "models.Employee", related_name="penalties", on_delete=fields.CASCADE
    )
    employee_id: int
    level = fields.CharEnumField(PenaltyLevel, max_length=16)
    starts_on = fields.DateField()
    ends_on = fields.DateField(null=True)
    decree_number = fields.CharField(max_length=100, default="")
    description = fields.TextField(default="")

    class Meta:
        table = "disciplinary_penalty"
        indexes = (("employee_id", "starts_on"),)
