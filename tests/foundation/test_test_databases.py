"""The test harness itself: a PostgreSQL test database handed back is emptied for the next test."""

from __future__ import annotations

import asyncio

import asyncpg
import pytest

from tests.databases import POSTGRES_URL, Templates

pytestmark = pytest.mark.skipif(not POSTGRES_URL, reason="PostgreSQL: JENJANG_TEST_POSTGRES_URL")


def _dsn(url: str) -> str:
    return url.replace("postgres://", "postgresql://", 1)


async def _run(url: str, *statements: str) -> list[object]:
    conn = await asyncpg.connect(_dsn(url))
    try:
        return [await conn.fetchval(s) for s in statements]
    finally:
        await conn.close()


def test_a_database_handed_back_is_reused_empty_with_fresh_ids(templates: Templates) -> None:
    # given: a test database with rows and used sequences
    first = templates.postgres()
    asyncio.run(
        _run(
            first.url,
            "INSERT INTO agency (code, name, rule_overrides, created_at, updated_at)"
            " VALUES ('x', 'X', '{}', now(), now()) RETURNING id",
        )
    )
    # when: it is handed back and another test asks for one
    templates.drop(first)
    templates.settle()
    existing = set(templates.pg_databases)
    second = templates.postgres()
    # then: an emptied database is reused (none is made), it holds nothing, ids start again
    assert second.url.rsplit("/", 1)[1] in existing
    rows, next_id = asyncio.run(
        _run(
            second.url,
            "SELECT count(*) FROM agency",
            "INSERT INTO agency (code, name, rule_overrides, created_at, updated_at)"
            " VALUES ('y', 'Y', '{}', now(), now()) RETURNING id",
        )
    )
    assert (rows, next_id) == (0, 1)
    templates.drop(second)


def test_a_database_whose_schema_a_test_changed_is_dropped(templates: Templates) -> None:
    # given: a test dropped a trigger
    database = templates.postgres()
    asyncio.run(_run(database.url, 'DROP TRIGGER audit_entry_no_change ON "audit_entry"'))
    name = database.url.rsplit("/", 1)[1]
    # when
    templates.drop(database)
    templates.settle()
    # then
    assert name not in templates.pg_databases
