"""Inputs of the record mutations; IDs are global IDs, ranks are written as ``III/b``."""

from __future__ import annotations

from datetime import date

import strawberry

from portal.vocabulary import Rank
from schema.enums import (
    Education,
    EmployeeStatus,
    EmployeeType,
    Gender,
    OrgUnitKind,
    PenaltyLevel,
    PositionKind,
    Role,
)
from schema.relay import pk_of
from workflows.messages import invalid


def rank_of(code: str | None, field: str = "rank") -> Rank | None:
    """``III/b`` to the rank; a clear refusal naming the field when unknown."""
    if code is None:
        return None
    try:
        return Rank.from_code(code)
    except ValueError:
        raise invalid("records.invalid.rank", field=field) from None


def optional_pk(global_id: strawberry.ID | None, type_name: str, field: str) -> int | None:
    return pk_of(global_id, type_name, field) if global_id is not None else None


@strawberry.input(description="A new employee (pegawai) as HR enters it.")
class CreateEmployeeInput:
    nip: str = strawberry.field(description="18 digits; must match birth date, TMT CPNS, gender.")
    name: str
    gender: Gender
    birth_date: date
    cpns_date: date = strawberry.field(description="TMT CPNS (for PPPK: contract start).")
    employee_type: EmployeeType
    education: Education
    org_unit_id: strawberry.ID
    pns_date: date | None = strawberry.field(default=None, description="TMT PNS; PNS only.")
    rank: str | None = strawberry.field(default=None, description="e.g. III/a; none for PPPK.")
    rank_since: date | None = None
    position_id: strawberry.ID | None = None
    position_since: date | None = None
    education_major: str = ""
    email: str = ""


@strawberry.input(description="A correction of personal data: only the fields given change.")
class CorrectEmployeeInput:
    employee_id: strawberry.ID
    nip: str | None = None
    name: str | None = None
    gender: Gender | None = None
    birth_date: date | None = None
    cpns_date: date | None = None
    pns_date: date | None = None
    clear_pns_date: bool = strawberry.field(default=False, description="Remove the TMT PNS.")
    employee_type: EmployeeType | None = strawberry.field(
        default=None, description="E.g. PNS once a CPNS is appointed (give pnsDate)."
    )
    education_major: str | None = None
    email: str | None = None


@strawberry.input(description="Add (no entryId), correct or remove a diploma.")
class RecordEducationInput:
    employee_id: strawberry.ID
    entry_id: strawberry.ID | None = None
    remove: bool = False
    level: Education | None = None
    institution: str | None = None
    graduated_on: date | None = None
    diploma_number: str | None = strawberry.field(default=None, description="Nomor ijazah.")
    major: str = ""
    document_sha256: str | None = strawberry.field(
        default=None, description="SHA-256 of the scanned diploma in the document store."
    )


@strawberry.input(description="Add (no entryId), correct or remove a rank of the history.")
class CorrectRankHistoryInput:
    employee_id: strawberry.ID
    entry_id: strawberry.ID | None = None
    remove: bool = False
    rank: str | None = strawberry.field(default=None, description="e.g. III/b")
    since: date | None = strawberry.field(default=None, description="TMT pangkat")
    decree_number: str = ""


@strawberry.input(description="Add (no entryId), correct or remove a posting of the history.")
class CorrectPositionHistoryInput:
    employee_id: strawberry.ID
    entry_id: strawberry.ID | None = None
    remove: bool = False
    position_id: strawberry.ID | None = None
    since: date | None = strawberry.field(default=None, description="TMT jabatan")
    decree_number: str = ""


@strawberry.input(description="Leave, suspension, retirement, dismissal, return to duty.")
class ChangeEmployeeStatusInput:
    employee_id: strawberry.ID
    status: EmployeeStatus
    effective_on: date = strawberry.field(description="A future date schedules the change.")
    reason: str
    decree_number: str = ""


@strawberry.input(description="A hukuman disiplin (PP 94/2021); with penaltyId, a correction.")
class RecordDisciplinaryPenaltyInput:
    employee_id: strawberry.ID
    level: PenaltyLevel
    starts_on: date
    decree_number: str
    ends_on: date | None = None
    description: str = ""
    penalty_id: strawberry.ID | None = None


@strawberry.input
class CreateOrgUnitInput:
    code: str
    name: str
    kind: OrgUnitKind
    parent_id: strawberry.ID | None = None


@strawberry.input
class RenameOrgUnitInput:
    org_unit_id: strawberry.ID
    name: str


@strawberry.input(description="Move a unit with its subtree; parentId null makes it a root.")
class MoveOrgUnitInput:
    org_unit_id: strawberry.ID
    parent_id: strawberry.ID | None = None


@strawberry.input
class CreatePositionInput:
    code: str
    title: str
    kind: PositionKind
    org_unit_id: strawberry.ID
    position_class: int = strawberry.field(description="Kelas jabatan 1-17.")
    min_education: Education
    min_rank: str = strawberry.field(description="e.g. III/a")
    min_years_experience: int = 0
    capacity: int = strawberry.field(default=1, description="Formasi.")
    parent_id: strawberry.ID | None = None
    functional_level: str | None = strawberry.field(
        default=None, description="Functional positions only, e.g. Ahli Muda."
    )


@strawberry.input
class SetPositionRequirementsInput:
    position_id: strawberry.ID
    min_education: Education
    min_rank: str
    min_years_experience: int = 0
    capacity: int = 1
    position_class: int | None = None


@strawberry.input
class ClosePositionInput:
    position_id: strawberry.ID
    closed_on: date
    reason: str


@strawberry.input(description="A login for an employee (or a service account without one).")
class CreateUserAccountInput:
    username: str
    roles: list[Role]
    employee_id: strawberry.ID | None = None


@strawberry.input
class SetUserRolesInput:
    user_id: strawberry.ID
    roles: list[Role]


@strawberry.input
class SetUserActiveInput:
    user_id: strawberry.ID
    active: bool


@strawberry.input
class ResetUserPasswordInput:
    user_id: strawberry.ID
