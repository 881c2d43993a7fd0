"""Read-only facts of an employee's record: histories, credit points, scheduled changes, BUP.

Each entry carries a global ID, which the correction mutations take as ``entryId``.
"""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal
from typing import Any

import strawberry
from strawberry.scalars import JSON

from portal import models
from portal.vocabulary import PositionKind
from portal.vocabulary import Rank as RankEnum
from schema.context import Info
from schema.enums import Education
from schema.organisation.types import OrgUnit, Position, load_org_unit, load_position
from schema.relay import to_global_id
from workflows.personnel.retirement import retirement_age, retirement_date


def _gid(kind: str, pk: int) -> strawberry.ID:
    return strawberry.ID(to_global_id(kind, pk))


@strawberry.type(description="A diploma on the record (riwayat pendidikan).")
class EducationEntry:
    id: strawberry.ID
    level: Education
    major: str
    institution: str
    graduated_on: date
    diploma_number: str = strawberry.field(description="Nomor ijazah.")
    document_sha256: str | None = strawberry.field(description="The scanned diploma, if stored.")


@strawberry.type(description="A rank held (riwayat pangkat); open-ended while current.")
class RankEntry:
    id: strawberry.ID
    code: str = strawberry.field(description="Golongan/ruang, e.g. III/b")
    name: str = strawberry.field(description="Pangkat, e.g. Penata Muda Tingkat I")
    since: date = strawberry.field(description="TMT pangkat")
    until: date | None
    decree_number: str


@strawberry.type(description="A posting held (riwayat jabatan); open-ended while current.")
class PostingEntry:
    id: strawberry.ID
    since: date = strawberry.field(description="TMT jabatan")
    until: date | None
    decree_number: str
    position_pk: strawberry.Private[int]
    org_unit_pk: strawberry.Private[int | None]

    @strawberry.field
    async def position(self, info: Info) -> Position | None:
        return await load_position(info, self.position_pk)

    @strawberry.field(description="The unit the posting was in.")
    async def org_unit(self, info: Info) -> OrgUnit | None:
        return None if self.org_unit_pk is None else await load_org_unit(info, self.org_unit_pk)


@strawberry.type(description="Angka kredit of one year (PermenPANRB 1/2023).")
class CreditPoints:
    year: int
    points: Decimal
    basis: str = strawberry.field(description="predikat (yearly conversion), initial, correction")
    decree_number: str


@strawberry.type(description="An approved change that takes effect on its date (TMT).")
class ScheduledChange:
    id: strawberry.ID
    kind: str = strawberry.field(description="RANK, POSITION or STATUS")
    effective_on: date
    change_value: strawberry.Private[dict[str, Any]]
    decree_number: str
    applied_at: datetime | None
    cancelled_at: datetime | None

    @strawberry.field(description='What changes, e.g. {"status": "LEAVE", "reason": "..."}.')
    def change(self) -> JSON:
        value: Any = self.change_value
        return value


@strawberry.type(description="Batas usia pensiun (PP 11/2017 Pasal 239 jo PP 17/2020).")
class Retirement:
    age: int = strawberry.field(description="The BUP of the current position, in years.")
    on: date = strawberry.field(description="The first day of the month after the birthday.")


async def _rows_of(info: Info, model: Any, employee_id: int, *order_by: str) -> list[Any]:
    """The employee's rows of ``model`` in order: one batched load for a whole page."""
    loader = info.context.loaders.by_parent(model, "employee_id", order_by=order_by)
    return list(await loader.load(employee_id))


async def education_history(info: Info, employee_id: int) -> list[EducationEntry]:
    rows = await _rows_of(info, models.EducationRecord, employee_id, "graduated_on", "id")
    return [
        EducationEntry(
            id=_gid("EducationRecord", r.id),
            level=r.level,
            major=r.major,
            institution=r.institution,
            graduated_on=r.graduated_on,
            diploma_number=r.diploma_number,
            document_sha256=r.document_sha256,
        )
        for r in rows
    ]


async def rank_history(info: Info, employee_id: int) -> list[RankEntry]:
    rows = await _rows_of(info, models.RankHistory, employee_id, "since", "id")
    return [
        RankEntry(
            id=_gid("RankHistory", r.id),
            code=RankEnum(r.rank).code,
            name=RankEnum(r.rank).title,
            since=r.since,
            until=r.until,
            decree_number=r.decree_number,
        )
        for r in rows
    ]


async def position_history(info: Info, employee_id: int) -> list[PostingEntry]:
    rows = await _rows_of(info, models.PositionHistory, employee_id, "since", "id")
    return [
        PostingEntry(
            id=_gid("PositionHistory", r.id),
            since=r.since,
            until=r.until,
            decree_number=r.decree_number,
            position_pk=r.position_id,
            org_unit_pk=r.org_unit_id,
        )
        for r in rows
    ]


async def credit_points(info: Info, employee_id: int) -> list[CreditPoints]:
    rows = await _rows_of(info, models.CreditPointEntry, employee_id, "year", "id")
    return [
        CreditPoints(year=r.year, points=r.points, basis=r.basis, decree_number=r.decree_number)
        for r in rows
    ]


async def scheduled_changes(info: Info, employee_id: int) -> list[ScheduledChange]:
    rows = await _rows_of(info, models.ScheduledChange, employee_id, "effective_on", "id")
    return [
        ScheduledChange(
            id=_gid("ScheduledChange", r.id),
            kind=r.kind,
            effective_on=r.effective_on,
            change_value=r.change,
            decree_number=r.decree_number,
            applied_at=r.applied_at,
            cancelled_at=r.cancelled_at,
        )
        for r in rows
    ]


async def retirement(info: Info, employee: models.Employee) -> Retirement:
    position_id: int | None = employee.position_id
    position = None
    if position_id is not None:
        position = await info.context.loaders.by_id(models.Position).load(position_id)
    kind = PositionKind(position.kind) if position is not None else None
    age = retirement_age(kind, position.functional_level if position is not None else None)
    return Retirement(age=age, on=retirement_date(employee.birth_date, age))
