"""Corrections of an employee's histories: education, rank (riwayat pangkat), postings (jabatan).

A correction adds, changes or removes one entry; the current rank, posting and education on the
employee's record are then derived again from the history, so the two never disagree.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from tortoise.backends.base.client import BaseDBAsyncClient
from tortoise.transactions import in_transaction

from portal.clock import clock
from portal.models import EducationRecord, Employee, PositionHistory, RankHistory
from portal.viewer import Viewer
from portal.vocabulary import Education, EmployeeType, Rank
from workflows import audit
from workflows.messages import invalid, missing
from workflows.personnel.access import (
    actor_name,
    check_date,
    check_text,
    employee_of,
    position_of,
    require_keeper,
)

SHA256_HEX = frozenset("0123456789abcdef")


@dataclass(frozen=True)
class EducationInput:
    level: Education
    institution: str
    graduated_on: date
    diploma_number: str  # nomor ijazah
    major: str = ""
    document_sha256: str | None = None  # the scanned diploma in the document store


@dataclass(frozen=True)
class HistoryEntry:
    """One rank or posting: ``target`` is the rank, or the position's ID."""

    since: date
    target: int
    decree_number: str = ""


def _check_since(employee: Employee, since: date, field: str = "since") -> None:
    check_date(since, field=field)
    if since < employee.appointment_date:
        raise invalid("records.invalid.before_appointment", field=field)
    if since > clock.today():
        raise invalid("records.invalid.future_history", field=field)


async def _entry(model: Any, employee: Employee, entry_id: int | None) -> Any:
    if entry_id is None:
        return None
    row = await model.get_or_none(id=entry_id, employee_id=employee.id)
    if row is None:
        raise missing("records.missing.history_entry", id=entry_id)
    return row


async def record_education(
    *,
    actor: Viewer,
    employee_id: int,
    data: EducationInput | None,
    entry_id: int | None = None,
) -> Employee:
    """Add (no ``entry_id``), correct, or remove (``data`` None) a diploma; the highest counts."""
    require_keeper(actor)
    employee = await employee_of(actor, employee_id)
    entry = await _entry(EducationRecord, employee, entry_id)
    values: dict[str, Any] = {}
    if data is not None:
        check_date(data.graduated_on, field="graduatedOn")
        if data.graduated_on > clock.today() or data.graduated_on < employee.birth_date:
            raise invalid("records.invalid.graduation_date", field="graduatedOn")
        sha = data.document_sha256
        if sha is not None and (len(sha) != 64 or not set(sha) <= SHA256_HEX):
            raise invalid("records.invalid.sha256", field="documentSha256")
        values = {
            "level": data.level,
            "institution": check_text(data.institution, field="institution", limit=200),
            "graduated_on": data.graduated_on,
            "diploma_number": check_text(data.diploma_number, field="diplomaNumber", limit=100),
            "major": check_text(data.major, field="major", limit=200, required=False),
            "document_sha256": sha,
        }
    elif entry is None:
        raise invalid("records.invalid.required", field="education")
    async with in_transaction() as conn:
        before = _education(entry) if entry else None
        if data is None:
            await EducationRecord.filter(id=entry.id).using_db(conn).delete()
        elif entry is None:
            entry = await EducationRecord.create(
                using_db=conn, agency_id=actor.agency_id, employee_id=employee.id, **values
            )
        else:
            await EducationRecord.filter(id=entry.id).using_db(conn).update(**values)
        await _derive_education(conn, employee)
        await _audit(conn, actor, employee, "employee.education", before, values or None)
    return employee


def _education(entry: EducationRecord) -> dict[str, Any]:
    return {
        "level": entry.level,
        "institution": entry.institution,
        "graduated_on": entry.graduated_on,
        "diploma_number": entry.diploma_number,
        "major": entry.major,
        "document_sha256": entry.document_sha256,
    }


async def _derive_education(conn: BaseDBAsyncClient, employee: Employee) -> None:
    rows = await EducationRecord.filter(employee_id=employee.id).using_db(conn)
    if not rows:
        return  # the level entered with the record stays until a diploma is recorded
    best = max(rows, key=lambda r: (Education(r.level).order, r.graduated_on))
    values = {"education": Education(best.level), "education_major": best.major}
    await Employee.filter(id=employee.id).using_db(conn).update(**values)
    employee.update_from_dict(values)


