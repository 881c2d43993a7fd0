"""Employees from the national system's export, keyed by NIP: created or updated."""

from __future__ import annotations

from dataclasses import asdict, dataclass
from datetime import date
from typing import Any

from tortoise.backends.base.client import BaseDBAsyncClient

from portal.models import Employee, OrgUnit, Position, PositionHistory, RankHistory
from portal.viewer import Viewer
from portal.vocabulary import Education, EmployeeStatus, EmployeeType, Gender, Rank
from workflows import audit
from workflows.errors import ValidationFailed
from workflows.importer._cells import is_email
from workflows.importer._rows import Row, RowInvalid
from workflows.merit.lookups import actor_name
from workflows.messages import Text, text_of
from workflows.nip import validate_nip

REQUIRED = (
    "NIP_BARU",
    "NAMA",
    "JENIS_KELAMIN",
    "TANGGAL_LAHIR",
    "TMT_CPNS",
    "JENIS_PEGAWAI",
    "PENDIDIKAN",
    "KODE_UNOR",
)
_GENDER = {"L": Gender.MALE, "1": Gender.MALE, "P": Gender.FEMALE, "2": Gender.FEMALE}
_STATUS = {"AKTIF": EmployeeStatus.ACTIVE, "TUGAS_BELAJAR": EmployeeStatus.FURTHER_STUDY}


@dataclass(frozen=True)
class EmployeeRow:
    nip: str
    name: str
    gender: Gender
    birth_date: date
    appointment_date: date
    employee_type: EmployeeType
    education: Education
    education_major: str
    org_unit_id: int
    rank: Rank | None
    rank_since: date | None
    position_id: int | None
    position_since: date | None
    status: EmployeeStatus
    email: str


def key_of(row: Row) -> str:
    return row.get("NIP_BARU")


async def lookups(agency_id: int, rows: list[Row]) -> dict[str, Any]:
    """Everything validation needs, fetched once for the whole file."""
    nips = [key_of(r) for r in rows]
    return {
        "units": dict(await OrgUnit.filter(agency_id=agency_id).values_list("code", "id")),
        "positions": dict(await Position.filter(agency_id=agency_id).values_list("code", "id")),
        "elsewhere": set(
            await Employee.filter(nip__in=nips)
            .exclude(agency_id=agency_id)
            .values_list("nip", flat=True)
        ),
    }


def _email(row: Row) -> str:
    value = row.get("EMAIL")
    if value and not is_email(value):
        raise RowInvalid("import.row.email", value=value)
    return value


def parse(row: Row, known: dict[str, Any]) -> EmployeeRow:
    """One row to a checked record; RowInvalid says what is wrong."""
    nip = row.required("NIP_BARU")
    gender = row.choice("JENIS_KELAMIN", Gender, _GENDER)
    birth = row.required_date("TANGGAL_LAHIR")
    appointed = row.required_date("TMT_CPNS")
    try:
        validate_nip(nip, birth_date=birth, appointment_date=appointed, gender=gender)
    except ValidationFailed as exc:
        raise RowInvalid(text_of(exc) or Text("import.row.invalid")) from None
    if nip in known["elsewhere"]:
        raise RowInvalid("import.row.nip_elsewhere", nip=nip)
    kind = row.choice("JENIS_PEGAWAI", EmployeeType)
    rank_code = row.get("GOL_AKHIR")
    try:
        rank = Rank.from_code(rank_code) if rank_code else None
    except ValueError:
        raise RowInvalid("import.row.rank", column="GOL_AKHIR", value=rank_code) from None
    rank_since = row.date("TMT_GOLONGAN", optional=True)
    if kind != EmployeeType.PPPK and rank is None:
        raise RowInvalid("import.row.rank_required")
    if (rank is None) != (rank_since is None):
        raise RowInvalid("import.row.rank_pair")
    unit_code = row.required("KODE_UNOR")
    if unit_code not in known["units"]:
        raise RowInvalid("import.row.unknown_unit", code=unit_code)
    position_code = row.get("KODE_JABATAN")
    position_since = row.date("TMT_JABATAN", optional=True)
    if position_code and position_code not in known["positions"]:
        raise RowInvalid("import.row.unknown_position", code=position_code)
    if bool(position_code) != (position_since is not None):
        raise RowInvalid("import.row.position_pair")
    status = row.choice("STATUS", EmployeeStatus, _STATUS) if row.get("STATUS") else None
    return EmployeeRow(
        nip=nip,
        name=row.required("NAMA"),
        gender=gender,
        birth_date=birth,
        appointment_date=appointed.replace(day=1),
        employee_type=kind,
        education=row.choice("PENDIDIKAN", Education),
        education_major=row.get("JURUSAN"),
        org_unit_id=known["units"][unit_code],
        rank=rank,
        rank_since=rank_since,
        position_id=known["positions"].get(position_code) if position_code else None,
        position_since=position_since,
        status=status or EmployeeStatus.ACTIVE,
        email=_email(row),
    )


