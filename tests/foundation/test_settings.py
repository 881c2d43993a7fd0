"""Settings from JENJANG_* variables: defaults, and a clear error without a secret."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from pydantic import ValidationError
from tortoise import connections
from typer.testing import CliRunner

from portal import db as portal_db
from portal.app import build_app
from portal.cli import app as cli
from portal.settings import DEMO_SECRET, Settings, SettingsError, get_settings
from tests.databases import Database


@pytest.fixture
def bare_env(monkeypatch: pytest.MonkeyPatch) -> Iterator[pytest.MonkeyPatch]:
    """No JENJANG_* variables, and the cached settings forgotten before and after."""
    for name in ("JENJANG_SECRET_KEY", "JENJANG_DEMO", "JENJANG_PORT", "JENJANG_DATABASE_URL"):
        monkeypatch.delenv(name, raising=False)
    get_settings.cache_clear()
    yield monkeypatch
    get_settings.cache_clear()


def test_defaults(bare_env: pytest.MonkeyPatch) -> None:
    # when
    settings = Settings()
    # then
    assert settings.port == 8000
    assert settings.database_url.startswith("sqlite://")
    assert settings.database_url.endswith("jenjang.sqlite3")
    assert settings.demo is False


def test_environment_overrides(bare_env: pytest.MonkeyPatch) -> None:
    # given
    bare_env.setenv("JENJANG_PORT", "9100")
    bare_env.setenv("JENJANG_RULES__STUDY_MIN_SERVICE_YEARS", "2")
    # when
    settings = Settings()
    # then
    assert settings.port == 9100
    assert settings.rules.study_min_service_years == 2


def test_missing_secret_is_a_clear_startup_error(bare_env: pytest.MonkeyPatch) -> None:
    # given
    settings = Settings()
    # when / then
    with pytest.raises(SettingsError, match="JENJANG_SECRET_KEY is not set"):
        build_app(settings)


def test_short_secret_is_refused(bare_env: pytest.MonkeyPatch) -> None:
    with pytest.raises(SettingsError, match="at least 32 characters"):
        Settings(secret_key="too-short").require_secret()


def test_demo_mode_brings_its_own_secret(bare_env: pytest.MonkeyPatch) -> None:
    # given
    bare_env.setenv("JENJANG_DEMO", "1")
    # when
    settings = Settings()
    # then
    assert settings.secret_key == DEMO_SECRET
    settings.require_secret()


def test_serve_without_secret_exits_with_the_message(bare_env: pytest.MonkeyPatch) -> None:
    # when
    result = CliRunner().invoke(cli, ["serve"])
    # then
    assert result.exit_code == 2
    assert "JENJANG_SECRET_KEY" in result.output


@pytest.mark.parametrize("database", ["postgres"], indirect=True)
async def test_the_pool_size_reaches_the_postgresql_pool(
    database: Database, bare_env: pytest.MonkeyPatch
) -> None:
    # given
    bare_env.setenv("JENJANG_DATABASE_POOL_SIZE", "7")
    # when
    await portal_db.init_db(database.url)
    try:
        client = connections.get("default")
        await client.execute_query("SELECT 1")
        # then: the pool holds at most seven connections, and the URL stays plain for asyncpg
        assert client.pool_maxsize == 7
        assert "maxsize" not in database.url
    finally:
        await portal_db.close_db()


def test_a_pool_size_out_of_range_is_refused(bare_env: pytest.MonkeyPatch) -> None:
    bare_env.setenv("JENJANG_DATABASE_POOL_SIZE", "0")
    with pytest.raises(ValidationError, match="database_pool_size"):
        Settings()
