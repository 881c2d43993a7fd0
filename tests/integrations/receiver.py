"""A real webhook receiver on 127.0.0.1 (a free port) that can fail, hang and recover."""

from __future__ import annotations

import asyncio
import contextlib
import json
import time
from collections.abc import AsyncIterator, Callable
from dataclasses import dataclass, field

import uvicorn
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import Route

from portal.integrations import signing
from tests.api.live import free_port

HUNG = -1  # the status recorded for a request that was answered after the sender's timeout


@dataclass
class Received:
    event_id: str
    event_type: str
    body: dict[str, object]
    signature_ok: bool
    started: float
    finished: float
    status: int


@dataclass
class Receiver:
    """``behaviour(n)`` for the n-th request (from 0): a status code, or "hang" to time out."""

    secret: str = ""
    behaviour: Callable[[int], int | str] = lambda n: 200
    hang_seconds: float = 3.0
    calls: list[Received] = field(default_factory=list)
    url: str = ""

    @property
    def delivered(self) -> list[Received]:
        return [c for c in self.calls if c.status == 200]

    async def handle(self, request: Request) -> Response:
        started = time.monotonic()
        body = await request.body()
        ok = signing.verify(
            self.secret,
            timestamp=request.headers.get(signing.TIMESTAMP_HEADER, ""),
            body=body,
            header=request.headers.get(signing.SIGNATURE_HEADER, ""),
            now=time.time(),
        )
        record = Received(
            event_id=request.headers.get(signing.EVENT_ID_HEADER, ""),
            event_type=request.headers.get(signing.EVENT_TYPE_HEADER, ""),
            body=json.loads(body),
            signature_ok=ok,
            started=started,
            finished=started,
            status=0,
        )
        # numbered as it is recorded (no await in between): two senders calling at once, each
        # awaiting its body, must not both take the same number
        number = len(self.calls)
        self.calls.append(record)
        action = self.behaviour(number)
        if action == "hang":  # the sender times out first and treats it as a failure
            await asyncio.sleep(self.hang_seconds)
            record.status = HUNG
            record.finished = time.monotonic()
            return JSONResponse({"ok": False}, status_code=200)
        record.status = int(action)
        record.finished = time.monotonic()
        if record.status == 302:
            return Response(status_code=302, headers={"Location": f"{self.url}/elsewhere"})
        return JSONResponse({"ok": record.status == 200}, status_code=record.status)


@contextlib.asynccontextmanager
async def running(receiver: Receiver) -> AsyncIterator[Receiver]:
    app = Starlette(routes=[Route("/{path:path}", receiver.handle, methods=["POST", "GET"])])
    config = uvicorn.Config(app, host="127.0.0.1", port=free_port(), log_level="warning")
    server = uvicorn.Server(config)
    task = asyncio.create_task(server.serve())
    try:
        async with asyncio.timeout(10):
            while not server.started:
                if task.done():
                    task.result()
                await asyncio.sleep(0.02)
        receiver.url = f"http://127.0.0.1:{config.port}"
        yield receiver
    finally:
        server.should_exit = True
        server.force_exit = True
        with contextlib.suppress(asyncio.TimeoutError, asyncio.CancelledError):
            await asyncio.wait_for(task, 10)
