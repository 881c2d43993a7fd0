"""Webhook endpoints over GraphQL: an agency's admins subscribe, change, redeliver; nobody else."""

from __future__ import annotations

from typing import Any

import httpx

from portal.api_token_store import create_api_token
from portal.app import build_app
from portal.models import AuditEntry, WebhookDelivery, WebhookEndpoint
from portal.settings import Settings
from portal.vocabulary import Role, Scope
from tests import factories
from tests.api.client import GraphQLClient

CREATE = """
mutation ($input: CreateWebhookEndpointInput!) {
  createWebhookEndpoint(input: $input) {
    __typename
    ... on WebhookEndpointCreated { secret endpoint { id url eventTypes active } }
    ... on Error { message }
    ... on ValidationFailed { field }
  }
}
"""
UPDATE = """
mutation ($input: UpdateWebhookEndpointInput!) {
  updateWebhookEndpoint(input: $input) {
    __typename
    ... on WebhookEndpointUpdated { endpoint { eventTypes active } }
    ... on Error { message }
  }
}
"""
LIST = "{ webhookEndpoints { totalCount nodes { url } } }"
REDELIVER = """
mutation ($id: ID!) {
  redeliverWebhook(input: {deliveryId: $id}) {
    __typename
    ... on WebhookRedeliveryScheduled { delivery { status attempts } }
    ... on Error { message }
  }
}
"""
HOOK = {"url": "https://ekinerja.example.go.id/jenjang", "eventTypes": ["career_request.approve"]}


async def test_an_admin_subscribes_changes_and_lists_endpoints(db: Any, gql: GraphQLClient) -> None:
    # given
    office = await factories.office()
    admin = await factories.user(office.agency, "admin.serang", Role.ADMIN)
    # when
    created = (await gql.data(CREATE, {"input": HOOK}, as_user=admin))["createWebhookEndpoint"]
    endpoint_id = created["endpoint"]["id"]
    paused = await gql.data(
        UPDATE,
        {"input": {"endpointId": endpoint_id, "active": False, "eventTypes": ["career_request.*"]}},
        as_user=admin,
    )
    listed = await gql.data(LIST, as_user=admin)
    # then
    assert created["__typename"] == "WebhookEndpointCreated"
    assert created["secret"].startswith("whsec_") and len(created["secret"]) > 40
    assert paused["updateWebhookEndpoint"]["endpoint"] == {
        "eventTypes": ["career_request.*"],
        "active": False,
    }
    assert listed["webhookEndpoints"]["totalCount"] == 1
    row = await WebhookEndpoint.get()
    assert row.secret == created["secret"] and row.active is False
    actions = await AuditEntry.filter(subject_type="webhook_endpoint").values_list(
        "action", flat=True
    )
    assert sorted(actions) == ["webhook_endpoint.create", "webhook_endpoint.update"]


async def test_bad_urls_and_event_types_are_refused_and_nothing_is_saved(
    db: Any, settings: Settings
) -> None:
    # given: production settings (no private addresses)
    office = await factories.office()
    admin = await factories.user(office.agency, "admin.serang", Role.ADMIN)
    production = settings.model_copy(update={"webhook_allow_private": False})
    transport = httpx.ASGITransport(app=build_app(production, manage_db=False))
    async with httpx.AsyncClient(transport=transport, base_url="http://testserver") as http:
        await _refused(GraphQLClient(http, production), admin)
    assert await WebhookEndpoint.all().count() == 0


async def _refused(gql: GraphQLClient, admin: Any) -> None:
    for url, events, field in [
        ("ftp://example.org/x", ["career_request.approve"], "url"),
        ("https://10.0.0.1/x", ["career_request.approve"], "url"),
        ("https://example.org/x", ["employee.deleted"], "eventTypes"),
        ("https://example.org/x", [], "eventTypes"),
    ]:
        result = await gql.data(
            CREATE, {"input": {"url": url, "eventTypes": events}}, as_user=admin
        )
        assert result["createWebhookEndpoint"]["__typename"] == "ValidationFailed", url
        assert result["createWebhookEndpoint"]["field"] == field


