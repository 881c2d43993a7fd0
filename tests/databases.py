"""The test databases: migrated templates per backend, a fresh copy for each test.

The migrated templates are made once per run and shared by the pytest-xdist worker processes:
the first worker to need one makes it under a file lock, the others wait for it and clone it
(migrating costs several seconds of CPU a backend). Each worker names the databases it clones
after itself (``jenjang_test_<run>_gw0_...``) and keeps its SQLite copies in its own temporary
directory, so no two processes share one. The process that started the run drops every
database of the run at its end (:func:`drop_run`).
"""

from __future__ import annotations

import asyncio
import fcntl
import json
import os
import queue
import shutil
import threading
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

import asyncpg

from portal import db as portal_db
from portal.clock import clock

POSTGRES_URL = os.environ.get("JENJANG_TEST_POSTGRES_URL", "")
# pytest-xdist runs the suite in several worker processes (gw0, gw1, ...): they share the run's
# migrated templates; the databases each clones are named after it, so no two share one.
WORKER = os.environ.get("PYTEST_XDIST_WORKER", "main")
# The run's name: set by the first process (the one that starts the workers, which inherit it).
RUN = os.environ.setdefault("JENJANG_TEST_RUN", uuid.uuid4().hex[:8])
RUN_ID = f"{RUN}_{WORKER}"
DROP_BATCH = 8  # databases dropped at once by the background dropper
# The demo that tests read (tests/foundation/test_demo_development.py, tests/workflows/test_demo_*):
# loaded once per backend with the clock at this moment, then copied for each test.
DEMO_SCALE = 0.3
DEMO_LOADED_AT = datetime(2026, 1, 2, 7, 30, tzinfo=UTC)


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


def _load_demo(url: str) -> None:
    from portal.demo import load_demo

    async def load() -> None:
        await portal_db.init_db(url)
        try:
            await load_demo(scale=DEMO_SCALE)
        finally:
            await portal_db.close_db()

    clock.freeze(DEMO_LOADED_AT)
    try:
        asyncio.run(load())
    finally:
        clock.reset()


class Templates:
    """Migrated template databases, made once per test session (per worker process).

    SQLite: each test gets a copy of the template file, deleted when the test ends. PostgreSQL:
    each test gets a database cloned from the template; when the test ends a background thread
    empties it for the next test (or drops it when a test changed its schema), so a session
    makes a handful of databases instead of one per test. ``demo`` hands out copies of a second
    template, the migrated one with the demo loaded, made when first asked for.
    """

    def __init__(self, workdir: Path, shared: Path) -> None:
        self.workdir = workdir
        self.shared = shared  # the run's directory, the same for every worker
        self.sqlite_template = shared / "template.sqlite3"
        self.pg_template = f"jenjang_test_{RUN}_tmpl"
        self.pg_databases: list[str] = []
        self.sqlite_demo = workdir / "demo.sqlite3"
        self.pg_demo = f"jenjang_test_{RUN_ID}_demo"
        self._demo_ready: set[str] = set()
        self._sqlite_ready = False
        self._pg_ready = False
        self._pg_shape = ""
        self._pg_tables: list[str] = []
        self._reusable: queue.SimpleQueue[str] = queue.SimpleQueue()
        self._jobs: queue.Queue[tuple[str, str] | None] = queue.Queue()
        self._workers: list[threading.Thread] = []

    @contextmanager
    def _shared_lock(self) -> Iterator[None]:
        """Held by one worker process at a time while it makes (or finds) a shared template."""
        with (self.shared / "templates.lock").open("w") as lock:
            fcntl.flock(lock, fcntl.LOCK_EX)
            try:
                yield
            finally:
                fcntl.flock(lock, fcntl.LOCK_UN)

    def sqlite(self) -> Database:
        if not self._sqlite_ready:
            with self._shared_lock():
                if not self.sqlite_template.exists():
                    making = self.shared / f"making-{WORKER}.sqlite3"
                    asyncio.run(_migrate(f"sqlite://{making}"))
                    os.replace(making, self.sqlite_template)
            self._sqlite_ready = True
        path = self.workdir / f"{uuid.uuid4().hex}.sqlite3"
        shutil.copyfile(self.sqlite_template, path)
        return Database("sqlite", f"sqlite://{path}")

    def postgres(self) -> Database:
        self._migrate_pg_template()
        try:
            name = self._reusable.get_nowait()
        except queue.Empty:
            name = self._pg_clone(self.pg_template)
        return Database("postgres", _pg_url(name))

    def _migrate_pg_template(self) -> None:
        """The run's migrated PostgreSQL template (made by the first worker), and its shape.

        Nothing stays connected to it once made: CREATE DATABASE ... TEMPLATE needs that.
        """
        if self._pg_ready:
            return
        made = self.shared / "pg_template.json"
        with self._shared_lock():
            if not made.exists():
                asyncio.run(
                    _pg_admin(
                        f'DROP DATABASE IF EXISTS "{self.pg_template}" WITH (FORCE)',
                        f'CREATE DATABASE "{self.pg_template}"',
                    )
                )
                asyncio.run(_migrate(_pg_url(self.pg_template)))
                shape, tables = asyncio.run(_shape(self.pg_template))
                made.write_text(json.dumps({"shape": shape, "tables": tables}))
            known = json.loads(made.read_text())
        self._pg_shape, self._pg_tables = known["shape"], known["tables"]
        self._pg_ready = True

    def _pg_clone(self, template: str, name: str = "") -> str:
        name = name or f"jenjang_test_{RUN_ID}_{uuid.uuid4().hex[:10]}"
        asyncio.run(_pg_admin(f'CREATE DATABASE "{name}" TEMPLATE "{template}"'))
        self.pg_databases.append(name)
        return name

    def demo(self, backend: str) -> Database:
        """A fresh database holding the demo (DEMO_SCALE, loaded at DEMO_LOADED_AT)."""
        if backend == "postgres":
            if backend not in self._demo_ready:
                self._migrate_pg_template()
                _load_demo(_pg_url(self._pg_clone(self.pg_template, self.pg_demo)))
                self._demo_ready.add(backend)
            return Database("postgres", _pg_url(self._pg_clone(self.pg_demo)))
        if backend not in self._demo_ready:
            loaded = self.sqlite()
            _load_demo(loaded.url)
            shutil.move(loaded.url.removeprefix("sqlite://"), self.sqlite_demo)
            self._demo_ready.add(backend)
        path = self.workdir / f"{uuid.uuid4().hex}.sqlite3"
        shutil.copyfile(self.sqlite_demo, path)
        return Database("sqlite", f"sqlite://{path}")

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
        """Drop this worker's databases (the shared template is the run's: see drop_run)."""
        for _ in self._workers:
            self._jobs.put(None)
        for worker in self._workers:
            worker.join()
        for start in range(0, len(self.pg_databases), DROP_BATCH):
            asyncio.run(_drop_databases(self.pg_databases[start : start + DROP_BATCH]))


def drop_run() -> None:
    """Drop every PostgreSQL database of this run: called once, when every worker is done."""
    if not POSTGRES_URL:
        return

    async def names() -> list[str]:
        conn = await asyncpg.connect(_admin_dsn())
        try:
            rows = await conn.fetch(
                "SELECT datname FROM pg_database WHERE datname LIKE $1",
                f"jenjang_test_{RUN}_%",
            )
            return [r[0] for r in rows]
        finally:
            await conn.close()

    leftovers = asyncio.run(names())
    for start in range(0, len(leftovers), DROP_BATCH):
        asyncio.run(_drop_databases(leftovers[start : start + DROP_BATCH]))
