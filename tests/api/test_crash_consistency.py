"""kill -9 of a server in the middle of concurrent decisions loses nothing and half-applies nothing.

On PostgreSQL: a `jenjang serve` process takes a stream of concurrent supervisor decisions and
is killed mid-stream; after a restart every request's state and version match its last audit
entry, each request has exactly one audit entry and one decision per transition, the retried
decisions finish the work once, and `jenjang audit verify` passes. Bounded: a few requests and
timeouts on every wait (well under two minutes).
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import os
import sys
from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any

import asyncpg
import httpx
import pytest

from portal.models import AuditEntry, CareerRequest, Decision
from portal.settings import Settings
from schema.relay import to_global_id
from tests import factories
from tests.api.client import bearer_token
from tests.api.processes import ROOT, jenjang_serve
from tests.factories import position_of
from tests.workflows import factories as wf
from workflows.career import service

REQUESTS = 8
DECIDE = """
mutation($id: ID!, $key: String) {
  decideCareerRequest(
    input: {requestId: $id, expectedVersion: 2, decision: APPROVE}, idempotencyKey: $key
  ) { __typename }
}
"""


async def _requests(wo: wf.WorkflowOffice) -> list[int]:
    """``REQUESTS`` rotation requests of colleagues with one supervisor, at the supervisor stage."""
    boss = await position_of(wo.office.supervisor)
    made = []
    for i in range(REQUESTS):
        post = await factories.position(
            wo.office.agency, wo.office.unit, f"ANALIS-{i}", parent=boss
        )
        person = await factories.employee(wo.office.agency, wo.office.unit, position=post)
        await wf.good_years(person)
        account = await factories.user(wo.office.agency, f"staf{i}.serang", employee=person)
        request = await service.submit(
            actor=await wo.viewer(account),
            kind=wf.RequestKind.ROTATION,
            details=wf.rotation(wo.vacancy),
        )
        made.append(request.id)
    return made


async def _decide(http: httpx.AsyncClient, token: str, pk: int) -> str:
    variables = {"id": to_global_id("CareerRequest", pk), "key": f"decide-{pk}"}
    response = await http.post(
        "/graphql",
        json={"query": DECIDE, "variables": variables},
        headers={"Authorization": f"Bearer {token}"},
    )
    return str(response.json()["data"]["decideCareerRequest"]["__typename"])


async def _audit_verify(url: str, secret: str) -> int:
    env = {**os.environ, "JENJANG_DATABASE_URL": url, "JENJANG_SECRET_KEY": secret}
    process = await asyncio.create_subprocess_exec(
        sys.executable,
        "-c",
        "from portal.cli import main; main()",
        "audit",
        "verify",
        cwd=ROOT,
        env=env,
    )
    return await asyncio.wait_for(process.wait(), 60)


@pytest.mark.slow
async def test_kill_9_mid_decisions_leaves_every_request_whole(
    db: Any, settings: Settings, tmp_path: Path
) -> None:
    if not db.is_postgres:
        pytest.skip("the production store: several processes and kill -9 on PostgreSQL")
    # given: requests waiting for one supervisor, served by a process we will kill
    wo = await wf.workflow_office()
    pks = await _requests(wo)
    token = bearer_token(settings, wo.office.supervisor_user)
    submitted = {pk: await Decision.filter(request_id=pk).count() for pk in pks}
    log = tmp_path / "serve.log"
    lease = {"idempotency_claim_seconds": "2"}  # claims of killed calls expire soon
    async with (
        jenjang_serve(db.url, settings.secret_key, log, **lease) as served,
        httpx.AsyncClient(base_url=served.url, timeout=30) as http,
    ):
        # when: the server dies once half of the decisions are through, the others in flight:
        # they wait for a lock the test holds on their requests' rows (else a fast server may
        # finish them all before the kill)
        held = pks[REQUESTS // 2 :]
        async with _rows_locked(db.url, held):
            calls = {pk: asyncio.create_task(_decide(http, token, pk)) for pk in pks}
            through = [calls[pk] for pk in pks if pk not in held]
            async with asyncio.timeout(30):
                await asyncio.wait(through)
            await served.kill()
            first = await asyncio.gather(*calls.values(), return_exceptions=True)
    cut_off = [pk for pk, r in zip(calls, first, strict=True) if isinstance(r, Exception)]
    assert cut_off == held, first
    assert all(
        isinstance(r, httpx.TransportError)
        for pk, r in zip(calls, first, strict=True)
        if pk in held
    )
    # then: every request is whole, at the state and version of its last audit entry
    await _assert_whole(pks, submitted)
    # and the decisions retried (same keys) on a restarted server finish the work once
    async with (
        jenjang_serve(db.url, settings.secret_key, log, **lease) as again,
        httpx.AsyncClient(base_url=again.url, timeout=30) as http,
    ):
        retried = [await _retry(http, token, pk) for pk in pks]
    assert set(retried) <= {"CareerRequestDecided", "StaleVersion"}, (first, retried)
    states = await CareerRequest.filter(id__in=pks).values_list("state", "version")
    assert set(states) == {("HR_REVIEW", 3)}
    await _assert_whole(pks, submitted)
    assert await _audit_verify(db.url, settings.secret_key) == 0


@contextlib.asynccontextmanager
async def _rows_locked(url: str, pks: list[int]) -> AsyncIterator[None]:
    """The requests' rows locked (FOR UPDATE) by another connection while the block runs."""
    connection = await asyncpg.connect(url.replace("postgres://", "postgresql://", 1))
    try:
        async with connection.transaction():
            await connection.execute(
                "SELECT id FROM career_request WHERE id = ANY($1) FOR UPDATE", pks
            )
            yield
    finally:
        await connection.close()


async def _retry(http: httpx.AsyncClient, token: str, pk: int) -> str:
    async with asyncio.timeout(20):  # the claim of a killed call expires first
        while (answer := await _decide(http, token, pk)) == "ValidationFailed":  # noqa: ASYNC110
            await asyncio.sleep(0.5)
    return answer


async def _assert_whole(pks: list[int], submitted: dict[int, int]) -> None:
    for pk in pks:
        request = await CareerRequest.get(id=pk)
        entries = await AuditEntry.filter(
            subject_type="career_request", subject_id=str(pk)
        ).order_by("seq")
        after = json.loads(entries[-1].canonical)["after"]
        assert (after["state"], after["version"]) == (request.state, request.version)
        # one entry per transition (submit, then each decision), one decision row each
        assert len(entries) == request.version - 1
        assert await Decision.filter(request_id=pk).count() == submitted[pk] + request.version - 2
