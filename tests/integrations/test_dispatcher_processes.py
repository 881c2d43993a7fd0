"""Two ``jenjang dispatch`` processes on one database and a receiver that fails now and then:
every event arrives exactly once with a 200, in order per request, never in flight twice at once.
Real subprocesses; every wait is bounded and the processes are always stopped.
"""

from __future__ import annotations

import asyncio
import contextlib
import itertools
import os
import sys
from collections import defaultdict
from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any

from portal.clock import clock
from portal.models import OutboxEvent, WebhookDelivery
from tests.integrations.receiver import Receiver, running
from tests.integrations.test_webhook_delivery import (
    _subscribe,
    _three_requests_through_the_supervisor,
)
from tests.workflows.factories import workflow_office

ROOT = Path(__file__).resolve().parents[2]


@contextlib.asynccontextmanager
async def dispatchers(database_url: str, count: int) -> AsyncIterator[None]:
    env = {
        **os.environ,
        "JENJANG_DATABASE_URL": database_url,
        "JENJANG_WEBHOOK_ALLOW_PRIVATE": "1",
        "JENJANG_WEBHOOK_TIMEOUT_SECONDS": "2",
        "JENJANG_WEBHOOK_BACKOFF_BASE_SECONDS": "0.05",
        "JENJANG_WEBHOOK_BACKOFF_MAX_SECONDS": "0.2",
        "JENJANG_WEBHOOK_MAX_ATTEMPTS": "20",
        "JENJANG_DISPATCHER_INTERVAL_SECONDS": "0.05",
        "JENJANG_LOG_LEVEL": "WARNING",
    }
    processes = [
        await asyncio.create_subprocess_exec(
            sys.executable,
            "-c",
            "from portal.cli import main; main()",
            "dispatch",
            cwd=ROOT,
            env=env,
            stdout=asyncio.subprocess.DEVNULL,
            stderr=asyncio.subprocess.DEVNULL,
        )
        for _ in range(count)
    ]
    try:
        yield
    finally:
        for process in processes:
            if process.returncode is None:
                process.terminate()
        for process in processes:
            try:
                await asyncio.wait_for(process.wait(), 10)
            except TimeoutError:
                process.kill()
                await process.wait()


async def test_two_dispatch_processes_deliver_every_event_once_and_in_order(db: Any) -> None:
    # given: six events of three requests, and a receiver that fails every fourth call
    receiver = Receiver(behaviour=lambda n: 500 if n % 4 == 1 else 200)
    wo = await workflow_office()
    async with running(receiver):
        receiver.secret = await _subscribe(wo, f"{receiver.url}/jenjang")
        await _three_requests_through_the_supervisor(wo)
        clock.reset()
        events = await OutboxEvent.all().order_by("id").values("id", "subject_id")
        # when: two separate dispatcher processes run
        async with dispatchers(db.url, 2):
            for _ in range(600):  # at most 60 s
                if await WebhookDelivery.filter(status="DELIVERED").count() == len(events):
                    break
                await asyncio.sleep(0.1)
    # then
    ok = [c for c in receiver.calls if c.status == 200]
    assert sorted(int(c.event_id) for c in ok) == [e["id"] for e in events]
    assert any(c.status == 500 for c in receiver.calls)
    assert all(c.signature_ok for c in receiver.calls)
    subject = {str(e["id"]): e["subject_id"] for e in events}
    order: dict[str, list[int]] = defaultdict(list)
    spans: dict[str, list[tuple[float, float]]] = defaultdict(list)
    for call in receiver.calls:
        spans[call.event_id].append((call.started, call.finished))
        if call.status == 200:
            order[subject[call.event_id]].append(int(call.event_id))
    assert all(ids == sorted(ids) for ids in order.values())
    for calls in spans.values():
        ordered = sorted(calls)
        assert all(a[1] <= b[0] for a, b in itertools.pairwise(ordered))