def _fields(record: EmployeeRow) -> dict[str, Any]:
    return {k: v for k, v in asdict(record).items() if k != "nip"}


def _current(employee: Employee) -> dict[str, Any]:
    return {
        "name": employee.name,
        "gender": Gender(employee.gender),
        "birth_date": employee.birth_date,
        "appointment_date": employee.appointment_date,
        "employee_type": EmployeeType(employee.employee_type),
        "education": Education(employee.education),
        "education_major": employee.education_major,
        "org_unit_id": employee.org_unit_id,
        "rank": Rank(employee.rank) if employee.rank is not None else None,
        "rank_since": employee.rank_since,
        "position_id": employee.position_id,
        "position_since": employee.position_since,
        "status": EmployeeStatus(employee.status),
        "email": employee.email,
    }


async def write(conn: BaseDBAsyncClient, actor: Viewer, record: EmployeeRow) -> str:
    """Create or update one employee with its rank and position history; audited."""
    employee = await Employee.filter(nip=record.nip).using_db(conn).first()
    new = _fields(record)
    if employee is None:
        employee = await Employee.create(
            using_db=conn, agency_id=actor.agency_id, nip=record.nip, **new
        )
        await _history(conn, actor, employee, record, rank_changed=True, position_changed=True)
        await _audit(conn, actor, employee, "employee.import.create", None, new)
        return "created"
    old = _current(employee)
    changed = {k: v for k, v in new.items() if old[k] != v}
    if not changed:
        return "unchanged"
    employee.update_from_dict(changed)
    await employee.save(using_db=conn)
    await _history(
        conn,
        actor,
        employee,
        record,
        rank_changed=bool({"rank", "rank_since"} & set(changed)),
        position_changed=bool({"position_id", "position_since"} & set(changed)),
    )
    before = {k: old[k] for k in changed}
    await _audit(conn, actor, employee, "employee.import.update", before, changed)
    return "updated"


async def _history(
    conn: BaseDBAsyncClient,
    actor: Viewer,
    employee: Employee,
    record: EmployeeRow,
    *,
    rank_changed: bool,
    position_changed: bool,
) -> None:
    """Close the open rank / posting and open the imported one."""
    if rank_changed and record.rank is not None and record.rank_since is not None:
        await (
            RankHistory.filter(employee_id=employee.id, until=None)
            .using_db(conn)
            .update(until=record.rank_since)
        )
        await RankHistory.create(
            using_db=conn,
            agency_id=actor.agency_id,
            employee_id=employee.id,
            rank=record.rank,
            since=record.rank_since,
        )
    if position_changed and record.position_id is not None and record.position_since:
        await (
            PositionHistory.filter(employee_id=employee.id, until=None)
            .using_db(conn)
            .update(until=record.position_since)
        )
        await PositionHistory.create(
            using_db=conn,
            agency_id=actor.agency_id,
            employee_id=employee.id,
            position_id=record.position_id,
            org_unit_id=record.org_unit_id,
            since=record.position_since,
        )


async def _audit(
    conn: BaseDBAsyncClient,
    actor: Viewer,
    employee: Employee,
    action: str,
    before: dict[str, Any] | None,
    after: dict[str, Any],
) -> None:
    await audit.append(
        conn,
        agency_id=actor.agency_id,
        actor=actor_name(actor),
        action=action,
        subject_type="employee",
        subject_id=employee.id,
        before=before,
        after={"nip": employee.nip, **after},
    )
