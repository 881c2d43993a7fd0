"""Subscriptions over graphql-transport-ws with the gql client: a request's events, the queue."""

from __future__ import annotations

import asyncio
from typing import Any

import pytest
from gql import Client, GraphQLRequest, gql
from gql.transport.httpx import HTTPXAsyncTransport
from gql.transport.websockets import WebsocketsTransport

from portal.auth import create_api_token, issue_access_token, revoke_api_token
from portal.clock import clock
from portal.models import User
from portal.settings import Settings
from portal.vocabulary import Scope
from schema.relay import to_global_id
from tests.api.client import bearer_token
from tests.api.live import live_server, next_event
from tests.workflows import factories as wf
from tests.workflows.factories import act
from workflows.career import service

EVENTS = gql(
    """
    subscription Follow($id: ID!) {
      careerRequestEvents(requestId: $id) { topic state version actor request { id state } }
    }
    """
)

QUEUE = gql(
    """
    subscription { approvalQueueChanged { topic added removed totalCount request { id } } }
    """
)

VIEWER = gql("{ viewer { username } }")

SUBMIT = gql(
    """
    mutation Submit($input: CareerRequestInput!) {
      submitCareerRequest(input: $input) {
        __typename ... on CareerRequestSubmitted { request { id state } }
      }
    }
    """
)


def _token(user: User, settings: Settings) -> str:
    return bearer_token(settings, user)


def _ws(url: str, token: str | None) -> WebsocketsTransport:
    return WebsocketsTransport(
        url=url.replace("http://", "ws://") + "/graphql",
        init_payload={"Authorization": f"Bearer {token}"} if token else {},
        subprotocols=[WebsocketsTransport.GRAPHQLWS_SUBPROTOCOL],
        close_timeout=1,
    )


async def test_the_applicant_follows_their_request(db: Any, settings: Settings) -> None:
    # given: a submitted request and the applicant subscribed to it
    wo = await wf.workflow_office()
    request = await service.submit(
        actor=await wo.staff(), kind=wf.RequestKind.ROTATION, details=wf.rotation(wo.vacancy)
    )
    global_id = to_global_id("CareerRequest", request.id)
    async with live_server(settings) as url:
        transport = _ws(url, _token(wo.office.staff_user, settings))
        async with Client(transport=transport) as session:
            events = session.subscribe(GraphQLRequest(EVENTS, variable_values={"id": global_id}))
            snapshot = await next_event(events, topic="snapshot")
            assert snapshot["state"] == "SUPERVISOR_REVIEW"
            # when: the supervisor approves
            await act(await wo.supervisor(), request, "APPROVE")
            # then
            event = await next_event(events, topic="career_request.approve")
            assert (event["state"], event["version"]) == ("HR_REVIEW", 3)
            assert event["actor"] == "atasan.serang"
            assert event["request"] == {"id": global_id, "state": "HR_REVIEW"}


async def test_a_request_enters_the_supervisors_queue(db: Any, settings: Settings) -> None:
    # given: the supervisor subscribed to their queue, and the gql client over HTTP
    wo = await wf.workflow_office()
    async with live_server(settings) as url:
        supervisor = _ws(url, _token(wo.office.supervisor_user, settings))
        staff_http = HTTPXAsyncTransport(
            url=url + "/graphql",
            headers={"Authorization": f"Bearer {_token(wo.office.staff_user, settings)}"},
        )
        async with Client(transport=supervisor) as sub, Client(transport=staff_http) as http:
            changes = sub.subscribe(QUEUE)
            assert (await http.execute(VIEWER))["viewer"]["username"] == "pegawai.serang"
            # when: the staff member submits through the gql client (a mutation)
            target = to_global_id("Position", wo.vacancy.id)
            variables = {"input": {"rotation": {"targetPositionId": target, "reason": "Rotasi"}}}
            ready = await _wait_subscribed(sub, wo)
            snapshot = await next_event(changes, topic="snapshot")
            assert snapshot["totalCount"] == 0
            result = await http.execute(GraphQLRequest(SUBMIT, variable_values=variables))
            # then
            submitted = result["submitCareerRequest"]["request"]
            change = await next_event(changes, topic="career_request.submit")
            assert ready
            assert change["added"] is True and change["removed"] is False
            assert change["totalCount"] == 1
            assert change["request"] == {"id": submitted["id"]}


