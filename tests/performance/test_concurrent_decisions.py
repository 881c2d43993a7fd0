"""Decisions on many requests of one agency at once: none lost or doubled, the chain still links.

The audit chain is numbered at the end of each transaction (``workflows.audit.transaction``), so
on PostgreSQL these decisions run in parallel on pooled connections until their last moment.
"""

from __future__ import annotations

import asyncio
from typing import Any

from bench.generate import generate
from portal.auth import viewer_for_user
from portal.models import AuditEntry, CareerRequest, Decision, User
from workflows.audit import verify_chain
from workflows.career import service
from workflows.career.queue import approval_queue_query

AT_ONCE = 24


async def test_concurrent_decisions_are_each_recorded_once_in_a_valid_chain(db: Any) -> None:
    # given a supervisor with a queue of waiting requests
    await generate(db.url, employees=60, requests=3, audit=10)
    supervisor = await viewer_for_user(await User.get(username="atasan.skala01"))
    waiting = (
        await approval_queue_query(actor=supervisor)
        .limit(AT_ONCE)
        .values("id", "version", "due_at")
    )
    assert len(waiting) == AT_ONCE
    entries_before = await AuditEntry.filter(agency_id=supervisor.agency_id).count()

    # when the supervisor approves them all at once
    await asyncio.gather(
        *(
            service.decide(
                actor=supervisor,
                request_id=w["id"],
                expected_version=w["version"],
                decision="APPROVE",
            )
            for w in waiting
        )
    )

    # then each request moved once, with one decision and one audit entry, in one linked chain
    ids = [w["id"] for w in waiting]
    states = await CareerRequest.filter(id__in=ids).values_list("state", "version")
    assert sorted(states) == sorted(("HR_REVIEW", w["version"] + 1) for w in waiting)
    approvals = await Decision.filter(request_id__in=ids, stage="SUPERVISOR_REVIEW").count()
    assert approvals == AT_ONCE
    seqs = await AuditEntry.filter(agency_id=supervisor.agency_id).values_list("seq", flat=True)
    assert len(seqs) == entries_before + AT_ONCE
    assert sorted(seqs) == list(range(1, len(seqs) + 1))
    report = await verify_chain(supervisor.agency_id)
    assert report.ok, report.problem
