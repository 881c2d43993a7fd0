"""Idempotent calls survive the death of their server: a retry returns the committed result or
runs the call once. A claim whose call died expires after ``idempotency_claim_seconds``.
"""

from __future__ import annotations

import asyncio
from datetime import timedelta
from pathlib import Path
from typing import Any

import asyncpg
import httpx
import pytest

from portal.clock import clock
from portal.models import AuditEntry, IdempotencyRecord, TrainingProgram
from portal.settings import Settings
from tests import factories
from tests.api.client import GraphQLClient, bearer_token
from tests.api.processes import jenjang_serve

SAVE = """
mutation($code: String!, $key: String) {
  saveTrainingProgram(
    input: {code: $code, title: "Pelatihan", year: 2026, hours: 20, cost: "1000000"}
    idempotencyKey: $key
  ) { __typename ... on Error { message } }
}
"""
CALLS = 6


def _call(code: str) -> dict[str, Any]:
    return {"query": SAVE, "variables": {"code": code, "key": f"key-{code}"}}


async def _created(code: str) -> int:
    program = await TrainingProgram.get_or_none(code=code)
    if program is None:
        return 0
    return await AuditEntry.filter(
        subject_type="training_program", subject_id=str(program.id)
    ).count()


async def test_a_dead_calls_claim_expires_and_the_retry_runs_it_once(
    db: Any, gql: GraphQLClient, settings: Settings
) -> None:
    # given: a claim left by a call that died (committed claim, nothing else)
    office = await factories.office()
    await IdempotencyRecord.create(
        agency_id=office.agency.id,
        principal=f"user:{office.hr_user.id}",
        key="key-DEAD",
        operation="saveTrainingProgram",
        response={"pending": True},
        claim="dead-process",
        claimed_until=clock.now() + timedelta(seconds=settings.idempotency_claim_seconds),
    )
    token = gql.bearer_for(office.hr_user)
    # when: retried while the claim holds, then after it expired, then again
    early = await gql.http.post("/graphql", json=_call("DEAD"), headers=_auth(token))
    clock.freeze(clock.now() + timedelta(seconds=settings.idempotency_claim_seconds + 1))
    late = await gql.http.post("/graphql", json=_call("DEAD"), headers=_auth(token))
    again = await gql.http.post("/graphql", json=_call("DEAD"), headers=_auth(token))
    # then: "still running" first; then the call ran once and its result is replayed
    assert early.json()["data"]["saveTrainingProgram"]["__typename"] == "ValidationFailed"
    assert late.json()["data"]["saveTrainingProgram"]["__typename"] == "TrainingProgramSaved"
    assert again.json() == late.json()
    assert await _created("DEAD") == 1
    record = await IdempotencyRecord.get(key="key-DEAD")
    assert record.claimed_until is None and not record.response.get("pending")


def _auth(token: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {token}"}


@pytest.mark.slow
async def test_calls_cut_off_by_kill_9_are_retried_to_exactly_one_effect(
    db: Any, settings: Settings, tmp_path: Path
) -> None:
    if not db.is_postgres:
        pytest.skip("holding calls in flight needs a table lock: PostgreSQL only")
    # given: a served office, and the training catalogue locked so calls stop mid-way
    office = await factories.office()
    token = bearer_token(settings, office.hr_user)
    codes = [f"K{i}" for i in range(CALLS)]
    locker = await asyncpg.connect(db.url.replace("postgres://", "postgresql://", 1))
    log = tmp_path / "serve.log"
    try:
        lease = {"idempotency_claim_seconds": "2"}
        async with jenjang_serve(db.url, settings.secret_key, log, **lease) as served:
            transaction = locker.transaction()
            await transaction.start()
            await locker.execute("LOCK TABLE training_program IN ACCESS EXCLUSIVE MODE")
            async with httpx.AsyncClient(base_url=served.url, timeout=30) as http:
                calls = [
                    asyncio.create_task(http.post("/graphql", json=_call(c), headers=_auth(token)))
                    for c in codes
                ]
                async with asyncio.timeout(20):  # every call has claimed its key
                    while await IdempotencyRecord.all().count() < CALLS:  # noqa: ASYNC110
                        await asyncio.sleep(0.05)
                # when: the server dies with every call in flight
                await served.kill()
                results = await asyncio.gather(*calls, return_exceptions=True)
            await transaction.rollback()
        assert all(isinstance(r, httpx.TransportError) for r in results)
        assert await TrainingProgram.all().count() == 0
        # and the calls are retried on a new server
        async with (
            jenjang_serve(db.url, settings.secret_key, log, **lease) as again,
            httpx.AsyncClient(base_url=again.url, timeout=30) as http,
        ):
            answers = {c: await _retry(http, c, token) for c in codes}
            replays = {c: await _retry(http, c, token) for c in codes}
    finally:
        await locker.close()
    # then: each call ran exactly once, and a further retry gives the same answer
    assert set(answers.values()) == {"TrainingProgramSaved"}, answers
    assert replays == answers
    assert [await _created(c) for c in codes] == [1] * CALLS


async def _retry(http: httpx.AsyncClient, code: str, token: str) -> str:
    """Retry until the answer is not "still running" (bounded)."""
    async with asyncio.timeout(20):
        while True:
            body = (await http.post("/graphql", json=_call(code), headers=_auth(token))).json()
            payload = body["data"]["saveTrainingProgram"]
            if payload["__typename"] != "ValidationFailed":
                return str(payload["__typename"])
            await asyncio.sleep(0.3)
