"""The in-process scheduler: runs the escalation tick every ``scheduler_interval_seconds``.

Safe beside other server processes and ``jenjang tick``: escalation is compare-and-set per request.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging

from workflows.career.deadlines import escalate_overdue

log = logging.getLogger("jenjang.scheduler")


async def _loop(interval: float) -> None:
    while True:
        try:
            escalated = await escalate_overdue()
            if escalated:
                log.info("escalated %d overdue request(s)", len(escalated))
        except Exception:  # keep ticking: one failed run must not stop escalation for good
            log.exception("escalation tick failed")
        await asyncio.sleep(interval)


def start(interval: float) -> asyncio.Task[None]:
    """Start ticking in the background; stop with :func:`stop`."""
    return asyncio.create_task(_loop(max(interval, 1.0)), name="jenjang-scheduler")


async def stop(task: asyncio.Task[None] | None) -> None:
    if task is None:
        return
    task.cancel()
    with contextlib.suppress(asyncio.CancelledError):
        await task
