"""Ten approvers acting at once on one version give exactly one decision.

On PostgreSQL the ten run on separate pooled connections; on SQLite one process serialises them
through Tortoise's connection lock, so a second test races separate processes on one file.
"""

import asyncio
import os
import sys
import textwrap
from pathlib import Path

import pytest

from portal.models import AuditEntry, CareerRequest, Decision, OutboxEvent
from portal.vocabulary import RequestKind, Role
from tests.workflows import factories as wf
from tests.workflows.factories import act
from workflows.audit import verify_chain
from workflows.career import service
from workflows.errors import NotEligible, StaleVersion

RACER = textwrap.dedent(
    """
    import asyncio, sys, time
    from pathlib import Path
    from portal import db
    from portal.auth.tokens import viewer_for_user
    from portal.models import User
    from workflows.career import service
    from workflows.errors import StaleVersion

    async def main(url, user_id, request_id, version, go):
        await db.init_db(url)
        try:
            viewer = await viewer_for_user(await User.get(id=user_id))
            print("READY", flush=True)
            while not Path(go).exists():
                await asyncio.sleep(0.01)
            try:
                await service.decide(
                    actor=viewer, request_id=request_id, expected_version=version,
                    decision="APPROVE",
                )
                print("WON", flush=True)
            except StaleVersion:
                print("STALE", flush=True)
        finally:
            await db.close_db()

    url, user_id, request_id, version, go = sys.argv[1:]
    asyncio.run(main(url, int(user_id), int(request_id), int(version), go))
    """
)


async def _at_hr_stage_with_ten_officers(wo: wf.WorkflowOffice):
    officers = [wo.office.hr_user]
    for i in range(9):
        officers.append(await wf.factories.user(wo.office.agency, f"hr{i}.serang", Role.HR))
    request = await service.submit(
        actor=await wo.staff(), kind=RequestKind.ROTATION, details=wf.rotation(wo.vacancy)
    )
    request = await act(await wo.supervisor(), request, "APPROVE")
    assert len(request.approval_plan[1]["approvers"]) == 10
    return request, officers


async def _assert_one_decision(request_id: int, seen_version: int, agency_id: int) -> None:
    request = await CareerRequest.get(id=request_id)
    assert (request.state, request.version) == ("COMMITTEE_REVIEW", seen_version + 1)
    assert await Decision.filter(request_id=request_id, stage="HR_REVIEW").count() == 1
    assert (
        await AuditEntry.filter(subject_type="career_request", subject_id=str(request_id)).count()
        == 3
    )
    assert await OutboxEvent.filter(subject_id=str(request_id)).count() == 3
    assert (await verify_chain(agency_id)).ok


async def test_ten_concurrent_approvers_one_decision(db) -> None:
    # given
    wo = await wf.workflow_office()
    request, officers = await _at_hr_stage_with_ten_officers(wo)
    viewers = [await wo.viewer(u) for u in officers]

    async def approve(viewer):
        try:
            await service.decide(
                actor=viewer,
                request_id=request.id,
                expected_version=request.version,
                decision="APPROVE",
            )
            return "WON"
        except StaleVersion:
            return "STALE"

    # when
    results = await asyncio.gather(*(approve(v) for v in viewers))
    # then
    assert sorted(results) == ["STALE"] * 9 + ["WON"]
    await _assert_one_decision(request.id, request.version, wo.agency_id)


async def test_concurrent_processes_one_decision(db, tmp_path: Path) -> None:
    if db.is_postgres:
        pytest.skip("PostgreSQL races on pooled connections in the test above")
    # given five processes holding the same version
    wo = await wf.workflow_office()
    request, officers = await _at_hr_stage_with_ten_officers(wo)
    go = tmp_path / "go"
    env = {**os.environ, "PYTHONPATH": str(Path.cwd())}
    procs = [
        await asyncio.create_subprocess_exec(
            sys.executable,
            "-c",
            RACER,
            db.url,
            str(u.id),
            str(request.id),
            str(request.version),
            str(go),
            stdout=asyncio.subprocess.PIPE,
            env=env,
        )
        for u in officers[:5]
    ]
    for proc in procs:
        assert proc.stdout is not None
        assert (await proc.stdout.readline()).strip() == b"READY"
    # when they all go at once
    go.write_text("go")
    outputs = [(await proc.communicate())[0].decode().split() for proc in procs]
    # then
    assert all(proc.returncode == 0 for proc in procs)
    assert sorted(o[-1] for o in outputs) == ["STALE"] * 4 + ["WON"]
    await _assert_one_decision(request.id, request.version, wo.agency_id)


async def test_simultaneous_first_submissions_open_one_request(db) -> None:
    # given: an eligible applicant with no request yet, submitting from five tabs at once
    wo = await wf.workflow_office()
    staff = await wo.staff()

    async def submit() -> str:
        try:
            await service.submit(
                actor=staff, kind=RequestKind.ROTATION, details=wf.rotation(wo.vacancy)
            )
            return "OPENED"
        except NotEligible:
            return "REFUSED"

    # when
    results = await asyncio.gather(*(submit() for _ in range(5)))
    # then
    assert sorted(results) == ["OPENED"] + ["REFUSED"] * 4
    assert await CareerRequest.filter(kind=RequestKind.ROTATION).count() == 1
