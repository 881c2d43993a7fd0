"""A real HTTP/WebSocket server for tests: uvicorn in the test's event loop on a free port.

Only 127.0.0.1; the server stops when the block ends, and every wait is bounded.
"""

from __future__ import annotations

import asyncio
import contextlib
import socket
from collections.abc import AsyncIterator
from typing import Any

import uvicorn

from portal.app import build_app
from portal.settings import Settings

START_TIMEOUT = 15.0


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@contextlib.asynccontextmanager
async def live_server(settings: Settings) -> AsyncIterator[str]:
    """``http://127.0.0.1:PORT`` of the app on the test's database (the ORM is already open)."""
    app = build_app(settings, manage_db=False)
    config = uvicorn.Config(
        app, host="127.0.0.1", port=free_port(), log_level="warning", ws="websockets-sansio"
    )
    server = uvicorn.Server(config)
    task = asyncio.create_task(server.serve())
    try:
        async with asyncio.timeout(START_TIMEOUT):
            while not server.started:
                if task.done():
                    task.result()
                await asyncio.sleep(0.02)
        yield f"http://127.0.0.1:{config.port}"
    finally:
        server.should_exit = True
        with contextlib.suppress(asyncio.TimeoutError, asyncio.CancelledError):
            await asyncio.wait_for(task, 10)


async def next_event(events: Any, *, topic: str, within: float = 15.0) -> dict[str, Any]:
    """The next subscription result whose topic is ``topic`` (others are skipped)."""
    async with asyncio.timeout(within):
        while True:
            result = await events.__anext__()
            payload = next(iter(result.values()))
            if payload["topic"] == topic:
                return payload
