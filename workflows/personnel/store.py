"""The document store: files named by their SHA-256 in a directory that every server process
shares (``JENJANG_DOCUMENT_DIR``) and the backup includes. Writing is atomic (a temporary file
renamed into place) and idempotent: the same content is one file.
"""

from __future__ import annotations

import asyncio
import hashlib
import os
import tempfile
from pathlib import Path

from portal.settings import get_settings


def _path(root: Path, sha256: str) -> Path:
    return root / sha256[:2] / sha256


def _write(root: Path, content: bytes) -> str:
    sha256 = hashlib.sha256(content).hexdigest()
    target = _path(root, sha256)
    if target.exists():
        return sha256
    target.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(dir=target.parent, prefix=".upload-")
    try:
        with os.fdopen(handle, "wb") as out:
            out.write(content)
            out.flush()
            os.fsync(out.fileno())
        os.replace(temporary, target)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
    return sha256


def _read(root: Path, sha256: str) -> bytes:
    return _path(root, sha256).read_bytes()


async def put(content: bytes) -> str:
    """Store ``content``; its SHA-256 (hex) names it."""
    return await asyncio.to_thread(_write, get_settings().document_dir, content)


async def get(sha256: str) -> bytes:
    return await asyncio.to_thread(_read, get_settings().document_dir, sha256)
