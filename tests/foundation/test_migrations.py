"""Migrations from empty, no model change outside them, no serving a schema behind the code."""

from __future__ import annotations

import uuid
from collections.abc import AsyncIterator
from pathlib import Path

import pytest
from tortoise.cli.cli import tortoise_cli_context
from tortoise.migrations.autodetector import MigrationAutodetector

from portal import db as portal_db
from portal.app import build_app
from portal.settings import Settings
from tests.databases import POSTGRES_URL, RUN_ID, Templates, _pg_admin, _pg_url


@pytest.fixture(params=["sqlite", "postgres"])
async def empty_url(
    request: pytest.FixtureRequest, tmp_path: Path, templates: Templates
) -> AsyncIterator[str]:
    """The URL of an empty database: no tables, no migrations applied."""
    if request.param == "sqlite":
        yield f"sqlite://{tmp_path / 'empty.sqlite3'}"
        return
    if not POSTGRES_URL:
        pytest.skip("PostgreSQL run skipped: JENJANG_TEST_POSTGRES_URL is not set")
    name = f"jenjang_test_{RUN_ID}_empty_{uuid.uuid4().hex[:8]}"
    await _pg_admin(f'CREATE DATABASE "{name}"')
    templates.pg_databases.append(name)
    yield _pg_url(name)
    templates.drop_postgres(name)


async def test_empty_database_migrates_to_no_pending(empty_url: str) -> None:
    # given
    await portal_db.init_db(empty_url)
    try:
        before = await portal_db.pending_migrations()
        # when
        applied = await portal_db.migrate()
        # then
        assert applied == before
        assert "models.0001_initial" in applied
        assert await portal_db.pending_migrations() == []
        await portal_db.ensure_migrated()
        # and a second run applies nothing
        assert await portal_db.migrate() == []
    finally:
        await portal_db.close_db()


async def test_ensure_migrated_names_the_fix(empty_url: str) -> None:
    # given
    await portal_db.init_db(empty_url)
    try:
        # when / then
        with pytest.raises(portal_db.PendingMigrations, match="jenjang migrate"):
            await portal_db.ensure_migrated()
    finally:
        await portal_db.close_db()


async def test_server_refuses_to_start_with_pending_migrations(empty_url: str) -> None:
    # given
    app = build_app(Settings(database_url=empty_url, secret_key="s" * 40))
    # when / then: the lifespan (start-up) fails and says which command fixes it
    with pytest.raises(portal_db.PendingMigrations, match="jenjang migrate"):
        async with app.router.lifespan_context(app):
            pass


async def test_models_have_no_changes_missing_from_migrations() -> None:
    # given
    config = portal_db.tortoise_config("sqlite://:memory:")
    # when: Tortoise's makemigrations autodetector compares the models with the migrations
    async with tortoise_cli_context(config) as ctx:
        assert ctx.apps is not None
        writers = await MigrationAutodetector(ctx.apps, config["apps"]).changes()
    # then
    assert [w.name for w in writers] == [], "run `make migrations` and commit the result"
