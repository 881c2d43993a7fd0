"""GraphQL types of employees, separate from the ORM models."""

from __future__ import annotations

import asyncio
from collections.abc import Sequence
from datetime import date
from typing import TYPE_CHECKING, Annotated

import strawberry

from portal import models
from portal.vocabulary import Rank as RankEnum
from schema.context import Info
from schema.employees.profile import CompetencyProfile, build_profile
from schema.enums import (
    Education,
    EmployeeStatus,
    EmployeeType,
    EvaluationPeriod,
    Gender,
    PenaltyLevel,
    Predikat,
    Rating,
)
from schema.organisation.types import OrgUnit, Position, load_org_unit, load_position
from schema.permissions import (
    can_see_employee,
    can_see_sensitive,
    request_applicants_visible,
    sees_whole_agency,
)
from schema.personnel import records
from schema.relay import Node, node_resolver, to_global_id

if TYPE_CHECKING:
    from schema.requests.types import CareerRequest

CareerRequestRef = Annotated["CareerRequest", strawberry.lazy("schema.requests.types")]


@strawberry.type(description="Golongan/ruang and its start date (TMT).")
class Rank:
    code: str = strawberry.field(description="e.g. III/b")
    name: str = strawberry.field(description="Pangkat, e.g. Penata Muda Tingkat I")
    since: date | None = strawberry.field(description="TMT pangkat")

    @classmethod
    def from_employee(cls, employee: models.Employee) -> Rank | None:
        return cls.of(employee.rank, employee.rank_since)

    @classmethod
    def of(cls, value: int | None, since: date | None) -> Rank | None:
        if value is None:
            return None
        rank = RankEnum(value)
        return cls(code=rank.code, name=rank.title, since=since)


@strawberry.type(description="A hukuman disiplin on the record (sensitive).")
class DisciplinaryPenalty:
    pk: strawberry.Private[int]
    level: PenaltyLevel
    starts_on: date
    ends_on: date | None
    decree_number: str
    description: str

    @strawberry.field(
        description="Pass it to recordDisciplinaryPenalty as penaltyId to correct it."
    )
    def id(self) -> strawberry.ID:
        return strawberry.ID(to_global_id("DisciplinaryPenalty", self.pk))


@strawberry.type(description="A periodic or annual performance evaluation (sensitive).")
class EmployeeEvaluation:
    year: int
    period: EvaluationPeriod
    work_result: Rating
    behaviour: Rating
    predikat: Predikat


