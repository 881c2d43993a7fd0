"""GraphQL types of employees, separate from the ORM models."""

from __future__ import annotations

from datetime import date

import strawberry

from portal import models
from portal.vocabulary import Rank as RankEnum


@strawberry.type(description="Golongan/ruang and its start date (TMT).")
class Rank:
    code: str = strawberry.field(description="e.g. III/b")
    name: str = strawberry.field(description="Pangkat, e.g. Penata Muda Tingkat I")
    since: date | None = strawberry.field(description="TMT pangkat")

    @classmethod
    def from_employee(cls, employee: models.Employee) -> Rank | None:
        if employee.rank is None:
            return None
        rank = RankEnum(employee.rank)
        return cls(code=rank.code, name=rank.title, since=employee.rank_since)


@strawberry.type(description="A civil servant (pegawai ASN).")
class Employee:
    id: strawberry.ID
    nip: str
    name: str
    rank: Rank | None

    @classmethod
    def from_model(cls, employee: models.Employee) -> Employee:
        return cls(
            id=strawberry.ID(str(employee.id)),
            nip=employee.nip,
            name=employee.name,
            rank=Rank.from_employee(employee),
        )


@strawberry.type(description="Who is asking.")
class Viewer:
    username: str
    roles: list[str]
    agency: str
    employee: Employee | None
