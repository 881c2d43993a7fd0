"""`jenjang serve` as a real subprocess on a free 127.0.0.1 port, for multi-process and fault tests.

Every wait is bounded; the process is always stopped (terminated, or killed) when the block ends.
"""

from __future__ import annotations

import asyncio
import contextlib
import os
import signal
import sys
from collections.abc import AsyncIterator
from dataclasses import dataclass
from pathlib import Path

import httpx

from tests.api.live import free_port

ROOT = Path(__file__).resolve().parents[2]
START_TIMEOUT = 60.0  # a bound on a wait for success: roomy on a busy shared machine


@dataclass
class Served:
    url: str
    process: asyncio.subprocess.Process

    async def kill(self) -> None:
        """kill -9: no shutdown, no cleanup, whatever it was doing is cut off."""
        if self.process.returncode is None:
            self.process.send_signal(signal.SIGKILL)
            await asyncio.wait_for(self.process.wait(), 10)


async def wait_until_healthy(url: str, process: asyncio.subprocess.Process, log: Path) -> None:
    async with asyncio.timeout(START_TIMEOUT), httpx.AsyncClient() as http:
        while True:
            assert process.returncode is None, f"the server exited: see {log}"
            with contextlib.suppress(httpx.TransportError):
                if (await http.get(f"{url}/healthz")).status_code == 200:
                    return
            await asyncio.sleep(0.1)


@contextlib.asynccontextmanager
async def jenjang_serve(
    database_url: str, secret: str, log: Path, **settings: str
) -> AsyncIterator[Served]:
    """A `jenjang serve` process (``settings`` as ``JENJANG_*`` variables) once /healthz answers."""
    port = free_port()
    env = {
        **os.environ,
        "JENJANG_DATABASE_URL": database_url,
        "JENJANG_SECRET_KEY": secret,
        "JENJANG_LOG_LEVEL": "warning",
        "JENJANG_GRAPHIQL": "false",
        **{f"JENJANG_{name.upper()}": value for name, value in settings.items()},
    }
    env.pop("JENJANG_DEMO", None)
    command = [sys.executable, "-c", "from portal.cli import main; main()", "serve"]
    with log.open("ab") as output:
        process = await asyncio.create_subprocess_exec(
            *command,
            "--host",
            "127.0.0.1",
            "--port",
            str(port),
            cwd=ROOT,
            env=env,
            stdout=output,
            stderr=output,
        )
    served = Served(f"http://127.0.0.1:{port}", process)
    try:
        await wait_until_healthy(served.url, process, log)
        yield served
    finally:
        if process.returncode is None:
            process.terminate()
            try:
                await asyncio.wait_for(process.wait(), 10)
            except TimeoutError:
                process.kill()
                await process.wait()
