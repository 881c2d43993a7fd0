"""Assessment results from the national system's export, keyed by NIP, competency, date, method."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from tortoise.backends.base.client import BaseDBAsyncClient

from portal.clock import clock
from portal.models import Assessment, Competency, Employee
from portal.viewer import Viewer
from workflows import audit
from workflows.errors import ValidationFailed
from workflows.importer._rows import Row, RowInvalid
from workflows.merit.assessments import AssessmentInput, validate_assessment
from workflows.merit.lookups import actor_name
from workflows.messages import Text, text_of

REQUIRED = ("NIP_BARU", "KODE_KOMPETENSI", "LEVEL", "METODE", "TANGGAL_PENILAIAN")


@dataclass(frozen=True)
class AssessmentRow:
    employee_id: int
    nip: str
    competency_id: int
    competency_code: str
    level: int
    method: str
    assessed_on: date
    valid_until: date | None
    assessor: str
    notes: str


def key_of(row: Row) -> str:
    return "/".join(
        row.get(c) for c in ("NIP_BARU", "KODE_KOMPETENSI", "TANGGAL_PENILAIAN", "METODE")
    )


async def lookups(agency_id: int, rows: list[Row]) -> dict[str, Any]:
    nips = [r.get("NIP_BARU") for r in rows]
    return {
        "employees": dict(
            await Employee.filter(agency_id=agency_id, nip__in=nips).values_list("nip", "id")
        ),
        "competencies": dict(
            await Competency.filter(agency_id=agency_id).values_list("code", "id")
        ),
    }


def parse(row: Row, known: dict[str, Any]) -> AssessmentRow:
    nip = row.required("NIP_BARU")
    if nip not in known["employees"]:
        raise RowInvalid("import.row.unknown_nip", nip=nip)
    code = row.required("KODE_KOMPETENSI")
    if code not in known["competencies"]:
        raise RowInvalid("import.row.unknown_competency", code=code)
    data = AssessmentInput(
        employee_id=known["employees"][nip],
        competency_code=code,
        level=row.integer("LEVEL"),
        method=row.required("METODE"),
        assessed_on=row.required_date("TANGGAL_PENILAIAN"),
        valid_until=row.date("BERLAKU_SAMPAI", optional=True),
        assessor=row.get("ASESOR"),
        notes=row.get("CATATAN"),
    )
    try:
        validate_assessment(data, today=clock.today())
    except ValidationFailed as exc:
        raise RowInvalid(text_of(exc) or Text("import.row.invalid")) from None
    return AssessmentRow(
        employee_id=data.employee_id,
        nip=nip,
        competency_id=known["competencies"][code],
        competency_code=code,
        level=data.level,
        method=data.method,
        assessed_on=data.assessed_on,
        valid_until=data.valid_until,
        assessor=data.assessor,
        notes=data.notes,
    )


async def write(conn: BaseDBAsyncClient, actor: Viewer, record: AssessmentRow) -> str:
    values = {
        "level": record.level,
        "valid_until": record.valid_until,
        "assessor": record.assessor,
        "notes": record.notes,
    }
    existing = (
        await Assessment.filter(
            employee_id=record.employee_id,
            competency_id=record.competency_id,
            assessed_on=record.assessed_on,
            method=record.method,
        )
        .using_db(conn)
        .first()
    )
    if existing is None:
        existing = await Assessment.create(
            using_db=conn,
            agency_id=actor.agency_id,
            employee_id=record.employee_id,
            competency_id=record.competency_id,
            assessed_on=record.assessed_on,
            method=record.method,
            **values,
        )
        before = None
        outcome = "created"
    else:
        old = {k: getattr(existing, k) for k in values}
        changed = {k: v for k, v in values.items() if old[k] != v}
        if not changed:
            return "unchanged"
        existing.update_from_dict(changed)
        await existing.save(using_db=conn)
        before = {k: old[k] for k in changed}
        outcome = "updated"
    await audit.append(
        conn,
        agency_id=actor.agency_id,
        actor=actor_name(actor),
        action=f"assessment.import.{'create' if before is None else 'update'}",
        subject_type="employee",
        subject_id=record.employee_id,
        before=before,
        after={
            "assessment_id": existing.id,
            "competency": record.competency_code,
            "assessed_on": record.assessed_on,
            "method": record.method,
            **values,
        },
    )
    return outcome
