"""Send due webhook deliveries: claim, sign, POST, record; retry with backoff; dead-letter.

A delivery is claimed with a lease (``lease_until``, ``claimed_by``); on PostgreSQL the claim
locks the candidate rows with ``FOR UPDATE SKIP LOCKED``, on SQLite it is a compare-and-set
update. Only the head of each (endpoint, subject) line is claimable: the oldest pending delivery
whose subject has no older event still waiting to be fanned out, so the events of one request
arrive in order (a dead-lettered event no longer holds the line back).
"""

from __future__ import annotations

import json
import logging
import random
import time
from dataclasses import dataclass
from datetime import timedelta

import httpx
from tortoise.expressions import Q
from tortoise.transactions import in_transaction

from portal.clock import clock
from portal.integrations import safe_http, signing
from portal.models import Agency, CareerRequest, OutboxEvent, WebhookDelivery
from portal.observability.metrics import WEBHOOK_DELIVERIES, WEBHOOK_LATENCY
from portal.settings import Settings
from workflows.errors import ValidationFailed

log = logging.getLogger("jenjang.webhooks")
LEASE_MARGIN_SECONDS = 30.0


def backoff(attempt: int, *, base: float, cap: float) -> float:
    """Seconds before the next try after ``attempt`` failures: exponential, with jitter."""
    delay = min(cap, base * (2 ** max(attempt - 1, 0)))
    return delay / 2 + random.uniform(0, delay / 2)


# Lock the candidates that no other dispatcher holds (SKIP LOCKED), lease them, in one statement.
_CLAIM_POSTGRES = """
UPDATE "webhook_delivery" SET "lease_until" = $1, "claimed_by" = $2
WHERE "id" IN (
    SELECT "id" FROM "webhook_delivery"
    WHERE "id" = ANY($3::bigint[]) AND "status" = 'PENDING'
      AND ("lease_until" IS NULL OR "lease_until" < $4)
    FOR UPDATE SKIP LOCKED
)
RETURNING "id"
"""


def _lease_free(now: object) -> Q:
    return Q(lease_until=None) | Q(lease_until__lt=now)


async def _heads(limit: int) -> list[int]:
    """Due deliveries that are first in line for their endpoint and subject."""
    now = clock.now()
    due = (
        await WebhookDelivery.filter(_lease_free(now), status="PENDING", next_attempt_at__lte=now)
        .order_by("event_id")
        .limit(limit * 4)
        .values("id", "endpoint_id", "subject_id", "event_id", "agency_id")
    )
    if not due:
        return []
    subjects = {d["subject_id"] for d in due}
    waiting = await WebhookDelivery.filter(status="PENDING", subject_id__in=subjects).values(
        "endpoint_id", "subject_id", "event_id"
    )
    first: dict[tuple[int, str], int] = {}
    for row in waiting:
        key = (row["endpoint_id"], row["subject_id"])
        first[key] = min(first.get(key, row["event_id"]), row["event_id"])
    unpublished = await OutboxEvent.filter(published_at=None, subject_id__in=subjects).values(
        "agency_id", "subject_id", "id"
    )
    held: dict[tuple[int, str], int] = {}
    for row in unpublished:
        key = (row["agency_id"], row["subject_id"])
        held[key] = min(held.get(key, row["id"]), row["id"])
    heads = [
        d["id"]
        for d in due
        if first[(d["endpoint_id"], d["subject_id"])] == d["event_id"]
        and held.get((d["agency_id"], d["subject_id"]), d["event_id"] + 1) > d["event_id"]
    ]
    return heads[:limit]


async def claim(*, worker: str, lease_seconds: float, limit: int) -> list[int]:
    """Claim up to ``limit`` deliveries for ``worker``; the ids it now holds."""
    candidates = await _heads(limit)
    if not candidates:
        return []
    now = clock.now()
    until = now + timedelta(seconds=lease_seconds)
    async with in_transaction() as conn:
        if conn.capabilities.dialect == "postgres":
            rows = await conn.execute_query_dict(_CLAIM_POSTGRES, [until, worker, candidates, now])
            return [int(r["id"]) for r in rows]
        held = []
        for delivery_id in candidates:  # compare-and-set: the first dispatcher wins each row
            won = await (
                WebhookDelivery.filter(_lease_free(now), id=delivery_id, status="PENDING")
                .using_db(conn)
                .update(lease_until=until, claimed_by=worker)
            )
            if won:
                held.append(delivery_id)
        return held


@dataclass(frozen=True)
class Outcome:
    delivered: bool
    status_code: int | None = None
    error: str = ""


