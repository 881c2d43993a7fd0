"""Two `jenjang serve` processes on one PostgreSQL: an event caused through one reaches a
subscriber of the other (LISTEN/NOTIFY). Real uvicorn subprocesses on free 127.0.0.1 ports;
every wait is bounded and the processes are always killed.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import httpx
import pytest
from gql import Client, GraphQLRequest, gql
from gql.transport.websockets import WebsocketsTransport

from portal.settings import Settings
from schema.relay import to_global_id
from tests.api.client import bearer_token
from tests.api.live import next_event
from tests.api.processes import jenjang_serve
from tests.workflows import factories as wf
from workflows.career import service

ROOT = Path(__file__).resolve().parents[2]
START_TIMEOUT = 30.0

FOLLOW = gql(
    "subscription($id: ID!) { careerRequestEvents(requestId: $id) { topic state version actor } }"
)
DECIDE = """
mutation($id: ID!) {
  decideCareerRequest(input: {requestId: $id, expectedVersion: 2, decision: APPROVE}) {
    __typename ... on CareerRequestDecided { request { state } }
  }
}
"""


async def test_an_event_reaches_the_subscribers_of_another_process(
    db: Any, settings: Settings, tmp_path: Path
) -> None:
    if not db.is_postgres:
        pytest.skip("several server processes share PostgreSQL (LISTEN/NOTIFY)")
    # given: a request waiting for the supervisor, and two server processes
    wo = await wf.workflow_office()
    request = await service.submit(
        actor=await wo.staff(), kind=wf.RequestKind.ROTATION, details=wf.rotation(wo.vacancy)
    )
    request_id = to_global_id("CareerRequest", request.id)
    staff_token = bearer_token(settings, wo.office.staff_user)
    supervisor_token = bearer_token(settings, wo.office.supervisor_user)
    secret = settings.secret_key
    async with (
        jenjang_serve(db.url, secret, tmp_path / "a.log") as served_a,
        jenjang_serve(db.url, secret, tmp_path / "b.log") as served_b,
    ):
        transport = WebsocketsTransport(
            url=served_a.url.replace("http://", "ws://") + "/graphql",
            init_payload={"Authorization": f"Bearer {staff_token}"},
            subprotocols=[WebsocketsTransport.GRAPHQLWS_SUBPROTOCOL],
            close_timeout=1,
        )
        async with Client(transport=transport) as session:
            events = session.subscribe(GraphQLRequest(FOLLOW, variable_values={"id": request_id}))
            assert (await next_event(events, topic="snapshot"))["state"] == "SUPERVISOR_REVIEW"
            # when: the supervisor approves through the other process
            async with httpx.AsyncClient(base_url=served_b.url, timeout=10) as http:
                response = await http.post(
                    "/graphql",
                    json={"query": DECIDE, "variables": {"id": request_id}},
                    headers={"Authorization": f"Bearer {supervisor_token}"},
                )
            decided = response.json()["data"]["decideCareerRequest"]
            assert decided["__typename"] == "CareerRequestDecided", response.text
            # then: the subscriber of the first process hears of it
            event = await next_event(events, topic="career_request.approve")
            assert (event["state"], event["version"], event["actor"]) == (
                "HR_REVIEW",
                3,
                "atasan.serang",
            )
