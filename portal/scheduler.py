"""The in-process scheduler: every ``scheduler_interval_seconds`` applies the changes whose date
has come (TMT) and escalates overdue stages.

Safe beside other server processes and ``jenjang tick``: a scheduled change is claimed before it
is applied, escalation is compare-and-set per request.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging

from workflows.career.deadlines import escalate_overdue
from workflows.career.scheduled import apply_due

log = logging.getLogger("jenjang.scheduler")


async def tick() -> tuple[list[int], list[int]]:
    """One run: the changes applied, then the requests escalated."""
    return await apply_due(), await escalate_overdue()


async def _loop(interval: float) -> None:
    while True:
        try:
            applied = await apply_due()
            if applied:
                log.info("applied %d scheduled change(s)", len(applied))
        except Exception:  # keep ticking: one failed run must not stop the others
            log.exception("scheduled changes tick failed")
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
