"""Scheduled changes: applied on their date, each exactly once, by several schedulers at once."""

import asyncio
import os
import sys
import textwrap
from datetime import UTC, date, datetime
from decimal import Decimal
from pathlib import Path

import pytest

from portal.clock import clock
from portal.models import AuditEntry, Employee, RankHistory, ScheduledChange
from portal.vocabulary import ChangeKind, EmployeeStatus, Rank
from tests import factories
from tests.workflows import factories as wf
from workflows.audit import verify_chain
from workflows.career.rules.study import cost_by_year
from workflows.career.scheduled import apply_due
from workflows.personnel.status import change_status

TICKER = textwrap.dedent(
    """
    import asyncio, sys
    from pathlib import Path
    from portal import db
    from workflows.career.scheduled import apply_due

    async def main(url, go):
        await db.init_db(url)
        try:
            print("READY", flush=True)
            while not Path(go).exists():
                await asyncio.sleep(0.01)
            print(" ".join(str(i) for i in await apply_due()) or "-", flush=True)
        finally:
            await db.close_db()

    asyncio.run(main(*sys.argv[1:]))
    """
)


async def _due_rank_changes(wo: wf.WorkflowOffice, count: int) -> list[int]:
    """``count`` employees, each with a rank change due today."""
    ids = []
    for i in range(count):
        person = await factories.employee(wo.office.agency, wo.office.unit, name=f"Pegawai {i}")
        change = await ScheduledChange.create(
            agency_id=wo.agency_id,
            employee_id=person.id,
            kind=ChangeKind.RANK,
            effective_on=clock.today(),
            change={"rank": Rank.III_B.value},
        )
        ids.append(change.id)
    return ids


async def _assert_applied_once(ids: list[int], agency_id: int) -> None:
    assert await ScheduledChange.filter(id__in=ids, applied_at=None).count() == 0
    assert await AuditEntry.filter(action="employee.rank_change").count() == len(ids)
    assert await RankHistory.filter(rank=Rank.III_B).count() == len(ids)
    assert (await verify_chain(agency_id)).ok


async def test_two_schedulers_at_once_apply_each_change_once(db) -> None:
    # given six changes due today
    wo = await wf.workflow_office()
    ids = await _due_rank_changes(wo, 6)
    # when two schedulers tick at once (separate pooled connections on PostgreSQL)
    first, second = await asyncio.gather(apply_due(), apply_due())
    # then each change is applied by exactly one of them
    assert sorted(first + second) == sorted(ids) and not set(first) & set(second)
    await _assert_applied_once(ids, wo.agency_id)
    assert await apply_due() == []


async def test_two_scheduler_processes_apply_each_change_once(db, tmp_path: Path) -> None:
    # given changes due on the real date (the processes read the real clock)
    wo = await wf.workflow_office(freeze=False)
    ids = await _due_rank_changes(wo, 6)
    go = tmp_path / "go"
    env = {**os.environ, "PYTHONPATH": str(Path.cwd())}
    procs = [
        await asyncio.create_subprocess_exec(
            sys.executable, "-c", TICKER, db.url, str(go), stdout=asyncio.subprocess.PIPE, env=env
        )
        for _ in range(2)
    ]
    for proc in procs:
        assert proc.stdout is not None
        assert (await proc.stdout.readline()).strip() == b"READY"
    # when both tick at once
    go.write_text("go")
    outputs = [(await proc.communicate())[0].decode().split() for proc in procs]
    # then
    assert all(proc.returncode == 0 for proc in procs)
    applied = [int(i) for out in outputs for i in out if i != "-"]
    assert sorted(applied) == sorted(ids)
    await _assert_applied_once(ids, wo.agency_id)


async def test_a_status_change_scheduled_by_hr_takes_effect_on_its_date(db) -> None:
    # given HR schedules leave from 1 July
    wo = await wf.workflow_office()
    hr = await wo.viewer(wo.office.hr_user)
    staff_id = wo.office.staff.id
    await change_status(
        actor=hr,
        employee_id=staff_id,
        status=EmployeeStatus.LEAVE,
        effective_on=date(2024, 7, 1),
        reason="Cuti besar",
    )
    assert await apply_due() == []
    assert (await Employee.get(id=staff_id)).status == EmployeeStatus.ACTIVE
    # when the day comes
    clock.freeze(datetime(2024, 7, 1, 2, 0, tzinfo=UTC))
    assert len(await apply_due()) == 1
    # then
    assert (await Employee.get(id=staff_id)).status == EmployeeStatus.LEAVE
    assert await AuditEntry.filter(action="employee.status_change").count() == 1


@pytest.mark.parametrize(
    ("start", "months", "cost", "shares"),
    [
        (date(2025, 8, 1), 24, "24000000", {2025: "5000000", 2026: "12000000", 2027: "7000000"}),
        (date(2025, 1, 6), 24, "60000000", {2025: "30000000", 2026: "30000000"}),
        (date(2025, 3, 1), 6, "10000000", {2025: "10000000"}),
        (date(2025, 12, 1), 3, "100", {2025: "33.33", 2026: "66.67"}),
    ],
)
def test_study_cost_falls_in_the_budget_years_of_its_months(start, months, cost, shares) -> None:
    got = cost_by_year(start, months, Decimal(cost))
    assert got == {y: Decimal(v) for y, v in shares.items()}
    assert sum(got.values()) == Decimal(cost)
