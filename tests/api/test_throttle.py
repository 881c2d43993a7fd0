"""Login throttling and the rate limit hold under parallel attempts and across server processes.

Attempts are counted before the password is checked, in counters every process shares (the
database's rate_counter table, or Redis where configured).
"""

from __future__ import annotations

import asyncio
import contextlib
import uuid
from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any

import httpx
import pytest

from portal.app import build_app
from portal.settings import Settings
from tests import factories
from tests.api.client import bearer_token
from tests.api.processes import jenjang_serve

REDIS_URL = "redis://127.0.0.1:6379/0"


@contextlib.asynccontextmanager
async def _client(settings: Settings) -> AsyncIterator[httpx.AsyncClient]:
    app = build_app(settings, manage_db=False)
    transport = httpx.ASGITransport(app=app)  # no lifespan: close the counters ourselves
    try:
        async with httpx.AsyncClient(transport=transport, base_url="http://testserver") as http:
            yield http
    finally:
        await app.state.counters.close()


def _throttled(db: Any, **changes: Any) -> Settings:
    return Settings(
        database_url=db.url,
        login_failure_delay_seconds=0.001,
        login_max_delay_seconds=0.002,
        login_max_attempts=5,
        **changes,
    )


async def _burst(
    targets: list[httpx.AsyncClient], username: str, guesses: int
) -> list[httpx.Response]:
    """``guesses`` wrong passwords and the right one, all at once, spread over ``targets``."""
    passwords = [f"wrong-{i}" for i in range(guesses)] + [factories.PASSWORD]
    return await asyncio.gather(
        *[
            targets[i % len(targets)].post(
                "/auth/token", data={"username": username, "password": password}
            )
            for i, password in enumerate(passwords)
        ]
    )


def _checked(responses: list[httpx.Response]) -> int:
    """Answers whose password was checked (not refused by the throttle)."""
    return sum(r.status_code != 429 for r in responses)


@pytest.mark.parametrize("store", ["database", "redis"])
async def test_parallel_guesses_are_counted_before_the_password_is_checked(
    db: Any, store: str
) -> None:
    # given: at most 5 attempts per account
    office = await factories.office()
    account = await factories.user(office.agency, f"target-{uuid.uuid4().hex[:8]}")
    redis = {"redis_url": REDIS_URL, "login_max_attempts_per_address": 10**9}
    settings = _throttled(db, **(redis if store == "redis" else {}))
    # when: 29 wrong passwords and the right one at once
    async with _client(settings) as http:
        responses = await _burst([http], account.username, 29)
    # then: 5 were checked, 25 refused with Retry-After, whichever the right one was
    assert _checked(responses) == 5
    refused = [r for r in responses if r.status_code == 429]
    assert len(refused) == 25
    assert all(int(r.headers["retry-after"]) >= 1 for r in refused)
    assert {r.status_code for r in responses} <= {200, 401, 429}


async def test_the_client_address_is_throttled_across_accounts(db: Any) -> None:
    office = await factories.office()
    settings = _throttled(db, login_max_attempts_per_address=3)
    async with _client(settings) as http:
        statuses = [
            (
                await http.post("/auth/token", data={"username": name, "password": "wrong"})
            ).status_code
            for name in ("a.serang", "b.serang", "c.serang", office.staff_user.username)
        ]
    assert statuses == [401, 401, 401, 429]


@pytest.mark.slow
async def test_two_processes_share_the_throttle_and_the_rate_limit(
    db: Any, settings: Settings, tmp_path: Path
) -> None:
    # given: two server processes on one database
    office = await factories.office()
    token = bearer_token(settings, office.hr_user)
    limits = {"login_max_attempts": "4", "rate_limit_per_minute": "6"}
    secret = settings.secret_key
    async with (
        jenjang_serve(db.url, secret, tmp_path / "a.log", **limits) as served_a,
        jenjang_serve(db.url, secret, tmp_path / "b.log", **limits) as served_b,
        httpx.AsyncClient(base_url=served_a.url, timeout=30) as a,
        httpx.AsyncClient(base_url=served_b.url, timeout=30) as b,
    ):
        # when: a burst of guesses and of queries, spread over both
        guesses = await _burst([a, b], office.staff_user.username, 11)
        queries = await asyncio.gather(
            *[
                (a, b)[i % 2].post(
                    "/graphql",
                    json={"query": "{ viewer { username } }"},
                    headers={"Authorization": f"Bearer {token}"},
                )
                for i in range(12)
            ]
        )
    # then: each limit held once for both processes together
    assert _checked(guesses) == 4
    assert sorted(r.status_code for r in queries) == [200] * 6 + [429] * 6
