"""Test set-up: the environment first, then one migrated template database per backend.

The suite runs in parallel worker processes (pytest-xdist, ``-n auto`` in pyproject.toml);
everything below is per worker process: its templates, its databases, its temporary files.
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
import queue
import shutil
import threading
import uuid
from collections.abc import AsyncIterator, Iterator
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

import asyncpg
import pytest

from portal import db as portal_db
from portal.clock import clock
from tests.workers import pytest_xdist_make_scheduler as pytest_xdist_make_scheduler

POSTGRES_URL = os.environ.get("JENJANG_TEST_POSTGRES_URL", "")
# pytest-xdist runs the suite in several worker processes (gw0, gw1, ...): each has its own
# templates and databases, named after the worker so that no two processes share one.
WORKER = os.environ.get("PYTEST_XDIST_WORKER", "main")
RUN_ID = f"{uuid.uuid4().hex[:8]}_{WORKER}"
BACKENDS = ["sqlite", "postgres"]
DROP_BATCH = 8  # databases dropped at once by the background dropper


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


async def _drop_databases(names: list[str]) -> None:
    """Each DROP DATABASE waits for a checkpoint; run at once, they share it."""
    await asyncio.gather(
        *(_pg_admin(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)') for name in names)
    )


# What a reused database must still be: its tables, constraints, triggers, functions, migrations.
_SHAPE_SQL = """
SELECT md5(string_agg(x, ',' ORDER BY x)) FROM (
    SELECT 'c:' || relname || relkind::text FROM pg_class
        WHERE relnamespace = 'public'::regnamespace
    UNION ALL SELECT 'k:' || conname FROM pg_constraint WHERE connamespace = 'public'::regnamespace
    UNION ALL SELECT 't:' || tgname FROM pg_trigger WHERE NOT tgisinternal
    UNION ALL SELECT 'p:' || proname FROM pg_proc WHERE pronamespace = 'public'::regnamespace
    UNION ALL SELECT 'm:' || count(*) FROM tortoise_migrations
) AS shape(x)
"""
_TABLES_SQL = (
    "SELECT tablename FROM pg_tables WHERE schemaname = 'public'"
    " AND tablename <> 'tortoise_migrations' ORDER BY tablename"
)


async def _shape(name: str) -> tuple[str, list[str]]:
    conn = await asyncpg.connect(_pg_url(name).replace("postgres://", "postgresql://", 1))
    try:
        return await conn.fetchval(_SHAPE_SQL), [r[0] for r in await conn.fetch(_TABLES_SQL)]
    finally:
        await conn.close()


async def _reset(name: str, shape: str, tables: list[str]) -> bool:
    """Empty a used test database back to the migrated template's state, if its shape is intact.

    Cheaper than DROP DATABASE (which waits for a checkpoint): only the tables a test filled are
    emptied, with triggers and foreign-key checks off (the audit table refuses DELETE), and every
    sequence restarts.
    """
    conn = await asyncpg.connect(_pg_url(name).replace("postgres://", "postgresql://", 1))
    try:
        await conn.execute(
            "SELECT pg_terminate_backend(pid) FROM pg_stat_activity"
            " WHERE datname = current_database() AND pid <> pg_backend_pid()"
        )
        if await conn.fetchval(_SHAPE_SQL) != shape:
            return False  # a test changed the schema (e.g. dropped a trigger): not reusable
        probe = " UNION ALL ".join(
            f"SELECT '{t}' WHERE EXISTS (SELECT 1 FROM \"{t}\")" for t in tables
        )
        filled = [r[0] for r in await conn.fetch(probe)]
        async with conn.transaction():
            await conn.execute("SET LOCAL session_replication_role = replica")
            for table in filled:
                await conn.execute(f'DELETE FROM "{table}"')
            await conn.execute(
                "SELECT setval(format('%I.%I', schemaname, sequencename)::regclass,"
                " start_value, false) FROM pg_sequences WHERE last_value IS NOT NULL"
            )
        return True
    finally:
        await conn.close()


async def _migrate(url: str) -> None:
    await portal_db.init_db(url, global_fallback=False)
    try:
        await portal_db.migrate()
    finally:
        await portal_db.close_db()


class Templates:
    """Migrated template databases, made once per test session.

    SQLite: each test gets a copy of the template file, deleted when the test ends. PostgreSQL:
    each test gets a database cloned from the template; when the test ends a background thread
    empties it for the next test (or drops it when a test changed its schema), so a session
    makes a handful of databases instead of one per test.
    """

    def __init__(self, workdir: Path) -> None:
        self.workdir = workdir
        self.sqlite_template = workdir / "template.sqlite3"
        self.pg_template = f"jenjang_test_{RUN_ID}_tmpl"
        self.pg_databases: list[str] = []
        self._sqlite_ready = False
        self._pg_ready = False
        self._pg_shape = ""
        self._pg_tables: list[str] = []
        self._reusable: queue.SimpleQueue[str] = queue.SimpleQueue()
        self._jobs: queue.Queue[tuple[str, str] | None] = queue.Queue()
        self._workers: list[threading.Thread] = []

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
            self._pg_shape, self._pg_tables = asyncio.run(_shape(self.pg_template))
            self._pg_ready = True
        try:
            name = self._reusable.get_nowait()
        except queue.Empty:
            name = f"jenjang_test_{RUN_ID}_{uuid.uuid4().hex[:10]}"
            asyncio.run(_pg_admin(f'CREATE DATABASE "{name}" TEMPLATE "{self.pg_template}"'))
            self.pg_databases.append(name)
        return Database("postgres", _pg_url(name))

    def drop(self, database: Database) -> None:
        """A test's database is done with: PostgreSQL's is emptied for reuse, SQLite's deleted."""
        if database.is_postgres:
            self._submit("reset", urlsplit(database.url).path.lstrip("/"))
        else:
            path = Path(database.url.removeprefix("sqlite://"))
            for leftover in (
                path,
                path.with_name(path.name + "-wal"),
                path.with_name(path.name + "-shm"),
            ):
                leftover.unlink(missing_ok=True)

    def drop_postgres(self, name: str) -> None:
        """Drop a PostgreSQL database in the background (it is not a clone of the template)."""
        self._submit("drop", name)

    def _submit(self, job: str, name: str) -> None:
        if not self._workers:
            self._workers = [threading.Thread(target=self._work, daemon=True) for _ in range(2)]
            for worker in self._workers:
                worker.start()
        self._jobs.put((job, name))

    def _work(self) -> None:
        while (item := self._jobs.get()) is not None:
            job, name = item
            try:
                if job == "reset" and asyncio.run(_reset(name, self._pg_shape, self._pg_tables)):
                    self._reusable.put(name)
                    continue
                asyncio.run(_drop_databases([name]))
                self.pg_databases.remove(name)
            except (OSError, asyncpg.PostgresError):
                pass  # left in pg_databases: drop_all drops it at the end
            finally:
                self._jobs.task_done()

    def settle(self) -> None:
        """Wait until every database handed back is emptied or dropped."""
        self._jobs.join()

    def drop_all(self) -> None:
        for _ in self._workers:
            self._jobs.put(None)
        for worker in self._workers:
            worker.join()
        # the template last: nothing may still be cloned from it
        others = [n for n in self.pg_databases if n != self.pg_template]
        for start in range(0, len(others), DROP_BATCH):
            asyncio.run(_drop_databases(others[start : start + DROP_BATCH]))
        if self.pg_template in self.pg_databases:
            asyncio.run(_drop_databases([self.pg_template]))


@pytest.fixture(scope="session")
def templates(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Templates]:
    made = Templates(tmp_path_factory.mktemp("db"))
    yield made
    made.drop_all()


@pytest.fixture(params=BACKENDS)
def database(request: pytest.FixtureRequest, templates: Templates) -> Iterator[Database]:
    """A fresh migrated database, not opened; dropped when the test ends."""
    if request.param == "postgres":
        if not POSTGRES_URL:
            pytest.skip("PostgreSQL run skipped: JENJANG_TEST_POSTGRES_URL is not set")
        made = templates.postgres()
    else:
        made = templates.sqlite()
    yield made
    templates.drop(made)


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