async def test_nobody_but_the_agencys_admins_may_touch_webhooks(
    db: Any, gql: GraphQLClient
) -> None:
    # given: an endpoint and a dead delivery of Serang, and every other kind of caller
    serang = await factories.office("serang")
    tangsel = await factories.office("tangsel")
    admin = await factories.user(serang.agency, "admin.serang", Role.ADMIN)
    other_admin = await factories.user(tangsel.agency, "admin.tangsel", Role.ADMIN)
    created = (await gql.data(CREATE, {"input": HOOK}, as_user=admin))["createWebhookEndpoint"]
    token = await create_api_token(
        agency=serang.agency, name="siasn", scopes=[Scope.READ, Scope.WRITE]
    )
    callers: dict[str, dict[str, Any]] = {
        "hr": {"as_user": serang.hr_user},
        "employee": {"as_user": serang.staff_user},
        "committee": {"as_user": serang.committee[0]},
        "other agency's admin": {"as_user": other_admin},
        "api token": {"token": token.token},
    }
    endpoint_id = created["endpoint"]["id"]
    for who, caller in callers.items():
        # when
        listed = await gql.run(LIST, **caller)
        made = await gql.data(CREATE, {"input": HOOK}, **caller) if "admin" not in who else None
        changed = await gql.data(
            UPDATE, {"input": {"endpointId": endpoint_id, "active": False}}, **caller
        )
        # then
        if who != "other agency's admin":  # who sees only their own agency's (none)
            assert listed["errors"][0]["extensions"]["code"] == "FORBIDDEN", who
        assert made is None or made["createWebhookEndpoint"]["__typename"] == "NotPermitted", who
        assert changed["updateWebhookEndpoint"]["__typename"] in ("NotPermitted", "NotFound"), who
    other = await gql.data(LIST, as_user=other_admin)
    assert other["webhookEndpoints"]["totalCount"] == 0
    # and node(id:) shows the endpoint to the agency's admins only
    node = "query($id: ID!) { node(id: $id) { ... on WebhookEndpoint { url } } }"
    seen = await gql.data(node, {"id": endpoint_id}, as_user=admin)
    assert seen["node"] == {"url": HOOK["url"]}
    for caller in callers.values():
        hidden = await gql.run(node, {"id": endpoint_id}, **caller)
        assert hidden["data"]["node"] is None
    assert await WebhookEndpoint.filter(active=True).count() == 1
    assert await WebhookEndpoint.all().count() == 1


async def test_an_admin_redelivers_a_dead_delivery_of_their_own_agency_only(
    db: Any, gql: GraphQLClient
) -> None:
    # given: a dead delivery of Serang
    from portal.clock import clock
    from portal.models import OutboxEvent

    serang = await factories.office("serang")
    tangsel = await factories.office("tangsel")
    admin = await factories.user(serang.agency, "admin.serang", Role.ADMIN)
    other_admin = await factories.user(tangsel.agency, "admin.tangsel", Role.ADMIN)
    await gql.data(CREATE, {"input": HOOK}, as_user=admin)
    event = await OutboxEvent.create(agency=serang.agency, topic="career_request.approve")
    dead = await WebhookDelivery.create(
        agency=serang.agency,
        endpoint=await WebhookEndpoint.get(),
        event=event,
        status="DEAD",
        attempts=8,
        next_attempt_at=clock.now(),
    )
    from schema.relay import to_global_id

    delivery_id = to_global_id("WebhookDelivery", dead.id)
    # when
    refused = await gql.data(REDELIVER, {"id": delivery_id}, as_user=other_admin)
    refused_hr = await gql.data(REDELIVER, {"id": delivery_id}, as_user=serang.hr_user)
    done = await gql.data(REDELIVER, {"id": delivery_id}, as_user=admin)
    # then
    assert refused["redeliverWebhook"]["__typename"] == "NotFound"
    assert refused_hr["redeliverWebhook"]["__typename"] == "NotPermitted"
    assert done["redeliverWebhook"]["delivery"] == {"status": "PENDING", "attempts": 0}
