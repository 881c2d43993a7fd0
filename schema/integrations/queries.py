"""Queries: the viewer's notifications and preferences; an admin's webhook endpoints."""

from __future__ import annotations

import strawberry
from strawberry.scalars import JSON

from portal import models
from portal.viewer import Viewer
from schema.context import Info
from schema.errors import bad_input_text, forbidden_text, refusal
from schema.integrations.types import (
    Notification,
    NotificationPreferences,
    WebhookDelivery,
    WebhookDeliveryStatus,
    WebhookEndpoint,
)
from schema.permissions import require_viewer
from schema.relay import Connection, paginate
from workflows import notifications, personal_data, webhooks
from workflows.errors import NotPermitted


def _require_admin(info: Info) -> None:
    try:
        webhooks.require_admin(require_viewer(info))
    except NotPermitted as error:
        raise refusal(error) from None


def _require_person(info: Info) -> Viewer:
    viewer = require_viewer(info)
    if viewer.is_token or viewer.user_id is None:
        raise forbidden_text("errors.notifications.people_only")
    return viewer


@strawberry.type
class Query:
    @strawberry.field(description="The viewer's notifications, newest first.")
    async def notifications(
        self,
        info: Info,
        unread_only: bool = False,
        first: int | None = None,
        after: str | None = None,
    ) -> Connection[Notification]:
        viewer = _require_person(info)
        query = notifications.notifications_of(viewer, unread_only=unread_only)
        return await paginate(
            info,
            query,
            first=first,
            after=after,
            order_by=("-created_at", "-id"),
            convert=Notification.from_model,
        )

    @strawberry.field(description="How many of the viewer's notifications are unread.")
    async def unread_notification_count(self, info: Info) -> int:
        viewer = _require_person(info)
        return await notifications.unread_count(viewer)

    @strawberry.field(description="How the viewer hears about their requests and queue.")
    async def notification_preferences(self, info: Info) -> NotificationPreferences:
        viewer = _require_person(info)
        row = await notifications.preference_of(viewer)
        return NotificationPreferences.from_model(row)

    @strawberry.field(
        description="Everything Jenjang holds about the viewer, as one JSON document "
        "(UU 27/2022); the same as `GET /me/export.json`. People only, never API tokens."
    )
    async def my_data(self, info: Info) -> JSON:
        _require_person(info)
        viewer = require_viewer(info)
        return JSON(await personal_data.export_own_record(viewer=viewer))

    @strawberry.field(description="Event types a webhook can subscribe to (admins).")
    def webhook_event_types(self, info: Info) -> list[str]:
        _require_admin(info)
        return [*webhooks.EVENT_TYPES, webhooks.WILDCARD]

    @strawberry.field(description="The agency's webhook endpoints (admins).")
    async def webhook_endpoints(
        self, info: Info, first: int | None = None, after: str | None = None
    ) -> Connection[WebhookEndpoint]:
        _require_admin(info)
        query = models.WebhookEndpoint.filter(agency_id=require_viewer(info).agency_id)
        return await paginate(
            info, query, first=first, after=after, convert=WebhookEndpoint.from_model
        )

    @strawberry.field(description="Deliveries of the agency's webhooks, newest first (admins).")
    async def webhook_deliveries(
        self,
        info: Info,
        endpoint_id: strawberry.ID | None = None,
        status: WebhookDeliveryStatus | None = None,
        first: int | None = None,
        after: str | None = None,
    ) -> Connection[WebhookDelivery]:
        _require_admin(info)
        query = models.WebhookDelivery.filter(agency_id=require_viewer(info).agency_id)
        if endpoint_id is not None:
            from schema.relay import from_global_id

            decoded = from_global_id(str(endpoint_id))
            if decoded is None or decoded[0] != "WebhookEndpoint":
                raise bad_input_text("relay.invalid_id", id=endpoint_id, kinds="WebhookEndpoint")
            query = query.filter(endpoint_id=decoded[1])
        if status is not None:
            query = query.filter(status=status.value)
        return await paginate(
            info,
            query,
            first=first,
            after=after,
            order_by=("-id",),
            convert=WebhookDelivery.from_model,
        )
