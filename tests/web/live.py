"""The demo served by a real uvicorn process, and Chromium driven by Playwright.

The server runs ``jenjang serve`` on a free 127.0.0.1 port over a fresh SQLite database with the
demo loaded (``jenjang demo --no-serve``, on a copy of the run's migrated template when given
one, so it only loads), and stops with the tests. Browser tests need Debian's
Chromium at /usr/bin/chromium: without it they are skipped locally and fail in CI (CI=true).
"""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

import httpx
import pytest

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
PASSWORD = "jenjang-demo"
# Bounds on waits for success, roomy because the machine may be shared: loading the demo takes
# about 10 s of CPU, which on a busy 2-core machine beside the other test worker took over 120 s.
DEMO_LOAD_TIMEOUT = 600
START_TIMEOUT = 60


def require_chromium() -> None:
    if CHROMIUM.exists():
        return
    message = f"browser tests need Chromium at {CHROMIUM} (apt-get install chromium)"
    if os.environ.get("CI") == "true":
        pytest.fail(message)
    pytest.skip(message)


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@dataclass
class LiveServer:
    base_url: str
    outside: list[str] = field(default_factory=list)  # requests that tried to leave 127.0.0.1


@contextmanager
def demo_server(workdir: Path, migrated: Path | None = None) -> Iterator[LiveServer]:
    database = workdir / "demo.sqlite3"
    if migrated is not None:
        shutil.copyfile(migrated, database)
    env = {
        **os.environ,
        "JENJANG_DEMO": "1",
        "JENJANG_DATABASE_URL": f"sqlite://{database}",
        "JENJANG_LOGIN_FAILURE_DELAY_SECONDS": "0",
        "JENJANG_LOG_LEVEL": "WARNING",
    }
    cli = [sys.executable, "-m", "portal.cli"]
    subprocess.run(
        [*cli, "demo", "--no-serve", "--scale", "0.3"],
        env=env,
        check=True,
        capture_output=True,
        timeout=DEMO_LOAD_TIMEOUT,
    )
    port = free_port()
    log = (workdir / "server.log").open("w")
    server = subprocess.Popen(
        [*cli, "serve", "--host", "127.0.0.1", "--port", str(port)],
        env=env,
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    base_url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + START_TIMEOUT
        while True:
            try:
                if httpx.get(f"{base_url}/readyz", timeout=1).status_code == 200:
                    break
            except httpx.TransportError:
                pass
            if time.monotonic() > deadline or server.poll() is not None:
                raise RuntimeError((workdir / "server.log").read_text())
            time.sleep(0.2)
        yield LiveServer(base_url=base_url)
    finally:
        server.terminate()
        try:
            server.wait(timeout=10)
        except subprocess.TimeoutExpired:
            server.kill()
            server.wait()
        log.close()
