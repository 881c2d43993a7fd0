"""Backups: ``jenjang backup`` / ``restore`` on SQLite, pg_dump / pg_restore on PostgreSQL; after a
restore the audit chains verify and the data is all there."""

from __future__ import annotations

import asyncio
import os
import subprocess
import uuid
from collections.abc import Awaitable, Callable, Iterator
from pathlib import Path
from typing import TypeVar

import pytest
from typer.testing import CliRunner

from portal import db as portal_db
from portal.cli import app
from portal.models import AuditEntry, CareerRequest, Employee
from portal.settings import Settings, get_settings
from portal.vocabulary import RequestKind
from tests.databases import Database, Templates, _pg_admin, _pg_url
from tests.workflows.factories import details_for, workflow_office
from workflows.career import service

HAS_DOCUMENTS = "document_dir" in Settings.model_fields

T = TypeVar("T")
UseDatabase = Callable[[str], None]


async def _with_db(url: str, work: Callable[[], Awaitable[T]]) -> T:
    await portal_db.init_db(url)
    try:
        return await work()
    finally:
        await portal_db.close_db()


async def _records() -> dict[str, int]:
    wo = await workflow_office()
    for kind in RequestKind:
        await service.submit(actor=await wo.staff(), kind=kind, details=details_for(kind, wo))
    return await _counts()


async def _counts() -> dict[str, int]:
    return {
        "employees": await Employee.all().count(),
        "requests": await CareerRequest.all().count(),
        "audit": await AuditEntry.all().count(),
    }


@pytest.fixture
def use_database(monkeypatch: pytest.MonkeyPatch) -> Iterator[UseDatabase]:
    def use(url: str) -> None:
        monkeypatch.setenv("JENJANG_DATABASE_URL", url)
        get_settings.cache_clear()

    yield use
    get_settings.cache_clear()


def test_sqlite_backup_restores_into_a_new_file_and_the_audit_log_verifies(
    database: Database, tmp_path: Path, use_database: UseDatabase, monkeypatch: pytest.MonkeyPatch
) -> None:
    if database.is_postgres:
        pytest.skip("PostgreSQL is backed up with pg_dump (the test below)")
    # given: a database with requests and their audit trail, and uploaded documents
    counts = asyncio.run(_with_db(database.url, _records))
    documents = tmp_path / "documents"
    (documents / "2024").mkdir(parents=True)
    (documents / "2024" / "sk-pangkat.pdf").write_bytes(b"%PDF-1.4 sk")
    monkeypatch.setenv("JENJANG_DOCUMENT_DIR", str(documents))
    use_database(database.url)
    runner = CliRunner()
    archive = tmp_path / "jenjang-backup.tar.gz"
    # when
    backed_up = runner.invoke(app, ["backup", str(archive)])
    restored_path = tmp_path / "restored" / "jenjang.sqlite3"
    if HAS_DOCUMENTS:
        monkeypatch.setenv("JENJANG_DOCUMENT_DIR", str(tmp_path / "restored-documents"))
    use_database(f"sqlite://{restored_path}")
    restored = runner.invoke(app, ["restore", str(archive)])
    verified = runner.invoke(app, ["audit", "verify"])
    again = runner.invoke(app, ["restore", str(archive)])
    # then
    assert backed_up.exit_code == 0, backed_up.output
    assert restored.exit_code == 0, restored.output
    assert verified.exit_code == 0, verified.output
    assert "serang: ok" in verified.output
    assert asyncio.run(_with_db(f"sqlite://{restored_path}", _counts)) == counts
    assert again.exit_code == 1 and "--force" in again.output  # never over a database silently
    if HAS_DOCUMENTS:
        copy = tmp_path / "restored-documents" / "2024" / "sk-pangkat.pdf"
        assert copy.read_bytes() == b"%PDF-1.4 sk"


def test_backup_refuses_postgresql_and_points_at_pg_dump(use_database: UseDatabase) -> None:
    use_database("postgres://postgres@127.0.0.1:5432/jenjang")
    result = CliRunner().invoke(app, ["backup", "x.tar.gz"])
    assert result.exit_code == 2 and "pg_dump" in result.output


def test_postgresql_pg_dump_and_pg_restore_into_a_fresh_database_verify(
    database: Database, templates: Templates, tmp_path: Path, use_database: UseDatabase
) -> None:
    if not database.is_postgres:
        pytest.skip("SQLite is backed up with jenjang backup (the test above)")
    # given
    counts = asyncio.run(_with_db(database.url, _records))
    dump = tmp_path / "jenjang.dump"
    fresh = f"jenjang_restore_{uuid.uuid4().hex[:10]}"
    env = {**os.environ, "PGCONNECT_TIMEOUT": "10"}
    # when: the documented commands
    subprocess.run(
        ["pg_dump", "--format=custom", "--file", str(dump), database.url],
        check=True,
        env=env,
        timeout=120,
    )
    asyncio.run(_pg_admin(f'CREATE DATABASE "{fresh}"'))
    templates.pg_databases.append(fresh)
    subprocess.run(
        ["pg_restore", "--no-owner", "--exit-on-error", "--dbname", _pg_url(fresh), str(dump)],
        check=True,
        env=env,
        timeout=120,
    )
    use_database(_pg_url(fresh))
    verified = CliRunner().invoke(app, ["audit", "verify"])
    # then
    assert verified.exit_code == 0, verified.output
    assert "serang: ok" in verified.output
    assert asyncio.run(_with_db(_pg_url(fresh), _counts)) == counts