async def _wait_subscribed(session: Any, wo: wf.WorkflowOffice) -> bool:
    """Proves the WebSocket is authenticated: a one-off query on it answers as the supervisor."""
    result = await session.execute(VIEWER)
    return bool(result["viewer"]["username"] == "atasan.serang")


async def test_a_bad_token_is_refused_at_connection(db: Any, settings: Settings) -> None:
    # given
    wo = await wf.workflow_office()
    token = issue_access_token(user=wo.office.staff_user, secret="x" * 40, ttl_seconds=60)
    async with live_server(settings) as url:
        # when / then
        refused = False
        try:
            async with Client(transport=_ws(url, token)) as session:
                await session.execute(VIEWER)
        except Exception:
            refused = True
        assert refused


async def _closed_within(events: Any, seconds: float) -> bool:
    """True when the subscription ends (the server closed it) within ``seconds``."""
    try:
        async with asyncio.timeout(seconds):
            async for _ in events:
                pass
    except TimeoutError:
        return False
    except Exception:  # the transport reports the close as an error: that is the point
        return True
    return True


async def test_a_subscription_ends_when_its_token_expires(db: Any, settings: Settings) -> None:
    # given: a request followed with an access token that lives two seconds
    wo = await wf.workflow_office()
    request = await service.submit(
        actor=await wo.staff(), kind=wf.RequestKind.ROTATION, details=wf.rotation(wo.vacancy)
    )
    clock.reset()  # the token's life is counted on the real clock, as the server does
    token = issue_access_token(user=wo.office.staff_user, secret=settings.secret_key, ttl_seconds=2)
    variables = {"id": to_global_id("CareerRequest", request.id)}
    async with live_server(settings) as url, Client(transport=_ws(url, token)) as session:
        events = session.subscribe(GraphQLRequest(EVENTS, variable_values=variables))
        assert (await next_event(events, topic="snapshot"))["state"] == "SUPERVISOR_REVIEW"
        # when / then: the token expires and the server closes the subscription
        assert await _closed_within(events, 10)


async def test_a_subscription_ends_when_its_api_token_is_revoked(
    db: Any, settings: Settings
) -> None:
    # given: a request followed by an external system, rechecked every quarter second
    wo = await wf.workflow_office()
    request = await service.submit(
        actor=await wo.staff(), kind=wf.RequestKind.ROTATION, details=wf.rotation(wo.vacancy)
    )
    clock.reset()  # the token's life is counted on the real clock, as the server does
    issued = await create_api_token(agency=wo.office.agency, name="dashboard", scopes=[Scope.READ])
    served = settings.model_copy(update={"subscription_token_recheck_seconds": 0.25})
    variables = {"id": to_global_id("CareerRequest", request.id)}
    async with live_server(served) as url, Client(transport=_ws(url, issued.token)) as session:
        events = session.subscribe(GraphQLRequest(EVENTS, variable_values=variables))
        assert (await next_event(events, topic="snapshot"))["state"] == "SUPERVISOR_REVIEW"
        # when
        await revoke_api_token(agency=wo.office.agency, prefix=issued.record.prefix)
        # then
        assert await _closed_within(events, 10)


def test_token_lifetimes_are_bounded_by_a_setting() -> None:
    with pytest.raises(ValueError, match="ACCESS_TOKEN_MAX_TTL_SECONDS"):
        Settings(access_token_ttl_seconds=86_400, access_token_max_ttl_seconds=43_200)
