"""Test set-up: the environment first, then one migrated template database per backend.

The suite runs in parallel worker processes (pytest-xdist, ``-n auto`` in pyproject.toml,
spread as tests/workers.py says); each makes its own templates (tests/databases.py).
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

from collections.abc import AsyncIterator, Iterator

import pytest

from portal import db as portal_db
from portal.clock import clock
from tests.databases import (
    DEMO_LOADED_AT,
    POSTGRES_URL,
    RUN,
    WORKER,
    Database,
    Templates,
    drop_run,
)
from tests.workers import pytest_xdist_make_scheduler as pytest_xdist_make_scheduler

BACKENDS = ["sqlite", "postgres"]


@pytest.fixture(scope="session")
def templates(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Templates]:
    # a worker's base directory is inside the run's, which its siblings share
    base = tmp_path_factory.getbasetemp()
    shared = (base.parent if WORKER != "main" else base) / f"templates-{RUN}"
    shared.mkdir(exist_ok=True)
    made = Templates(tmp_path_factory.mktemp("db"), shared)
    yield made
    made.drop_all()


def pytest_sessionfinish(session: pytest.Session) -> None:
    """The process that started the run drops its databases once every worker is done."""
    if WORKER == "main":
        drop_run()


@pytest.fixture(params=BACKENDS)
def database(request: pytest.FixtureRequest, templates: Templates) -> Iterator[Database]:
    """A fresh migrated database, not opened; dropped when the test ends."""
    skip_without_postgres(request.param)
    made = templates.postgres() if request.param == "postgres" else templates.sqlite()
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


@pytest.fixture(params=BACKENDS)
def demo_database(request: pytest.FixtureRequest, templates: Templates) -> Iterator[Database]:
    """A fresh database holding the demo (a copy of one loaded per backend), not opened."""
    skip_without_postgres(request.param)
    made = templates.demo(request.param)
    yield made
    templates.drop(made)


@pytest.fixture
async def demo_db(demo_database: Database) -> AsyncIterator[Database]:
    """The demo with the ORM open on it, and the clock at the moment it was loaded."""
    await portal_db.init_db(demo_database.url)
    clock.freeze(DEMO_LOADED_AT)
    try:
        yield demo_database
    finally:
        await portal_db.close_db()


def skip_without_postgres(backend: str) -> None:
    if backend == "postgres" and not POSTGRES_URL:
        pytest.skip("PostgreSQL run skipped: JENJANG_TEST_POSTGRES_URL is not set")


@pytest.fixture(autouse=True)
def _reset_clock() -> Iterator[None]:
    clock.reset()
    yield
    clock.reset()