@strawberry.type(description="A civil servant (pegawai ASN).")
class Employee(Node):
    nip: str
    name: str
    gender: Gender
    employee_type: EmployeeType
    status: EmployeeStatus
    education: Education
    rank: Rank | None
    position_since: date | None = strawberry.field(description="TMT jabatan")
    row: strawberry.Private[models.Employee]

    @strawberry.field
    async def position(self, info: Info) -> Position | None:
        return await load_position(info, self.row.position_id)

    @strawberry.field
    async def org_unit(self, info: Info) -> OrgUnit | None:
        return await load_org_unit(info, self.row.org_unit_id)

    @strawberry.field(description="The direct supervisor (atasan langsung).")
    async def supervisor(self, info: Info) -> Employee | None:
        supervisor_id = await info.context.loaders.supervisor_ids().load(self.pk)
        if supervisor_id is None or not await can_see_employee(info, supervisor_id):
            return None
        return await load_employee(info, supervisor_id)

    @strawberry.field(description="Sensitive: the person, their supervisor chain and HR.")
    async def birth_date(self, info: Info) -> date | None:
        return self.row.birth_date if await can_see_sensitive(info, self.pk) else None

    @strawberry.field(description="TMT CPNS: the first appointment (the NIP's digits 9-14).")
    def cpns_date(self) -> date:
        return self.row.appointment_date

    @strawberry.field(description="TMT PNS: appointment as PNS; null for CPNS and PPPK.")
    def pns_date(self) -> date | None:
        return self.row.pns_date

    @strawberry.field(description="Riwayat pendidikan: diplomas, oldest first.")
    async def education_history(self, info: Info) -> list[records.EducationEntry]:
        return await records.education_history(info, self.pk)

    @strawberry.field(description="Riwayat pangkat, oldest first.")
    async def rank_history(self, info: Info) -> list[records.RankEntry]:
        return await records.rank_history(info, self.pk)

    @strawberry.field(description="Riwayat jabatan, oldest first.")
    async def position_history(self, info: Info) -> list[records.PostingEntry]:
        return await records.position_history(info, self.pk)

    @strawberry.field(description="Sensitive: angka kredit by year (functional officers).")
    async def credit_points(self, info: Info) -> list[records.CreditPoints] | None:
        if not await can_see_sensitive(info, self.pk):
            return None
        return await records.credit_points(info, self.pk)

    @strawberry.field(
        description="Sensitive: approved changes with a future date, and applied ones."
    )
    async def scheduled_changes(self, info: Info) -> list[records.ScheduledChange] | None:
        if not await can_see_sensitive(info, self.pk):
            return None
        return await records.scheduled_changes(info, self.pk)

    @strawberry.field(
        description="Sensitive: retirement age (BUP) and date of the current position."
    )
    async def retirement(self, info: Info) -> records.Retirement | None:
        if not await can_see_sensitive(info, self.pk):
            return None
        return await records.retirement(info, self.row)

    @strawberry.field(description="Sensitive: disciplinary penalties, newest first.")
    async def disciplinary_record(self, info: Info) -> list[DisciplinaryPenalty] | None:
        if not await can_see_sensitive(info, self.pk):
            return None
        loader = info.context.loaders.by_parent(
            models.DisciplinaryPenalty, "employee_id", order_by=("-starts_on", "id")
        )
        return [
            DisciplinaryPenalty(
                pk=p.id,
                level=p.level,
                starts_on=p.starts_on,
                ends_on=p.ends_on,
                decree_number=p.decree_number,
                description=p.description,
            )
            for p in await loader.load(self.pk)
        ]

    @strawberry.field(description="Sensitive: assessed competencies against the position.")
    async def competency_profile(self, info: Info) -> CompetencyProfile | None:
        if not await can_see_sensitive(info, self.pk):
            return None
        return await build_profile(info, self.row)

    @strawberry.field(description="Sensitive: performance evaluations, newest first.")
    async def evaluations(self, info: Info) -> list[EmployeeEvaluation] | None:
        if not await can_see_sensitive(info, self.pk):
            return None
        loader = info.context.loaders.by_parent(
            models.PerformanceEvaluation, "employee_id", order_by=("-year", "period", "id")
        )
        return [
            EmployeeEvaluation(
                year=e.year,
                period=e.period,
                work_result=e.work_result,
                behaviour=e.behaviour,
                predikat=e.predikat,
            )
            for e in await loader.load(self.pk)
        ]

    @strawberry.field(description="Career requests of this employee the viewer may see.")
    async def career_requests(self, info: Info) -> list[CareerRequestRef]:
        from schema.requests.types import CareerRequest

        applicants = await request_applicants_visible(info)
        if applicants is not None and self.pk not in applicants:
            return []
        loader = info.context.loaders.by_parent(
            models.CareerRequest, "applicant_id", order_by=("-id",)
        )
        return [CareerRequest.from_model(r) for r in await loader.load(self.pk)]

    @classmethod
    def from_model(cls, row: models.Employee) -> Employee:
        return cls(
            pk=row.id,
            nip=row.nip,
            name=row.name,
            gender=row.gender,
            employee_type=row.employee_type,
            status=row.status,
            education=row.education,
            rank=Rank.from_employee(row),
            position_since=row.position_since,
            row=row,
        )


async def load_employee(info: Info, pk: int | None) -> Employee | None:
    """The employee if it exists in the viewer's agency (visibility is the caller's check)."""
    if pk is None:
        return None
    row = await info.context.loaders.by_id(models.Employee).load(pk)
    return Employee.from_model(row) if row else None


@node_resolver("Employee")
async def _employee_nodes(info: Info, pks: Sequence[int]) -> list[Employee | None]:
    viewer = info.context.viewer
    if viewer is None:
        return [None for _ in pks]
    found = await asyncio.gather(*(load_employee(info, pk) for pk in pks))
    if sees_whole_agency(viewer):
        return list(found)
    return [e if e is not None and await can_see_employee(info, e.pk) else None for e in found]


@strawberry.type(description="Who is asking.")
class Viewer:
    username: str
    roles: list[str]
    agency: str
    scopes: list[str] = strawberry.field(description="Scopes of an API token; empty for users.")
    employee: Employee | None
