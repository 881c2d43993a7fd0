"""Fan committed outbox events out into webhook deliveries and notifications, exactly once.

An event is claimed by the transaction that fans it out (``FOR UPDATE SKIP LOCKED`` on
PostgreSQL, the database write lock on SQLite), its deliveries and notifications are created and
it is marked published in that same transaction: two dispatchers never fan one event out twice,
and a crash leaves it unpublished for the next round. Unique keys ((endpoint, event) and (user,
event)) guard against a double fan-out as well.
"""

from __future__ import annotations

from dataclasses import dataclass

from tortoise.backends.base.client import BaseDBAsyncClient
from tortoise.transactions import in_transaction

from portal.clock import clock
from portal.models import CareerRequest, Notification, OutboxEvent, WebhookDelivery, WebhookEndpoint
from portal.observability.metrics import TRANSITIONS
from portal.settings import Settings
from workflows import notifications
from workflows.webhooks import matches


@dataclass(frozen=True)
class FanOut:
    events: int
    deliveries: int
    notifications: int


async def _claim(conn: BaseDBAsyncClient, limit: int) -> list[OutboxEvent]:
    query = OutboxEvent.filter(published_at=None).order_by("id").limit(limit).using_db(conn)
    if conn.capabilities.dialect == "postgres":
        return await query.select_for_update(skip_locked=True)
    # SQLite: take the write lock first, so a second dispatcher waits instead of racing.
    await conn.execute_query(
        'UPDATE "outbox_event" SET "attempts" = "attempts" WHERE "published_at" IS NULL'
    )
    return await query


async def _email_state(settings: Settings, user_id: int) -> str:
    if not settings.smtp_host:
        return "NONE"
    address, _, digest = await notifications.email_address(user_id)
    if not address:
        return "NONE"
    return "DIGEST" if digest else "PENDING"


async def fan_out(settings: Settings, *, limit: int = 100) -> FanOut:
    """Fan out up to ``limit`` unpublished events, oldest first, in one transaction."""
    deliveries = made = 0
    transitions: list[tuple[str, str]] = []
    async with in_transaction() as conn:
        events = await _claim(conn, limit)
        if not events:
            return FanOut(0, 0, 0)
        agencies = {e.agency_id for e in events}
        endpoints = await WebhookEndpoint.filter(agency_id__in=agencies, active=True).using_db(conn)
        now = clock.now()
        for event in events:
            agency_id = event.agency_id
            for endpoint in endpoints:
                if endpoint.agency_id == agency_id and matches(endpoint.topics, event.topic):
                    await WebhookDelivery.create(
                        using_db=conn,
                        agency_id=agency_id,
                        endpoint_id=endpoint.id,
                        event_id=event.id,
                        subject_id=event.subject_id,
                        next_attempt_at=now,
                    )
                    deliveries += 1
            payload = event.payload or {}
            for recipient in await notifications.derive(conn, topic=event.topic, payload=payload):
                await Notification.create(
                    using_db=conn,
                    agency_id=agency_id,
                    user_id=recipient.user_id,
                    event_id=event.id,
                    kind=recipient.kind.value,
                    request_id=payload.get("request_id"),
                    created_at=now,
                    email_state=await _email_state(settings, recipient.user_id),
                    email_next_at=now,
                )
                made += 1
            transitions += await _transition(conn, event)
        await (
            OutboxEvent.filter(id__in=[e.id for e in events])
            .using_db(conn)
            .update(published_at=now)
        )
    for kind, action in transitions:  # counted once committed
        TRANSITIONS.labels(kind=kind, action=action).inc()
    return FanOut(len(events), deliveries, made)


async def _transition(conn: BaseDBAsyncClient, event: OutboxEvent) -> list[tuple[str, str]]:
    if not event.topic.startswith("career_request."):
        return []
    request_id = (event.payload or {}).get("request_id")
    row = await CareerRequest.filter(id=request_id).using_db(conn).first().values("kind")
    kind = str(row["kind"]) if row else "UNKNOWN"
    return [(kind, event.topic.removeprefix("career_request."))]
