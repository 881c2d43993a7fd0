"""The benchmark's floor (bench/floor.py) returns exactly the GraphQL pages' JSON on the same data.

This is also the check that a fast path equals the ordinary one: one hand-written SQL statement
per page against the GraphQL resolvers, for HR (whole agency) and a supervisor (their reports).
"""

from __future__ import annotations

import json
from typing import Any

import httpx
import pytest

from bench.floor import EMPLOYEES, QUEUE, Floor
from bench.generate import generate
from portal.models import User
from portal.settings import Settings
from tests.api.client import GraphQLClient


@pytest.mark.parametrize("username", ["hr.skala01", "atasan.skala01", "pegawai.skala01"])
async def test_floor_pages_equal_the_graphql_pages(
    db: Any, gql: GraphQLClient, settings: Settings, username: str
) -> None:
    if not db.is_postgres:
        pytest.skip("the floor is written for PostgreSQL (asyncpg)")
    # given
    await generate(db.url, employees=200, requests=4, audit=10)
    user = await User.get(username=username)
    floor = Floor(db.url, settings.secret_key)
    app = floor.app()
    async with (
        app.router.lifespan_context(app),
        httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url="http://f") as client,
    ):
        for query in (QUEUE, EMPLOYEES):
            # when
            expected = await gql.data(query, as_user=user)
            response = await client.post(
                "/graphql", json={"query": query},
                headers={"Authorization": f"Bearer {gql.bearer_for(user)}"},
            )  # fmt: skip
            # then
            assert response.status_code == 200
            got = json.loads(response.text)["data"]
            field = next(iter(expected))
            pairs = zip(got[field]["nodes"], expected[field]["nodes"], strict=True)
            for mine, theirs in pairs:
                assert mine == theirs
            assert got == expected
            assert got[field]["totalCount"] > 0 or (username, field) == (
                "pegawai.skala01",
                "approvalQueue",
            )
    assert floor.pool is not None and floor.pool.is_closing()
