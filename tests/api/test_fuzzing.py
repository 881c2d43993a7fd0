"""schemathesis fuzzes every query and mutation of a small demo-like agency: no server error.

Bounded: a few examples per operation and a time cap; only 127.0.0.1.
"""

from __future__ import annotations

import asyncio
import time
from typing import Any

import hypothesis
import schemathesis
from graphql import introspection_from_schema
from hypothesis import HealthCheck, given
from hypothesis import strategies as st
from schemathesis.core.result import Err

from portal.settings import Settings
from schema import schema
from tests.api.client import bearer_token
from tests.api.live import live_server
from tests.workflows import factories as wf
from workflows.career import service

# Decimals as clients send them (strings), and some that are not decimals at all.
schemathesis.graphql.scalar(
    "Decimal",
    st.one_of(
        st.decimals(allow_nan=False, allow_infinity=False, places=2).map(str),
        st.text(max_size=12),
    ).map(schemathesis.graphql.nodes.String),
)
EXAMPLES_PER_OPERATION = 4
TIME_CAP_SECONDS = 60.0


def _fuzz(url: str, token: str) -> tuple[int, list[str]]:
    """Run the fuzzing (blocking, in a worker thread): operations fuzzed, server errors found."""
    loaded = schemathesis.graphql.from_dict(dict(introspection_from_schema(schema._schema)))
    found: list[str] = []
    fuzzed = 0
    deadline = time.monotonic() + TIME_CAP_SECONDS
    headers = {"Authorization": f"Bearer {token}"}

    for result in loaded.get_all_operations():
        if isinstance(result, Err):
            raise result.err()  # an operation schemathesis cannot load: nothing fuzzes it
        operation = result.ok()
        if time.monotonic() > deadline:
            break

        @hypothesis.settings(
            max_examples=EXAMPLES_PER_OPERATION,
            deadline=None,
            database=None,
            derandomize=True,
            suppress_health_check=list(HealthCheck),
            phases=[hypothesis.Phase.generate],
        )
        @given(case=operation.as_strategy())
        def check(case: Any) -> None:
            response = case.call(base_url=f"{url}/graphql", headers=headers, timeout=30)
            codes = {
                (error.get("extensions") or {}).get("code")
                for error in (response.json().get("errors") or [])
            }
            if response.status_code >= 500 or "INTERNAL_SERVER_ERROR" in codes:
                label = case.operation.label
                found.append(f"{label}: {response.status_code} {response.text[:300]}")

        check()
        fuzzed += 1
    return fuzzed, found


async def test_fuzzing_finds_no_server_error(db: Any, settings: Settings) -> None:
    # given: an agency with a request in progress, served with the rate limit lifted
    wo = await wf.workflow_office()
    await service.submit(
        actor=await wo.staff(), kind=wf.RequestKind.ROTATION, details=wf.rotation(wo.vacancy)
    )
    served = settings.model_copy(update={"rate_limit_per_minute": 0})  # no limit: every case runs
    token = bearer_token(served, wo.office.hr_user)
    async with live_server(served) as url:
        # when
        fuzzed, errors = await asyncio.to_thread(_fuzz, url, token)
    # then
    assert errors == []
    assert fuzzed > 10
