"""GraphQL-over-HTTP conformance: graphql-http's server audits (all 61, warnings included)."""

from __future__ import annotations

import asyncio
import json
import shutil
from pathlib import Path
from typing import Any

import pytest

from portal.settings import Settings
from tests.api.live import live_server

CONFORMANCE = Path(__file__).resolve().parent.parent / "conformance"
NPM_TIMEOUT = 300
AUDIT_TIMEOUT = 120


async def _run(*command: str, cwd: Path, within: float) -> tuple[int, str, str]:
    process = await asyncio.create_subprocess_exec(
        *command, cwd=cwd, stdout=asyncio.subprocess.PIPE, stderr=asyncio.subprocess.PIPE
    )
    try:
        out, err = await asyncio.wait_for(process.communicate(), within)
    except TimeoutError:
        process.kill()
        await process.wait()
        raise
    return process.returncode or 0, out.decode(), err.decode()


async def _install() -> None:
    """``npm ci`` from the committed lock file, once per checkout."""
    if (CONFORMANCE / "node_modules" / "graphql-http").is_dir():
        return
    code, _, err = await _run(
        "npm", "ci", "--no-audit", "--no-fund", cwd=CONFORMANCE, within=NPM_TIMEOUT
    )
    assert code == 0, f"npm ci failed: {err[-2000:]}"


@pytest.mark.slow
async def test_every_graphql_http_server_audit_passes(db: Any, settings: Settings) -> None:
    if db.is_postgres:
        pytest.skip("the HTTP layer does not depend on the database: audited on SQLite only")
    if shutil.which("node") is None or shutil.which("npm") is None:
        pytest.skip("node and npm are needed for the graphql-http audits and are not installed")
    # given
    await _install()
    async with live_server(settings) as url:
        # when
        code, out, err = await _run(
            "node", "audit.mjs", f"{url}/graphql", cwd=CONFORMANCE, within=AUDIT_TIMEOUT
        )
    # then
    assert code == 0, err
    results = json.loads(out.strip().splitlines()[-1])
    failed = [f"{r['id']} {r['name']}: {r['status']} {r.get('reason')}" for r in results]
    failed = [line for line, r in zip(failed, results, strict=True) if r["status"] != "ok"]
    assert len(results) == 61
    assert failed == []