def event_body(event: OutboxEvent, agency_code: str, kind: str | None) -> bytes:
    """The JSON body of an event, identical for every attempt (ids as global IDs)."""
    from schema.relay import to_global_id

    payload = event.payload or {}
    data: dict[str, object] = {
        key: payload[key] for key in ("state", "version", "actor") if key in payload
    }
    if isinstance(payload.get("request_id"), int):
        data["requestId"] = to_global_id("CareerRequest", int(payload["request_id"]))
    if kind:
        data["kind"] = kind
    body = {
        "id": str(event.id),
        "type": event.topic,
        "createdAt": event.created_at.isoformat(),
        "agency": agency_code,
        "data": data,
    }
    return json.dumps(body, separators=(",", ":"), sort_keys=True).encode()


@dataclass(frozen=True)
class Prepared:
    """A claimed delivery with everything needed to send it (loaded for a batch at once)."""

    delivery: WebhookDelivery
    url: str
    secret: str
    event_id: int
    topic: str
    body: bytes


async def prepare(delivery_ids: list[int]) -> list[Prepared]:
    """The claimed deliveries with their endpoints, events, agencies and request kinds."""
    rows = (
        await WebhookDelivery.filter(id__in=delivery_ids)
        .select_related("endpoint", "event")
        .order_by("event_id")
    )
    agency_ids = {r.agency_id for r in rows}
    codes = {
        a["id"]: a["code"] for a in await Agency.filter(id__in=agency_ids).values("id", "code")
    }
    request_ids = {(r.event.payload or {}).get("request_id") for r in rows} - {None}
    kinds = {
        k["id"]: str(k["kind"])
        for k in await CareerRequest.filter(id__in=request_ids).values("id", "kind")
    }
    return [
        Prepared(
            delivery=row,
            url=row.endpoint.url,
            secret=row.endpoint.secret,
            event_id=row.event.id,
            topic=row.event.topic,
            body=event_body(
                row.event,
                codes[row.agency_id],
                kinds.get((row.event.payload or {}).get("request_id")),
            ),
        )
        for row in rows
    ]


async def _send(client: httpx.AsyncClient, settings: Settings, item: Prepared) -> Outcome:
    timestamp = int(time.time())
    headers = {
        "Content-Type": "application/json",
        "User-Agent": "Jenjang-Webhooks/1",
        signing.EVENT_ID_HEADER: str(item.event_id),
        signing.EVENT_TYPE_HEADER: item.topic,
        signing.TIMESTAMP_HEADER: str(timestamp),
        signing.SIGNATURE_HEADER: signing.signature(item.secret, timestamp, item.body),
        signing.ATTEMPT_HEADER: str(item.delivery.attempts + 1),
    }
    try:
        response = await safe_http.post(
            client,
            item.url,
            content=item.body,
            headers=headers,
            timeout_seconds=settings.webhook_timeout_seconds,
            allow_private=settings.webhook_allow_private,
        )
    except ValidationFailed as exc:
        return Outcome(False, error=exc.message)
    except httpx.HTTPError as exc:
        return Outcome(False, error=f"{type(exc).__name__}: {exc}"[:500])
    if 200 <= response.status_code < 300:
        return Outcome(True, response.status_code)
    return Outcome(False, response.status_code, f"HTTP {response.status_code}")


async def deliver(
    client: httpx.AsyncClient, settings: Settings, item: Prepared, *, worker: str
) -> Outcome:
    """One attempt of a claimed delivery, and its outcome recorded."""
    delivery = item.delivery
    delivery_id = delivery.id
    started = time.perf_counter()
    outcome = await _send(client, settings, item)
    WEBHOOK_LATENCY.observe(time.perf_counter() - started)
    attempts = delivery.attempts + 1
    now = clock.now()
    mine = WebhookDelivery.filter(id=delivery_id, claimed_by=worker, status="PENDING")
    common = {"attempts": attempts, "lease_until": None, "last_status_code": outcome.status_code}
    if outcome.delivered:
        WEBHOOK_DELIVERIES.labels(outcome="delivered").inc()
        await mine.update(**common, status="DELIVERED", delivered_at=now, last_error="")
        return outcome
    dead = attempts >= settings.webhook_max_attempts
    WEBHOOK_DELIVERIES.labels(outcome="dead" if dead else "failed").inc()
    wait = backoff(
        attempts,
        base=settings.webhook_backoff_base_seconds,
        cap=settings.webhook_backoff_max_seconds,
    )
    log.warning(
        "webhook delivery %s (event %s) attempt %d failed: %s",
        delivery_id,
        item.event_id,
        attempts,
        outcome.error,
    )
    await mine.update(
        **common,
        status="DEAD" if dead else "PENDING",
        next_attempt_at=now + timedelta(seconds=wait),
        last_error=outcome.error,
    )
    return outcome
