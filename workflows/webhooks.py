"""Webhook subscriptions: an agency's admins subscribe URLs to event types, and redeliver.

Only admins of the agency manage its endpoints (never API tokens, never other roles); every
change is one transaction with its audit entry. The URL's shape is checked here; the address it
resolves to is checked again at every delivery (``portal.integrations.safe_http``).
"""

from __future__ import annotations

import ipaddress
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlsplit

from tortoise.transactions import in_transaction

from portal.clock import clock
from portal.models import WebhookDelivery, WebhookEndpoint
from portal.viewer import Viewer
from portal.vocabulary import Role
from workflows import audit
from workflows.errors import ValidationFailed
from workflows.messages import invalid, missing, refused, word

# Every topic the outbox writes (career_request.<action>); "career_request.*" means all of them.
EVENT_TYPES = tuple(
    f"career_request.{action}"
    for action in (
        "submit",
        "approve",
        "reject",
        "return",
        "resubmit",
        "withdraw",
        "vote",
        "escalate",
    )
)
WILDCARD = "career_request.*"
MAX_ENDPOINTS_PER_AGENCY = 20


class UnsafeURL(ValidationFailed):
    """A webhook URL that may not be called (scheme, credentials, or a non-public address)."""

    def __init__(self, message: str, **context: Any) -> None:
        super().__init__(message, field="url", **context)


def unsafe_url(key: str, **params: Any) -> UnsafeURL:
    """The refusal of a URL, worded from the catalogue (``errors.webhook.url.*``)."""
    params = {"field": "url", **params}
    return UnsafeURL(word(key, **params), message_key=key, params=params)


def check_url_shape(url: str) -> str:
    """``url`` stripped, if it is an absolute http(s) URL without credentials; else UnsafeURL."""
    url = url.strip()
    if len(url) > 500:
        raise unsafe_url("errors.webhook.url.too_long", most=500)
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https"):
        raise unsafe_url("errors.webhook.url.scheme")
    if not parts.hostname:
        raise unsafe_url("errors.webhook.url.no_host")
    if parts.username or parts.password:
        raise unsafe_url("errors.webhook.url.credentials")
    return url


def check_literal_address(url: str, *, allow_private: bool) -> None:
    """Refuse a URL whose host is a literal non-public address (names are checked at delivery)."""
    host = urlsplit(url).hostname or ""
    try:
        address = ipaddress.ip_address(host)
    except ValueError:
        if host.lower() == "localhost" and not allow_private:
            raise unsafe_url("errors.webhook.url.localhost") from None
        return
    if not allow_private and not address.is_global:
        raise unsafe_url("errors.webhook.url.not_public", address=str(address))


def matches(topics: list[str], topic: str) -> bool:
    return topic in topics or (WILDCARD in topics and topic.startswith("career_request."))


def _check_topics(topics: list[str]) -> list[str]:
    cleaned = sorted({t.strip() for t in topics if t.strip()})
    if not cleaned:
        raise invalid("errors.webhook.no_event_type", field="eventTypes")
    unknown = [t for t in cleaned if t not in EVENT_TYPES and t != WILDCARD]
    if unknown:
        raise invalid("errors.webhook.unknown_event_type", field="eventTypes", count=len(unknown))
    return cleaned


def require_admin(actor: Viewer) -> None:
    if actor.is_token or not actor.has_role(Role.ADMIN):
        raise refused("errors.webhook.admin_only")


@dataclass(frozen=True)
class CreatedEndpoint:
    endpoint: WebhookEndpoint
    secret: str  # shown once


async def create_endpoint(
    *, actor: Viewer, url: str, topics: list[str], secret: str, allow_private: bool
) -> CreatedEndpoint:
    """Subscribe ``url`` to ``topics`` for the actor's agency."""
    require_admin(actor)
    url = check_url_shape(url)
    check_literal_address(url, allow_private=allow_private)
    cleaned = _check_topics(topics)
    async with in_transaction() as conn:
        await audit.lock_agency_chain(conn, actor.agency_id)
        count = await WebhookEndpoint.filter(agency_id=actor.agency_id, active=True).using_db(conn)
        if len(count) >= MAX_ENDPOINTS_PER_AGENCY:
            raise invalid("errors.webhook.too_many", field="url", most=MAX_ENDPOINTS_PER_AGENCY)
        endpoint = await WebhookEndpoint.create(
            using_db=conn, agency_id=actor.agency_id, url=url, secret=secret, topics=cleaned
        )
        await audit.append(
            conn,
            agency_id=actor.agency_id,
            actor=actor.username or actor.principal,
            action="webhook_endpoint.create",
            subject_type="webhook_endpoint",
            subject_id=endpoint.id,
            after={"url": url, "topics": cleaned},
        )
    return CreatedEndpoint(endpoint, secret)


async def _own_endpoint(actor: Viewer, endpoint_id: int) -> WebhookEndpoint:
    endpoint = await WebhookEndpoint.get_or_none(id=endpoint_id, agency_id=actor.agency_id)
    if endpoint is None:
        raise missing("errors.webhook.no_endpoint")
    return endpoint


async def update_endpoint(
    *,
    actor: Viewer,
    endpoint_id: int,
    topics: list[str] | None = None,
    active: bool | None = None,
) -> WebhookEndpoint:
    """Change the event types of an endpoint, or pause (``active=False``) and resume it."""
    require_admin(actor)
    endpoint = await _own_endpoint(actor, endpoint_id)
    before = {"topics": endpoint.topics, "active": endpoint.active}
    if topics is not None:
        endpoint.topics = _check_topics(topics)
    if active is not None:
        endpoint.active = active
    async with in_transaction() as conn:
        await audit.lock_agency_chain(conn, actor.agency_id)
        await endpoint.save(using_db=conn, update_fields=["topics", "active"])
        await audit.append(
            conn,
            agency_id=actor.agency_id,
            actor=actor.username or actor.principal,
            action="webhook_endpoint.update",
            subject_type="webhook_endpoint",
            subject_id=endpoint.id,
            before=before,
            after={"topics": endpoint.topics, "active": endpoint.active},
        )
    return endpoint


async def redeliver(*, actor: Viewer, delivery_id: int) -> WebhookDelivery:
    """Send a delivery again from its first attempt (typically a dead-lettered one)."""
    require_admin(actor)
    delivery = await WebhookDelivery.get_or_none(id=delivery_id, agency_id=actor.agency_id)
    if delivery is None:
        raise missing("errors.webhook.no_delivery")
    async with in_transaction() as conn:
        await audit.lock_agency_chain(conn, actor.agency_id)
        await (
            WebhookDelivery.filter(id=delivery.id)
            .using_db(conn)
            .update(
                status="PENDING",
                attempts=0,
                next_attempt_at=clock.now(),
                lease_until=None,
                last_error="",
            )
        )
        await audit.append(
            conn,
            agency_id=actor.agency_id,
            actor=actor.username or actor.principal,
            action="webhook_delivery.redeliver",
            subject_type="webhook_delivery",
            subject_id=delivery.id,
            before={"status": delivery.status, "attempts": delivery.attempts},
        )
    return await WebhookDelivery.get(id=delivery.id)
