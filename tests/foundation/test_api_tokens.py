"""``jenjang token create|revoke``: shown once, stored hashed, revocable, agency checked."""

from __future__ import annotations

import asyncio
import hashlib
from collections.abc import Awaitable, Callable, Iterator
from typing import Any, TypeVar

import pytest
from typer.testing import CliRunner

from portal import db as portal_db
from portal.auth import InvalidToken, viewer_from_bearer
from portal.cli import app as cli
from portal.models import Agency, ApiToken
from portal.settings import get_settings
from portal.vocabulary import Scope

T = TypeVar("T")
SECRET = "test-secret-key-that-is-long-enough-0123456789"


@pytest.fixture
def url(database: Any, monkeypatch: pytest.MonkeyPatch) -> Iterator[str]:
    """The CLI's database: a fresh migrated one holding the agency ``serang``."""
    monkeypatch.setenv("JENJANG_DATABASE_URL", database.url)
    get_settings.cache_clear()
    run(database.url, lambda: Agency.create(code="serang", name="Pemerintah Kota Serang"))
    yield database.url
    get_settings.cache_clear()


def run(url: str, work: Callable[[], Awaitable[T]]) -> T:
    """Run ``work`` with the ORM open on ``url`` (the CLI runs its own event loop too)."""

    async def runner() -> T:
        await portal_db.init_db(url)
        try:
            return await work()
        finally:
            await portal_db.close_db()

    return asyncio.run(runner())


def create(*args: str) -> Any:
    return CliRunner().invoke(cli, ["token", "create", *args])


def test_token_is_shown_once_and_stored_hashed(url: str) -> None:
    # when
    result = create("--agency", "serang", "--scope", "read", "--name", "dashboard")
    # then
    assert result.exit_code == 0, result.output
    assert "not shown again" in result.output
    token = result.output.strip().splitlines()[-1]
    assert token.startswith("jjg_")
    rows = run(url, lambda: ApiToken.all().values())
    assert len(rows) == 1
    row = rows[0]
    assert row["token_hash"] == hashlib.sha256(token.encode()).hexdigest()
    assert all(token not in str(value) for value in row.values())
    assert row["scopes"] == ["read"]
    assert row["name"] == "dashboard"


def test_token_authenticates_with_its_scopes(url: str) -> None:
    # given
    token = create("--agency", "serang").output.strip().splitlines()[-1]
    # when
    viewer = run(url, lambda: viewer_from_bearer(token, secret=SECRET))
    # then
    assert viewer.agency_code == "serang"
    assert viewer.scopes == frozenset({Scope.READ})
    assert viewer.is_token and not viewer.can_write


def test_revoked_token_is_refused(url: str) -> None:
    # given
    token = create("--agency", "serang").output.strip().splitlines()[-1]
    prefix = token.removeprefix("jjg_").split("_", 1)[0]
    # when
    result = CliRunner().invoke(cli, ["token", "revoke", "--agency", "serang", prefix])
    # then
    assert result.exit_code == 0, result.output
    with pytest.raises(InvalidToken):
        run(url, lambda: viewer_from_bearer(token, secret=SECRET))
    again = CliRunner().invoke(cli, ["token", "revoke", "--agency", "serang", prefix])
    assert again.exit_code == 1
    assert "no active token" in again.output


def test_unknown_agency_is_a_clear_error(url: str) -> None:
    # when
    result = create("--agency", "bogor", "--scope", "read")
    # then
    assert result.exit_code == 1
    assert "unknown agency 'bogor'" in result.output
    assert run(url, lambda: ApiToken.all().count()) == 0


def test_unknown_scope_is_a_clear_error(url: str) -> None:
    result = create("--agency", "serang", "--scope", "admin")
    assert result.exit_code == 1
    assert "unknown scope" in result.output
    assert run(url, lambda: ApiToken.all().count()) == 0
