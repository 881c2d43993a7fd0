"""The dispatcher: rounds of fan-out, webhook delivery and email until stopped.

It runs inside ``jenjang serve`` when ``JENJANG_DISPATCHER_ENABLED=1`` and as ``jenjang
dispatch``; any number of them may run at once against one database.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import os
import socket
import uuid
from dataclasses import dataclass

import httpx

from portal.integrations import delivery, fanout, mail
from portal.settings import Settings

log = logging.getLogger("jenjang.dispatcher")
BATCH = 20


@dataclass(frozen=True)
class Round:
    fanned_out: int
    delivered: int
    failed: int
    mailed: int

    @property
    def busy(self) -> bool:
        return bool(self.fanned_out or self.delivered or self.failed or self.mailed)


class Dispatcher:
    """One worker; ``run_once`` does one round, ``run`` loops until cancelled."""

    def __init__(self, settings: Settings, *, transport: httpx.AsyncBaseTransport | None = None):
        self.settings = settings
        self.worker = f"{socket.gethostname()[:30]}:{os.getpid()}:{uuid.uuid4().hex[:8]}"
        self.client = httpx.AsyncClient(transport=transport, follow_redirects=False)
        self._slots = asyncio.Semaphore(10)

    async def close(self) -> None:
        await self.client.aclose()

    async def run_once(self) -> Round:
        fanned = 0
        while True:  # drain the outbox first: deliveries are created from it
            result = await fanout.fan_out(self.settings)
            fanned += result.events
            if result.events < 100:
                break
        lease = self.settings.webhook_timeout_seconds + delivery.LEASE_MARGIN_SECONDS
        claimed = await delivery.claim(worker=self.worker, lease_seconds=lease, limit=BATCH)
        prepared = await delivery.prepare(claimed) if claimed else []
        outcomes = await asyncio.gather(*(self._deliver(item) for item in prepared))
        mailed = await mail.send_pending(self.settings)
        mailed += await mail.send_digests(self.settings)
        ok = sum(1 for o in outcomes if o.delivered)
        return Round(fanned, ok, len(outcomes) - ok, mailed)

    async def _deliver(self, item: delivery.Prepared) -> delivery.Outcome:
        async with self._slots:
            return await delivery.deliver(self.client, self.settings, item, worker=self.worker)

    async def run(self) -> None:
        interval = max(self.settings.dispatcher_interval_seconds, 0.01)
        while True:
            try:
                busy = (await self.run_once()).busy
            except Exception:  # keep dispatching: one failed round must not stop delivery
                log.exception("dispatcher round failed")
                busy = False
            if not busy:
                await asyncio.sleep(interval)


def start(settings: Settings) -> tuple[Dispatcher, asyncio.Task[None]]:
    dispatcher = Dispatcher(settings)
    return dispatcher, asyncio.create_task(dispatcher.run(), name="jenjang-dispatcher")


async def stop(running: tuple[Dispatcher, asyncio.Task[None]] | None) -> None:
    if running is None:
        return
    dispatcher, task = running
    task.cancel()
    with contextlib.suppress(asyncio.CancelledError):
        await task
    await dispatcher.close()
