"""While the database is unreachable requests get 503 with Retry-After (UNAVAILABLE), and the
server recovers by itself when it is back: a throwaway PostgreSQL cluster, stopped and started.
"""

from __future__ import annotations

import asyncio
import time
from pathlib import Path
from typing import Any

import httpx
import pytest

from portal import db as portal_db
from portal.settings import Settings
from tests import factories
from tests.api.client import GraphQLClient, bearer_token
from tests.api.cluster import binaries, throwaway_cluster
from tests.api.processes import jenjang_serve

VIEWER = {"query": "{ viewer { username } }"}
ANSWER_WITHIN = 15.0
RECOVER_WITHIN = 30.0


async def _viewer(http: httpx.AsyncClient, token: str) -> httpx.Response:
    return await http.post("/graphql", json=VIEWER, headers={"Authorization": f"Bearer {token}"})


@pytest.mark.slow
async def test_an_outage_answers_503_and_the_server_recovers_by_itself(tmp_path: Path) -> None:
    if binaries() is None:
        pytest.skip("no PostgreSQL server binaries installed")
    with throwaway_cluster() as cluster:
        # given: a migrated database with an office, served by `jenjang serve`
        await portal_db.init_db(cluster.url)
        try:
            await portal_db.migrate()
            office = await factories.office()
        finally:
            await portal_db.close_db()
        settings = Settings(database_url=cluster.url)
        token = bearer_token(settings, office.staff_user)
        login = {"username": office.staff_user.username, "password": factories.PASSWORD}
        async with (
            jenjang_serve(cluster.url, settings.secret_key, tmp_path / "serve.log") as served,
            httpx.AsyncClient(base_url=served.url, timeout=ANSWER_WITHIN) as http,
        ):
            assert (await _viewer(http, token)).status_code == 200
            # when: the database stops
            await asyncio.to_thread(cluster.stop)
            started = time.monotonic()
            down = await _viewer(http, token)
            refused_login = await http.post("/auth/token", data=login)
            ready = await http.get("/readyz")
            elapsed = time.monotonic() - started
            # then: retryable answers, quickly
            for response in (down, refused_login):
                assert response.status_code == 503, response.text
                assert int(response.headers["retry-after"]) >= 1
                assert response.json()["errors"][0]["extensions"]["code"] == "UNAVAILABLE"
            assert ready.status_code == 503
            assert elapsed < ANSWER_WITHIN
            # when: the database is back
            await asyncio.to_thread(cluster.start)
            # then: the same server answers again, without a restart
            async with asyncio.timeout(RECOVER_WITHIN):
                while (await _viewer(http, token)).status_code != 200:  # noqa: ASYNC110
                    await asyncio.sleep(0.5)
            assert (await http.get("/readyz")).status_code == 200
            assert served.process.returncode is None


async def test_a_resolver_losing_the_database_answers_503(
    db: Any, gql: GraphQLClient, monkeypatch: pytest.MonkeyPatch
) -> None:
    # given: the database goes away between authentication and the resolver
    office = await factories.office()

    async def gone(*args: Any, **kwargs: Any) -> Any:
        raise ConnectionRefusedError(111, "Connect call failed ('127.0.0.1', 5432)")

    monkeypatch.setattr("tortoise.queryset.CountQuery._execute", gone)
    # when
    response = await gql.post("{ careerRequests { totalCount } }", as_user=office.hr_user)
    # then
    assert response.status_code == 503, response.text
    assert response.headers["retry-after"] == "5"
    assert response.json()["errors"][0]["extensions"]["code"] == "UNAVAILABLE"
