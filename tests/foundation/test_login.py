"""POST /auth/token, the throttle on failures, the viewer query, /healthz and /readyz."""

from __future__ import annotations

from collections.abc import AsyncIterator
from datetime import UTC, datetime, timedelta
from types import MethodType
from typing import Any

import httpx
import pytest
from starlette.applications import Starlette
from starlette.routing import Route

from portal.app import build_app
from portal.auth.routes import TokenEndpoint
from portal.clock import clock
from portal.i18n import translate
from portal.settings import Settings
from tests import factories

VIEWER = "{ viewer { username roles employee { id nip name rank { code name since } } } }"
FAILED = {"error": "invalid_grant", "error_description": translate("errors.login.failed")}


@pytest.fixture
def settings(db: Any) -> Settings:
    # Tiny delays: the test checks the throttle's arithmetic, never the wall clock.
    return Settings(
        database_url=db.url,
        secret_key="test-secret-key-that-is-long-enough-0123456789",
        login_failure_delay_seconds=0.001,
        login_max_delay_seconds=0.004,
    )


@pytest.fixture
def app(settings: Settings) -> Starlette:
    return build_app(settings, manage_db=False)


@pytest.fixture
async def http(app: Starlette) -> AsyncIterator[httpx.AsyncClient]:
    transport = httpx.ASGITransport(app=app)
    async with httpx.AsyncClient(transport=transport, base_url="http://testserver") as client:
        yield client


def token_endpoint(app: Starlette) -> TokenEndpoint:
    route = next(r for r in app.routes if isinstance(r, Route) and r.path == "/auth/token")
    # the route's endpoint is the bound ``__call__`` of the app's one TokenEndpoint
    endpoint = route.endpoint
    assert isinstance(endpoint, MethodType) and isinstance(endpoint.__self__, TokenEndpoint)
    return endpoint.__self__


async def login(http: httpx.AsyncClient, username: str, password: str) -> httpx.Response:
    return await http.post("/auth/token", data={"username": username, "password": password})


async def test_token_for_valid_credentials(http: httpx.AsyncClient, settings: Settings) -> None:
    # given
    office = await factories.office()
    # when
    response = await login(http, office.staff_user.username, factories.PASSWORD)
    # then
    assert response.status_code == 200
    body = response.json()
    assert set(body) == {"access_token", "token_type", "expires_in"}
    assert body["token_type"] == "bearer"
    assert body["expires_in"] == settings.access_token_ttl_seconds
    assert response.headers["cache-control"] == "no-store"


async def test_wrong_password_and_unknown_user_look_the_same(http: httpx.AsyncClient) -> None:
    # given
    office = await factories.office()
    # when
    wrong = await login(http, office.staff_user.username, "wrong password")
    unknown = await login(http, "nobody.serang", factories.PASSWORD)
    # then
    assert wrong.status_code == unknown.status_code == 401
    assert wrong.json() == unknown.json() == FAILED
    assert wrong.headers["www-authenticate"] == unknown.headers["www-authenticate"] == "Bearer"


async def test_repeated_failures_are_slowed(http: httpx.AsyncClient, app: Starlette) -> None:
    # given
    office = await factories.office()
    username = office.staff_user.username
    throttle = token_endpoint(app).throttle
    key = username
    delays = []
    # when
    for _ in range(4):
        await login(http, username, "wrong password")
        delays.append(await throttle.delay_for(key))
    # then: each failure doubles the wait, up to the cap
    assert delays == [0.001, 0.002, 0.004, 0.004]
    # and a success clears it
    assert (await login(http, username, factories.PASSWORD)).status_code == 200
    assert await throttle.delay_for(key) == 0.0


async def test_access_token_answers_the_viewer_query(http: httpx.AsyncClient) -> None:
    # given
    office = await factories.office()
    rank_since = office.staff.rank_since
    assert rank_since is not None
    token = (await login(http, office.staff_user.username, factories.PASSWORD)).json()
    # when
    response = await http.post(
        "/graphql",
        json={"query": VIEWER},
        headers={"Authorization": f"Bearer {token['access_token']}"},
    )
    # then
    assert response.status_code == 200
    viewer = response.json()["data"]["viewer"]
    assert viewer["username"] == office.staff_user.username
    assert viewer["roles"] == ["EMPLOYEE"]
    assert viewer["employee"]["nip"] == office.staff.nip
    assert viewer["employee"]["name"] == office.staff.name
    assert viewer["employee"]["id"]
    assert viewer["employee"]["rank"] == {
        "code": "III/a",
        "name": "Penata Muda",
        "since": rank_since.isoformat(),
    }


async def test_anonymous_viewer_is_null(http: httpx.AsyncClient) -> None:
    response = await http.post("/graphql", json={"query": VIEWER})
    assert response.json()["data"]["viewer"] is None


async def test_bad_bearer_token_is_401(http: httpx.AsyncClient) -> None:
    response = await http.post(
        "/graphql", json={"query": VIEWER}, headers={"Authorization": "Bearer not-a-token"}
    )
    assert response.status_code == 401


async def test_health_and_readiness(http: httpx.AsyncClient) -> None:
    # when
    health = await http.get("/healthz")
    ready = await http.get("/readyz")
    # then
    assert (health.status_code, health.json()) == (200, {"status": "ok"})
    assert (ready.status_code, ready.json()) == (200, {"status": "ok"})


async def test_access_tokens_expire_by_the_application_clock(
    http: httpx.AsyncClient, settings: Settings
) -> None:
    # given: the clock stands in the past (as in tests of deadlines) and pegawai logs in
    clock.freeze(datetime(2024, 3, 1, 8, 0, tzinfo=UTC))
    office = await factories.office()
    token = (await login(http, office.staff_user.username, factories.PASSWORD)).json()
    headers = {"Authorization": f"Bearer {token['access_token']}"}
    # when / then: the token works while the clock is within its lifetime ...
    ok = await http.post("/graphql", json={"query": "{ viewer { username } }"}, headers=headers)
    assert ok.json()["data"]["viewer"]["username"] == office.staff_user.username
    # ... and is refused once the clock passes its expiry
    clock.advance(timedelta(seconds=settings.access_token_ttl_seconds + 1))
    late = await http.post("/graphql", json={"query": "{ viewer { username } }"}, headers=headers)
    assert late.status_code == 401
