"""Fixtures of the page tests: the whole app on the test database, and logged-in browsers."""

from __future__ import annotations

from collections.abc import AsyncIterator, Callable
from contextlib import AbstractAsyncContextManager, asynccontextmanager
from typing import Any

import httpx
import pytest

from portal.app import build_app
from portal.settings import Settings
from tests.web.client import WebClient


@pytest.fixture
def settings(db: Any) -> Settings:
    return Settings(database_url=db.url, login_failure_delay_seconds=0.0)


Browser = Callable[..., AbstractAsyncContextManager[WebClient]]


@pytest.fixture
def browser(settings: Settings) -> Browser:
    """Opens an independent browser (its own cookies) on the app: ``async with browser() as b``."""
    app = build_app(settings, manage_db=False)

    @asynccontextmanager
    async def open_browser(base_url: str = "http://testserver") -> AsyncIterator[WebClient]:
        transport = httpx.ASGITransport(app=app)
        async with httpx.AsyncClient(transport=transport, base_url=base_url) as http:
            yield WebClient(http)

    return open_browser
