"""``jenjang backup`` / ``jenjang restore``: an SQLite database and the uploaded documents.

The archive (``.tar.gz``) holds ``manifest.json``, ``database.sqlite3`` (copied with SQLite's
online backup API, consistent while the server runs) and ``documents/`` when the setting
``JENJANG_DOCUMENT_DIR`` exists and points at a directory. PostgreSQL is backed up with its own
tools (``pg_dump`` / ``pg_restore``, see docs/operations.md).
"""

from __future__ import annotations

import io
import json
import shutil
import sqlite3
import tarfile
import tempfile
from datetime import UTC, datetime
from pathlib import Path

import typer

from portal.cli._common import console, fail
from portal.db import is_postgres
from portal.settings import get_settings

FORMAT = "jenjang-backup-v1"
DATABASE = "database.sqlite3"
DOCUMENTS = "documents"


def sqlite_path(database_url: str) -> Path:
    """The file of an ``sqlite://`` URL (query parameters dropped)."""
    return Path(database_url.removeprefix("sqlite://").split("?", 1)[0])


def document_dir() -> Path | None:
    value = getattr(get_settings(), "document_dir", None)
    return Path(value) if value else None


def copy_database(source: Path, target: Path) -> None:
    """A consistent copy through SQLite's online backup API (readers and writers may go on)."""
    with sqlite3.connect(source) as src, sqlite3.connect(target) as dst:
        src.backup(dst)
    src.close()
    dst.close()


def _refuse_postgres() -> None:
    if is_postgres(get_settings().database_url):
        raise fail(
            "the database is PostgreSQL: back it up with pg_dump -Fc and restore with "
            "pg_restore (docs/operations.md); the documents directory with your file backup",
            2,
        )


def backup(archive: Path = typer.Argument(..., help="The .tar.gz file to write")) -> None:
    """Write the SQLite database and the uploaded documents to one archive."""
    _refuse_postgres()
    source = sqlite_path(get_settings().database_url)
    if not source.exists():
        raise fail(f"no database file at {source}")
    if archive.exists():
        raise fail(f"{archive} exists: choose a new name")
    documents = document_dir()
    with tempfile.TemporaryDirectory() as work:
        copy = Path(work) / DATABASE
        copy_database(source, copy)
        manifest = {
            "format": FORMAT,
            "created_at": datetime.now(UTC).isoformat(),
            "database": DATABASE,
            "documents": bool(documents and documents.is_dir()),
        }
        with tarfile.open(archive, "w:gz") as tar:
            data = json.dumps(manifest, indent=2).encode()
            info = tarfile.TarInfo("manifest.json")
            info.size = len(data)
            tar.addfile(info, io.BytesIO(data))
            tar.add(copy, arcname=DATABASE)
            if documents and documents.is_dir():
                tar.add(documents, arcname=DOCUMENTS)
    console.print(f"backed up {source} to {archive}" + (" with documents" if documents else ""))


def _has_data(path: Path) -> bool:
    if not path.exists() or path.stat().st_size == 0:
        return False
    with sqlite3.connect(path) as conn:
        tables = conn.execute("SELECT count(*) FROM sqlite_master WHERE type='table'").fetchone()
    conn.close()
    return bool(tables and tables[0])


def restore(
    archive: Path = typer.Argument(..., help="An archive written by `jenjang backup`"),
    force: bool = typer.Option(False, help="Replace a database (and documents) that exist"),
) -> None:
    """Restore the SQLite database and the documents; stop every server first."""
    _refuse_postgres()
    target = sqlite_path(get_settings().database_url)
    if _has_data(target) and not force:
        raise fail(f"{target} holds a database: stop the servers and pass --force to replace it")
    with tempfile.TemporaryDirectory() as work, tarfile.open(archive, "r:gz") as tar:
        tar.extractall(work, filter="data")
        manifest = json.loads((Path(work) / "manifest.json").read_text())
        if manifest.get("format") != FORMAT:
            raise fail(f"{archive} is not a Jenjang backup")
        target.parent.mkdir(parents=True, exist_ok=True)
        copy_database(Path(work) / manifest["database"], target)
        documents = document_dir()
        saved = Path(work) / DOCUMENTS
        if manifest.get("documents") and documents is not None and saved.is_dir():
            if documents.exists() and any(documents.iterdir()) and not force:
                raise fail(f"{documents} is not empty: pass --force to replace it")
            shutil.rmtree(documents, ignore_errors=True)
            shutil.copytree(saved, documents)
    console.print(f"restored {target} from {archive}; now run `jenjang audit verify`")


def register(app: typer.Typer) -> None:
    app.command()(backup)
    app.command()(restore)
