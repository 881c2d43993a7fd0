"""``jenjang demo --no-serve``: migrates, loads an empty database once, lists the accounts."""

from __future__ import annotations

import asyncio
from collections.abc import Iterator
from typing import Any

import pytest
from typer.testing import CliRunner

from portal import db as portal_db
from portal.cli import app as cli
from portal.models import Agency, Employee
from portal.settings import get_settings


@pytest.fixture
def url(database: Any, monkeypatch: pytest.MonkeyPatch) -> Iterator[str]:
    monkeypatch.setenv("JENJANG_DATABASE_URL", database.url)
    get_settings.cache_clear()
    yield database.url
    get_settings.cache_clear()


def counts(url: str) -> tuple[int, int]:
    async def work() -> tuple[int, int]:
        await portal_db.init_db(url)
        try:
            return await Agency.all().count(), await Employee.all().count()
        finally:
            await portal_db.close_db()

    return asyncio.run(work())


def test_demo_loads_once_and_lists_the_accounts(url: str) -> None:
    # when
    first = CliRunner().invoke(cli, ["demo", "--no-serve", "--scale", "0.2"])
    # then
    assert first.exit_code == 0, first.output
    assert "loaded serang" in first.output and "loaded tangsel" in first.output
    assert "jenjang-demo" in first.output
    for name in ("pegawai.serang", "atasan.tangsel", "hr.serang", "komite3.tangsel"):
        assert name in first.output
    loaded = counts(url)
    assert loaded[0] == 2 and loaded[1] > 100
    # when: run again on the same database
    second = CliRunner().invoke(cli, ["demo", "--no-serve"])
    # then: nothing is loaded twice
    assert second.exit_code == 0, second.output
    assert "not loaded again" in second.output
    assert counts(url) == loaded
