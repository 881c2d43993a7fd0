"""Changes that take effect on their date (TMT): scheduled on approval, applied once when due.

The regulation decides when a change takes effect, not the day of approval: a rank promotion on
its TMT (the first of the next month), further study on the study's start date, a move on the
decree's effective date. On approval the change is recorded as a ``ScheduledChange``; the record
keeps the current rank, position and status (and eligibility decides on them) until the date.
A date of today or earlier applies at once, in the approving transaction.

``apply_due`` (the scheduler's tick and ``jenjang tick``) applies each due change in its own
transaction. A change is claimed before it is applied: on PostgreSQL ``SELECT ... FOR UPDATE
SKIP LOCKED`` (another process working on it is skipped, not waited for), on both databases a
conditional ``UPDATE ... SET applied_at WHERE applied_at IS NULL``; the loser changes nothing.
"""

from __future__ import annotations

import logging
from datetime import date, timedelta
from typing import Any

from tortoise.backends.base.client import BaseDBAsyncClient

from portal.clock import clock
from portal.models import Employee, Position, PositionHistory, RankHistory, ScheduledChange
from portal.vocabulary import ChangeKind, EmployeeStatus, Rank
from workflows import audit
from workflows.personnel.status import apply_status

log = logging.getLogger("jenjang.scheduled")
SYSTEM_ACTOR = "system:scheduler"


async def schedule_or_apply(
    conn: BaseDBAsyncClient,
    *,
    employee: Employee,
    kind: ChangeKind,
    effective_on: date,
    change: dict[str, Any],
    actor: str,
    career_request_id: int | None = None,
) -> ScheduledChange | None:
    """Record the change for its date, or apply it now when the date is today or past."""
    if effective_on <= clock.today():
        await apply_change(
            conn,
            employee=employee,
            kind=kind,
            effective_on=effective_on,
            change=change,
            actor=actor,
            career_request_id=career_request_id,
        )
        return None
    scheduled = await ScheduledChange.create(
        using_db=conn,
        agency_id=employee.agency_id,
        employee_id=employee.id,
        kind=kind,
        effective_on=effective_on,
        change=change,
        career_request_id=career_request_id,
    )
    await audit.append(
        conn,
        agency_id=employee.agency_id,
        actor=actor,
        action="employee.change.schedule",
        subject_type="employee",
        subject_id=employee.id,
        before=None,
        after={"kind": kind.value, "effective_on": effective_on, **change},
        extra={"career_request_id": career_request_id, "scheduled_change_id": scheduled.id},
    )
    return scheduled


async def pending_moves_into(
    agency_id: int, position_id: int, *, conn: BaseDBAsyncClient | None = None
) -> list[int]:
    """Employees with a scheduled move into the position not yet applied (they hold the seat)."""
    rows = (
        await ScheduledChange.filter(
            agency_id=agency_id, kind=ChangeKind.POSITION, applied_at=None, cancelled_at=None
        )
        .using_db(conn)
        .values("employee_id", "change")
    )
    return [r["employee_id"] for r in rows if (r["change"] or {}).get("position_id") == position_id]


async def pending_changes(
    employee_id: int, *, conn: BaseDBAsyncClient | None = None
) -> dict[ChangeKind, date]:
    """The employee's changes approved, not yet applied nor cancelled: kind -> earliest date."""
    rows = (
        await ScheduledChange.filter(employee_id=employee_id, applied_at=None, cancelled_at=None)
        .using_db(conn)
        .order_by("-effective_on")
        .values("kind", "effective_on")
    )
    return {ChangeKind(r["kind"]): r["effective_on"] for r in rows}  # the earliest wins


async def apply_due(*, limit: int = 500) -> list[int]:
    """Apply every change whose date has come; returns the ids applied by this call."""
    rows = (
        await ScheduledChange.filter(
            effective_on__lte=clock.today(), applied_at=None, cancelled_at=None
        )
        .order_by("effective_on", "id")
        .limit(limit)
        .values("id", "agency_id")
    )
    done = []
    for row in rows:
        if await _apply_one(row["id"], row["agency_id"]):
            done.append(row["id"])
    return done