async def correct_rank_history(
    *, actor: Viewer, employee_id: int, entry: HistoryEntry | None, entry_id: int | None = None
) -> Employee:
    """Add, correct or remove (``entry`` None) a rank; the latest is the current rank."""
    require_keeper(actor)
    employee = await employee_of(actor, employee_id)
    if EmployeeType(employee.employee_type) == EmployeeType.PPPK:
        raise invalid("records.invalid.pppk_rank", field="rank")
    row = await _entry(RankHistory, employee, entry_id)
    if entry is not None:
        _check_since(employee, entry.since)
        if entry.target not in Rank._value2member_map_:
            raise invalid("records.invalid.rank", field="rank")
    elif row is None:
        raise invalid("records.invalid.required", field="entry")
    async with in_transaction() as conn:
        before = await _ranks(conn, employee)
        if entry is None:
            await RankHistory.filter(id=row.id).using_db(conn).delete()
        else:
            values = {
                "rank": Rank(entry.target),
                "since": entry.since,
                "decree_number": entry.decree_number,
            }
            if row is None:
                await RankHistory.create(
                    using_db=conn, agency_id=actor.agency_id, employee_id=employee.id, **values
                )
            else:
                await RankHistory.filter(id=row.id).using_db(conn).update(**values)
        after = await _ranks(conn, employee)
        if not after:
            raise invalid("records.invalid.rank_required", field="entry")
        if len({r["since"] for r in after}) != len(after):
            raise invalid("records.invalid.same_since", field="since")
        await _chain(conn, RankHistory, employee)
        last = after[-1]
        values = {"rank": last["rank"], "rank_since": last["since"]}
        await Employee.filter(id=employee.id).using_db(conn).update(**values)
        employee.update_from_dict(values)
        await _audit(
            conn, actor, employee, "employee.rank_history", {"ranks": before}, {"ranks": after}
        )
    return employee


async def _ranks(conn: BaseDBAsyncClient, employee: Employee) -> list[dict[str, Any]]:
    return list(
        await RankHistory.filter(employee_id=employee.id)
        .using_db(conn)
        .order_by("since", "id")
        .values("rank", "since", "decree_number")
    )


async def _chain(conn: BaseDBAsyncClient, model: Any, employee: Employee) -> None:
    """Each entry lasts until the next one starts; the latest stays open."""
    rows = await model.filter(employee_id=employee.id).using_db(conn).order_by("since", "id")
    for current, following in zip(rows, [*rows[1:], None], strict=True):
        until = following.since if following is not None else None
        if current.until != until:
            await model.filter(id=current.id).using_db(conn).update(until=until)


async def correct_position_history(
    *, actor: Viewer, employee_id: int, entry: HistoryEntry | None, entry_id: int | None = None
) -> Employee:
    """Add, correct or remove a posting; the latest gives the current position and org unit."""
    require_keeper(actor)
    employee = await employee_of(actor, employee_id)
    row = await _entry(PositionHistory, employee, entry_id)
    position = None
    if entry is not None:
        _check_since(employee, entry.since)
        position = await position_of(actor, entry.target)
    elif row is None:
        raise invalid("records.invalid.required", field="entry")
    async with in_transaction() as conn:
        before = await _postings(conn, employee)
        if position is None or entry is None:
            await PositionHistory.filter(id=row.id).using_db(conn).delete()
        else:
            values = {
                "position_id": position.id,
                "org_unit_id": position.org_unit_id,
                "since": entry.since,
                "decree_number": entry.decree_number,
            }
            if row is None:
                await PositionHistory.create(
                    using_db=conn, agency_id=actor.agency_id, employee_id=employee.id, **values
                )
            else:
                await PositionHistory.filter(id=row.id).using_db(conn).update(**values)
        after = await _postings(conn, employee)
        if len({r["since"] for r in after}) != len(after):
            raise invalid("records.invalid.same_since", field="since")
        await _chain(conn, PositionHistory, employee)
        current: dict[str, Any] = {"position_id": None, "position_since": None}
        if after:
            current = {
                "position_id": after[-1]["position_id"],
                "position_since": after[-1]["since"],
                "org_unit_id": after[-1]["org_unit_id"],
            }
        await Employee.filter(id=employee.id).using_db(conn).update(**current)
        employee.update_from_dict(current)
        await _audit(
            conn,
            actor,
            employee,
            "employee.position_history",
            {"postings": before},
            {"postings": after},
        )
    return employee


async def _postings(conn: BaseDBAsyncClient, employee: Employee) -> list[dict[str, Any]]:
    return list(
        await PositionHistory.filter(employee_id=employee.id)
        .using_db(conn)
        .order_by("since", "id")
        .values("position_id", "org_unit_id", "since", "decree_number")
    )


async def _audit(
    conn: BaseDBAsyncClient,
    actor: Viewer,
    employee: Employee,
    action: str,
    before: dict[str, Any] | None,
    after: dict[str, Any] | None,
) -> None:
    await audit.append(
        conn,
        agency_id=actor.agency_id,
        actor=actor_name(actor),
        action=action,
        subject_type="employee",
        subject_id=employee.id,
        before=before,
        after={"nip": employee.nip, **(after or {})},
    )
