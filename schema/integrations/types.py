"""Notification, preference, webhook endpoint and delivery types."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from enum import Enum

import strawberry

from portal import models
from portal.vocabulary import Role
from schema.context import Info
from schema.relay import Node, node_resolver, to_global_id


@strawberry.enum(description="Why a person is told about a request.")
class NotificationKind(Enum):
    QUEUE = "QUEUE"
    OVERDUE = "OVERDUE"
    RETURNED = "RETURNED"
    APPROVED = "APPROVED"
    REJECTED = "REJECTED"


@strawberry.enum(description="Where a webhook delivery stands.")
class WebhookDeliveryStatus(Enum):
    PENDING = "PENDING"
    DELIVERED = "DELIVERED"
    DEAD = "DEAD"


@strawberry.type(description="Something the viewer should know about a request.")
class Notification(Node):
    kind: NotificationKind
    created_at: datetime
    read_at: datetime | None
    request_pk: strawberry.Private[int | None]

    @strawberry.field(description="Whether the viewer has marked it read.")
    def read(self) -> bool:
        return self.read_at is not None

    @strawberry.field(description="The career request it is about (its global ID).")
    def request_id(self) -> strawberry.ID | None:
        if self.request_pk is None:
            return None
        return strawberry.ID(to_global_id("CareerRequest", self.request_pk))

    @strawberry.field(description="A one-line title in the language of the operation.")
    def title(self, info: Info) -> str:
        return info.context.t(
            f"notification.{self.kind.value.lower()}.subject", number=self.request_pk
        )

    @strawberry.field(description="Where to go: `/queue` or `/requests/{global id}`.")
    def link(self) -> str:
        if self.kind in (NotificationKind.QUEUE, NotificationKind.OVERDUE):
            return "/queue"
        return f"/requests/{self.request_id()}"

    @classmethod
    def from_model(cls, row: models.Notification) -> Notification:
        return cls(
            pk=row.id,
            kind=NotificationKind(row.kind),
            created_at=row.created_at,
            read_at=row.read_at,
            request_pk=row.request_id,
        )


@strawberry.type(description="How the viewer hears about their requests and queue.")
class NotificationPreferences:
    email: str = strawberry.field(description="Empty: the address of the employee record.")
    language: str = strawberry.field(description="`id` or `en`.")
    daily_digest: bool = strawberry.field(description="One mail a day instead of one each.")

    @classmethod
    def from_model(cls, row: models.NotificationPreference) -> NotificationPreferences:
        return cls(email=row.email, language=row.language, daily_digest=row.daily_digest)


@strawberry.type(description="A URL of an external system that receives the agency's events.")
class WebhookEndpoint(Node):
    url: str
    event_types: list[str]
    active: bool
    created_at: datetime

    @classmethod
    def from_model(cls, row: models.WebhookEndpoint) -> WebhookEndpoint:
        return cls(
            pk=row.id,
            url=row.url,
            event_types=list(row.topics),
            active=row.active,
            created_at=row.created_at,
        )


@strawberry.type(description="One event sent (or being sent) to one endpoint.")
class WebhookDelivery(Node):
    event_id: str = strawberry.field(description="The `Jenjang-Event-Id` the receiver sees.")
    status: WebhookDeliveryStatus
    attempts: int
    next_attempt_at: datetime
    last_status_code: int | None
    last_error: str
    delivered_at: datetime | None
    created_at: datetime

    @classmethod
    def from_model(cls, row: models.WebhookDelivery) -> WebhookDelivery:
        return cls(
            pk=row.id,
            event_id=str(row.event_id),
            status=WebhookDeliveryStatus(row.status),
            attempts=row.attempts,
            next_attempt_at=row.next_attempt_at,
            last_status_code=row.last_status_code,
            last_error=row.last_error,
            delivered_at=row.delivered_at,
            created_at=row.created_at,
        )


def _admin_agency(info: Info) -> int | None:
    """The agency of a signed-in admin (a person, not an API token), else None."""
    viewer = info.context.viewer
    if viewer is None or viewer.is_token or not viewer.has_role(Role.ADMIN):
        return None
    return viewer.agency_id


@node_resolver("Notification")
async def _notification_nodes(info: Info, pks: Sequence[int]) -> list[Notification | None]:
    viewer = info.context.viewer
    if viewer is None or viewer.is_token or viewer.user_id is None:
        return [None for _ in pks]
    rows = await models.Notification.filter(id__in=list(pks), user_id=viewer.user_id)
    found = {row.id: Notification.from_model(row) for row in rows}
    return [found.get(pk) for pk in pks]


@node_resolver("WebhookEndpoint")
async def _endpoint_nodes(info: Info, pks: Sequence[int]) -> list[WebhookEndpoint | None]:
    agency_id = _admin_agency(info)
    if agency_id is None:
        return [None for _ in pks]
    rows = await models.WebhookEndpoint.filter(id__in=list(pks), agency_id=agency_id)
    found = {row.id: WebhookEndpoint.from_model(row) for row in rows}
    return [found.get(pk) for pk in pks]


@node_resolver("WebhookDelivery")
async def _delivery_nodes(info: Info, pks: Sequence[int]) -> list[WebhookDelivery | None]:
    agency_id = _admin_agency(info)
    if agency_id is None:
        return [None for _ in pks]
    rows = await models.WebhookDelivery.filter(id__in=list(pks), agency_id=agency_id)
    found = {row.id: WebhookDelivery.from_model(row) for row in rows}
    return [found.get(pk) for pk in pks]