async def _apply_one(change_id: int, agency_id: int) -> bool:
    async with audit.transaction() as conn:
        if conn.capabilities.dialect == "postgres":
            locked = (
                await ScheduledChange.filter(id=change_id, applied_at=None, cancelled_at=None)
                .using_db(conn)
                .select_for_update(skip_locked=True)
                .first()
            )
            if locked is None:
                return False  # another process holds it, or it was applied meanwhile
        else:
            await audit.lock_agency_chain(conn, agency_id)
        claimed = (
            await ScheduledChange.filter(id=change_id, applied_at=None, cancelled_at=None)
            .using_db(conn)
            .update(applied_at=clock.now())
        )
        if claimed != 1:
            return False
        row = await ScheduledChange.get(id=change_id, using_db=conn)
        employee = (
            await Employee.filter(id=row.employee_id).using_db(conn).select_for_update().get()
        )
        await apply_change(
            conn,
            employee=employee,
            kind=ChangeKind(row.kind),
            effective_on=row.effective_on,
            change=row.change,
            actor=SYSTEM_ACTOR,
            career_request_id=row.career_request_id,
            extra={"scheduled_change_id": row.id},
        )
        log.info("applied scheduled change %s (%s) of employee %s", row.id, row.kind, employee.id)
        return True


async def apply_change(
    conn: BaseDBAsyncClient,
    *,
    employee: Employee,
    kind: ChangeKind,
    effective_on: date,
    change: dict[str, Any],
    actor: str,
    career_request_id: int | None = None,
    extra: dict[str, Any] | None = None,
) -> None:
    """Change the record as of ``effective_on``, with its audit entry, in ``conn``."""
    if kind == ChangeKind.RANK:
        before, after = await _rank(conn, employee, Rank(change["rank"]), effective_on,
                                    career_request_id)  # fmt: skip
        action = "employee.rank_change"
    elif kind == ChangeKind.POSITION:
        before, after = await _position(conn, employee, int(change["position_id"]),
                                        effective_on, career_request_id)  # fmt: skip
        action = "employee.position_change"
    else:
        before = {"status": employee.status}
        await apply_status(conn, employee, EmployeeStatus(change["status"]), effective_on)
        after = {"status": change["status"], "effective_on": effective_on}
        action = "employee.status_change"
    await audit.append(
        conn,
        agency_id=employee.agency_id,
        actor=actor,
        action=action,
        subject_type="employee",
        subject_id=employee.id,
        before=before,
        after=after,
        extra={"career_request_id": career_request_id, **(extra or {})},
    )


async def _rank(
    conn: BaseDBAsyncClient, employee: Employee, rank: Rank, tmt: date, request_id: int | None
) -> tuple[dict[str, Any], dict[str, Any]]:
    before = {
        "rank": Rank(employee.rank).code if employee.rank else None,
        "since": employee.rank_since,
    }
    await (
        RankHistory.filter(employee_id=employee.id, until=None)
        .using_db(conn)
        .update(until=tmt - timedelta(days=1))
    )
    await RankHistory.create(
        using_db=conn,
        agency_id=employee.agency_id,
        employee_id=employee.id,
        rank=rank,
        since=tmt,
        career_request_id=request_id,
    )
    await (
        Employee.filter(id=employee.id)
        .using_db(conn)
        .update(rank=rank, rank_since=tmt, updated_at=clock.now())
    )
    return before, {"rank": rank.code, "since": tmt}


async def _position(
    conn: BaseDBAsyncClient, employee: Employee, position_id: int, on: date, request_id: int | None
) -> tuple[dict[str, Any], dict[str, Any]]:
    target = await Position.filter(id=position_id).using_db(conn).get()
    before = {"position_id": employee.position_id, "since": employee.position_since}
    await (
        PositionHistory.filter(employee_id=employee.id, until=None).using_db(conn).update(until=on)
    )
    await PositionHistory.create(
        using_db=conn,
        agency_id=employee.agency_id,
        employee_id=employee.id,
        position_id=target.id,
        org_unit_id=target.org_unit_id,
        since=on,
        career_request_id=request_id,
    )
    await (
        Employee.filter(id=employee.id)
        .using_db(conn)
        .update(
            position_id=target.id,
            position_since=on,
            org_unit_id=target.org_unit_id,
            updated_at=clock.now(),
        )
    )
    return before, {"position_id": target.id, "since": on}
