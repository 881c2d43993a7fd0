"""The Prometheus metrics of a Jenjang process, and the ``/metrics`` endpoint.

Counters and histograms are updated where things happen (HTTP middleware, the GraphQL
extension, the dispatcher); the gauges of queues, overdue stages and undelivered webhooks are
read from the database when scraped. Labels take only bounded values (route templates, operation
names from a bounded set, states, outcomes): never an id, never personal data.
"""

from __future__ import annotations

import hmac
import logging

from prometheus_client import CONTENT_TYPE_LATEST, Counter, Gauge, Histogram, generate_latest
from starlette.requests import Request
from starlette.responses import Response

log = logging.getLogger("jenjang.metrics")

HTTP_REQUESTS = Counter(
    "jenjang_http_requests_total",
    "HTTP requests by route and status",
    ["method", "route", "status"],
)
HTTP_LATENCY = Histogram(
    "jenjang_http_request_duration_seconds",
    "HTTP request latency by route",
    ["method", "route"],
    buckets=(0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10),
)
GRAPHQL_OPERATIONS = Counter(
    "jenjang_graphql_operations_total",
    "GraphQL operations by type, name and outcome (ok, error)",
    ["type", "name", "outcome"],
)
TRANSITIONS = Counter(
    "jenjang_workflow_transitions_total",
    "Career request transitions by request kind and action (counted once, from the outbox)",
    ["kind", "action"],
)
WEBHOOK_DELIVERIES = Counter(
    "jenjang_webhook_deliveries_total",
    "Webhook delivery attempts by outcome (delivered, failed, dead)",
    ["outcome"],
)
WEBHOOK_LATENCY = Histogram(
    "jenjang_webhook_delivery_duration_seconds", "Time to deliver one webhook attempt"
)
EMAILS = Counter("jenjang_emails_total", "Emails by kind and outcome", ["kind", "outcome"])
QUEUE_SIZE = Gauge(
    "jenjang_requests_in_stage", "Career requests waiting in each review stage", ["stage"]
)
OVERDUE = Gauge("jenjang_requests_overdue", "Career requests past the due time of their stage")
WEBHOOKS_WAITING = Gauge(
    "jenjang_webhook_deliveries_waiting", "Webhook deliveries by status", ["status"]
)
OUTBOX_BACKLOG = Gauge("jenjang_outbox_unpublished", "Outbox events not yet fanned out")

MAX_OPERATION_NAMES = 200
_seen_names: set[str] = set()


def operation_label(name: str | None) -> str:
    """An operation's name as a label; anonymous or beyond the bounded set: a fixed word."""
    if not name:
        return "anonymous"
    name = name[:64]
    if name in _seen_names:
        return name
    if len(_seen_names) >= MAX_OPERATION_NAMES:
        return "other"
    _seen_names.add(name)
    return name


async def refresh_gauges() -> None:
    """Read the gauges' current values from the database (queues, overdue, webhooks)."""
    from tortoise.functions import Count

    from portal.clock import clock
    from portal.models import CareerRequest, OutboxEvent, WebhookDelivery
    from workflows.notifications import REVIEW_STATES

    counts = {state: 0 for state in REVIEW_STATES}
    rows = (
        await CareerRequest.filter(state__in=list(REVIEW_STATES))
        .annotate(n=Count("id"))
        .group_by("state")
        .values("state", "n")
    )
    for row in rows:
        counts[row["state"]] = row["n"]
    for state, n in counts.items():
        QUEUE_SIZE.labels(stage=state).set(n)
    OVERDUE.set(
        await CareerRequest.filter(state__in=list(REVIEW_STATES), due_at__lt=clock.now()).count()
    )
    for status in ("PENDING", "DEAD"):
        WEBHOOKS_WAITING.labels(status=status).set(
            await WebhookDelivery.filter(status=status).count()
        )
    OUTBOX_BACKLOG.set(await OutboxEvent.filter(published_at=None).count())


class MetricsEndpoint:
    """``GET /metrics``; with ``JENJANG_METRICS_TOKEN`` set, only for that bearer token."""

    def __init__(self, token: str) -> None:
        self.token = token

    async def __call__(self, request: Request) -> Response:
        if self.token:
            offered = request.headers.get("authorization", "").removeprefix("Bearer ").strip()
            if not hmac.compare_digest(offered.encode(), self.token.encode()):
                return Response("unauthorized\n", status_code=401, media_type="text/plain")
        try:
            await refresh_gauges()
        except Exception as exc:  # the counters are still worth serving
            log.warning("could not read the gauges from the database: %s", exc)
        return Response(generate_latest(), media_type=CONTENT_TYPE_LATEST)
