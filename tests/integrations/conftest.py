"""Fixtures of the integration tests: fast retries, private addresses allowed (127.0.0.1)."""

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
    return Settings(
        database_url=db.url,
        webhook_allow_private=True,
        webhook_timeout_seconds=0.5,
        webhook_backoff_base_seconds=0.01,
        webhook_backoff_max_seconds=0.05,
        webhook_max_attempts=12,
        dispatcher_interval_seconds=0.02,
    )


@pytest.fixture
async def http(settings: Settings) -> AsyncIterator[httpx.AsyncClient]:
    app = build_app(settings, manage_db=False)
    transport = httpx.ASGITransport(app=app)
    async with httpx.AsyncClient(transport=transport, base_url="http://testserver") as client:
        yield client


@pytest.fixture
def gql(http: httpx.AsyncClient, settings: Settings) -> GraphQLClient:
    return GraphQLClient(http, settings)
