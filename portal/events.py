"""Committed outbox events fanned out to this process's GraphQL subscribers.

On PostgreSQL a dedicated connection LISTENs on the channel the outbox trigger NOTIFYs at commit,
so an event caused through any ``jenjang serve`` process reaches the subscribers of all of them.
On SQLite (one machine, often one process) the hub polls the outbox table for new rows instead.
Either way only committed events are seen. Each subscriber has a bounded queue: a subscriber that
does not keep up loses its oldest events rather than slowing everyone down.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import logging
from collections.abc import AsyncIterator
from dataclasses import dataclass, field
from typing import Any

from portal.models import OutboxEvent

log = logging.getLogger("jenjang.events")
CHANNEL = "jenjang_outbox"
QUEUE_SIZE = 100
RECONNECT_SECONDS = 1.0  # how often a lost LISTEN connection is tried again


@dataclass(frozen=True)
class Event:
    id: int
    agency_id: int
    topic: str
    subject_id: str
    payload: dict[str, Any] = field(default_factory=dict)


class EventHub:
    """One per process: a source (LISTEN or polling) and the local subscribers."""

    def __init__(self, database_url: str, *, poll_interval: float = 0.25) -> None:
        self.database_url = database_url
        self.poll_interval = poll_interval
        self._queues: set[asyncio.Queue[Event]] = set()
        self._task: asyncio.Task[None] | None = None
        self._listener: Any = None
        self._last_id = 0

    @property
    def uses_postgres(self) -> bool:
        return self.database_url.startswith(("postgres://", "postgresql://"))

    async def start(self) -> None:
        """Begin receiving events (LISTEN, or polling from the newest row on)."""
        if self.uses_postgres:
            await self._listen()
            self._task = asyncio.create_task(self._keep_listening(), name="jenjang-events-listen")
        else:
            self._last_id = await _newest_id()
            self._task = asyncio.create_task(self._poll(), name="jenjang-events-poll")

    async def stop(self) -> None:
        if self._task is not None:
            self._task.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await self._task
            self._task = None
        if self._listener is not None:
            with contextlib.suppress(Exception):
                await self._listener.close()
            self._listener = None

    async def _listen(self) -> None:
        import asyncpg

        dsn = self.database_url.replace("postgres://", "postgresql://", 1)
        self._listener = await asyncpg.connect(dsn, timeout=RECONNECT_SECONDS * 2)
        await self._listener.add_listener(CHANNEL, self._on_notify)

    async def _keep_listening(self) -> None:
        """Listen again after the database restarts (events committed meanwhile are missed)."""
        while True:
            await asyncio.sleep(RECONNECT_SECONDS)
            if self._listener is not None and not self._listener.is_closed():
                continue
            try:
                await self._listen()
                log.warning("listening for outbox events again")
            except Exception as exc:  # still unreachable: try again on the next round
                log.warning("outbox listener cannot reconnect yet: %s", exc)

    def publish(self, event: Event) -> None:
        """Hand an event to every local subscriber."""
        for queue in list(self._queues):
            if queue.full():
                queue.get_nowait()  # drop the oldest for a slow subscriber
            queue.put_nowait(event)

    @contextlib.asynccontextmanager
    async def subscribe(self) -> AsyncIterator[asyncio.Queue[Event]]:
        """A queue of every event published while the block runs (callers filter by agency)."""
        queue: asyncio.Queue[Event] = asyncio.Queue(maxsize=QUEUE_SIZE)
        self._queues.add(queue)
        try:
            yield queue
        finally:
            self._queues.discard(queue)

    def _on_notify(self, connection: Any, pid: int, channel: str, raw: str) -> None:
        try:
            data = json.loads(raw)
            event = Event(
                id=int(data["id"]),
                agency_id=int(data["agency_id"]),
                topic=str(data["topic"]),
                subject_id=str(data.get("subject_id") or ""),
                payload=data.get("payload") or {},
            )
        except (ValueError, KeyError, TypeError):
            log.warning("ignoring malformed outbox notification %r", raw[:200])
            return
        self.publish(event)

    async def _poll(self) -> None:
        while True:
            await asyncio.sleep(self.poll_interval)
            try:
                rows = await OutboxEvent.filter(id__gt=self._last_id).order_by("id").limit(500)
            except Exception as exc:  # the database may be briefly unavailable: try again
                log.warning("outbox poll failed: %s", exc)
                continue
            for row in rows:
                self._last_id = row.id
                self.publish(
                    Event(
                        id=row.id,
                        agency_id=row.agency_id,
                        topic=row.topic,
                        subject_id=row.subject_id,
                        payload=row.payload or {},
                    )
                )


async def _newest_id() -> int:
    row = await OutboxEvent.all().order_by("-id").first().values("id")
    return int(row["id"]) if row else 0
