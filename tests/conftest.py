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

POSTGRES_URL = os.environ.get("JENJANG_TEST_POSTGRES_URL", "")
RUN_ID = uuid.uuid4().hex[:8]
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
        self._to_drop: queue.Queue[str | None] = queue.Queue()
        self._dropper: threading.Thread | None = None

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

    def drop(self, database: Database) -> None:
        """Drop a test's database as the test ends (PostgreSQL: in the background, see below)."""
        if database.is_postgres:
            self.drop_postgres(urlsplit(database.url).path.lstrip("/"))
        else:
            path = Path(database.url.removeprefix("sqlite://"))
            for leftover in (
                path,
                path.with_name(path.name + "-wal"),
                path.with_name(path.name + "-shm"),
            ):
                leftover.unlink(missing_ok=True)

    def drop_postgres(self, name: str) -> None:
        """Queue a database to drop: a thread drops it while the next test runs.

        A DROP DATABASE takes 0.05 s on a quiet server and seconds on a busy one (it unlinks the
        files and waits for every backend to let go); nothing needs to wait for it but the end.
        """
        if self._dropper is None:
            self._dropper = threading.Thread(target=self._drop_queued, daemon=True)
            self._dropper.start()
        self._to_drop.put(name)

    def _drop_queued(self) -> None:
        """Drop what is queued, the waiting ones together: their checkpoints coalesce."""
        done = False
        while not done:
            batch = [self._to_drop.get()]
            while not self._to_drop.empty() and len(batch) < DROP_BATCH:
                batch.append(self._to_drop.get())
            done = None in batch
            names = [name for name in batch if name is not None]
            asyncio.run(_drop_databases(names))
            for name in names:
                self.pg_databases.remove(name)

    def drop_all(self) -> None:
        if self._dropper is not None:
            self._to_drop.put(None)
            self._dropper.join()
        if not self.pg_databases:
            return
        # the template last: nothing else may still be cloned from it
        others = [n for n in self.pg_databases if n != self.pg_template]
        for start in range(0, len(others), DROP_BATCH):
            asyncio.run(_drop_databases(others[start : start + DROP_BATCH]))
        asyncio.run(_drop_databases([n for n in self.pg_databases if n == self.pg_template]))


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
