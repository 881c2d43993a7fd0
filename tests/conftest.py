"""Test set-up: the environment first, then one migrated template database per backend.

Every test that asks for ``db`` runs twice, on SQLite and on PostgreSQL (where
``JENJANG_TEST_POSTGRES_URL`` is set; otherwise the PostgreSQL run is skipped and says so).
Each test gets a fresh database cloned from a migrated template, so tests never share data.
"""

from __future__ import annotations

import os
import tempfile

os.environ.setdefault("JENJANG_SECRET_KEY", "test-secret-key-that-is-long-enough-0123456789")
os.environ.pop("JENJANG_DEMO", None)
os.environ.pop("JENJANG_DATABASE_URL", None)
# Uploaded documents of the test run go to a temporary store.
os.environ.setdefault("JENJANG_DOCUMENT_DIR", tempfile.mkdtemp(prefix="jenjang-documents-"))
# The workflow tests predate the berkas gate at the HR stage; tests/personnel/test_documents.py
# turns it on and proves it.
os.environ.setdefault("JENJANG_DOCUMENTS_REQUIRED", "0")

import asyncio
import shutil
import uuid
from collections.abc import AsyncIterator, Iterator
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

import asyncpg
import pytest

from portal import db as portal_db
from portal.clock import clock

POSTGRES_URL = os.environ.get("JENJANG_TEST_POSTGRES_URL", "")
RUN_ID = uuid.uuid4().hex[:8]
BACKENDS = ["sqlite", "postgres"]


@dataclass(frozen=True)
class Database:
    """A fresh, migrated database for one test."""

    backend: str
    url: str

    @property
    def is_postgres(self) -> bool:
        return self.backend == "postgres"


def _pg_url(name: str) -> str:
    parts = urlsplit(POSTGRES_URL)
    return urlunsplit((parts.scheme, parts.netloc, f"/{name}", parts.query, parts.fragment))


def _admin_dsn() -> str:
    return _pg_url("postgres").replace("postgres://", "postgresql://", 1)


async def _pg_admin(*statements: str) -> None:
    conn = await asyncpg.connect(_admin_dsn())
    try:
        for statement in statements:
            await conn.execute(statement)
    finally:
        await conn.close()


async def _migrate(url: str) -> None:
    await portal_db.init_db(url, global_fallback=False)
    try:
        await portal_db.migrate()
    finally:
        await portal_db.close_db()


class Templates:
    """Migrated template databases, made once per test session."""

    def __init__(self, workdir: Path) -> None:
        self.workdir = workdir
        self.sqlite_template = workdir / "template.sqlite3"
        self.pg_template = f"jenjang_test_{RUN_ID}_tmpl"
        self.pg_databases: list[str] = []
        self._sqlite_ready = False
        self._pg_ready = False

    def sqlite(self) -> Database:
        if not self._sqlite_ready:
            asyncio.run(_migrate(f"sqlite://{self.sqlite_template}"))
            self._sqlite_ready = True
        path = self.workdir / f"{uuid.uuid4().hex}.sqlite3"
        shutil.copyfile(self.sqlite_template, path)
        return Database("sqlite", f"sqlite://{path}")

    def postgres(self) -> Database:
        if not self._pg_ready:
            asyncio.run(_pg_admin(f'CREATE DATABASE "{self.pg_template}"'))
            self.pg_databases.append(self.pg_template)
            asyncio.run(_migrate(_pg_url(self.pg_template)))
            self._pg_ready = True
        name = f"jenjang_test_{RUN_ID}_{uuid.uuid4().hex[:10]}"
        asyncio.run(_pg_admin(f'CREATE DATABASE "{name}" TEMPLATE "{self.pg_template}"'))
        self.pg_databases.append(name)
        return Database("postgres", _pg_url(name))

    def drop_all(self) -> None:
        if not self.pg_databases:
            return
        drops = [f'DROP DATABASE IF EXISTS "{n}" WITH (FORCE)' for n in reversed(self.pg_databases)]
        asyncio.run(_pg_admin(*drops))


@pytest.fixture(scope="session")
def templates(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Templates]:
    made = Templates(tmp_path_factory.mktemp("db"))
    yield made
    made.drop_all()


@pytest.fixture(params=BACKENDS)
def database(request: pytest.FixtureRequest, templates: Templates) -> Database:
    """A fresh migrated database, not opened."""
    if request.param == "postgres":
        if not POSTGRES_URL:
            pytest.skip("PostgreSQL run skipped: JENJANG_TEST_POSTGRES_URL is not set")
        return templates.postgres()
    return templates.sqlite()


@pytest.fixture
async def db(database: Database) -> AsyncIterator[Database]:
    """A fresh migrated database with the ORM open on it for this test."""
    await portal_db.init_db(database.url)
    try:
        yield database
    finally:
        await portal_db.close_db()


@pytest.fixture(autouse=True)
def _reset_clock() -> Iterator[None]:
    clock.reset()
    yield
    clock.reset()
