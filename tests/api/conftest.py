"""Fixtures of the API tests: the app on the test database and clients for each kind of caller."""

from __future__ import annotations

from collections.abc import AsyncIterator
from typing import Any

import httpx
import pytest

from portal.app import build_app
from portal.settings import Settings
from tests.api.client import GraphQLClient


@pytest.fixture
def settings(db: Any) -> Settings:
    return Settings(database_url=db.url)


@pytest.fixture
async def http(settings: Settings) -> AsyncIterator[httpx.AsyncClient]:
    app = build_app(settings, manage_db=False)
    transport = httpx.ASGITransport(app=app)
    async with httpx.AsyncClient(transport=transport, base_url="http://testserver") as client:
        yield client


@pytest.fixture
def gql(http: httpx.AsyncClient, settings: Settings) -> GraphQLClient:
    return GraphQLClient(http, settings)
