"""Mutations: mark notifications read, set preferences; admins manage webhooks and redeliver.

Each takes one ``input`` and returns a payload union of its success type and the typed errors.
The webhook secret is returned once, by ``createWebhookEndpoint``.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import Annotated, Any

import strawberry

from portal.integrations.signing import new_secret
from portal.viewer import Viewer
from schema.context import Info
from schema.errors import ErrorType
from schema.idempotency import run_mutation
from schema.integrations.types import (
    NotificationPreferences,
    WebhookDelivery,
    WebhookEndpoint,
)
from schema.relay import pk_of
from workflows import notifications, webhooks


@strawberry.input(description="Which notifications to mark read: `ids`, or `all: true`.")
class MarkNotificationsReadInput:
    ids: list[strawberry.ID] | None = None
    all: bool = False


@strawberry.input(description="Only the fields given change.")
class SetNotificationPreferencesInput:
    email: str | None = None
    language: str | None = None
    daily_digest: bool | None = None


@strawberry.input(description="Subscribe a URL of an external system to event types.")
class CreateWebhookEndpointInput:
    url: str
    event_types: list[str] = strawberry.field(
        description="e.g. `career_request.approve`, or `career_request.*` for every event."
    )


@strawberry.input(description="Change the event types, or pause (`active: false`) and resume.")
class UpdateWebhookEndpointInput:
    endpoint_id: strawberry.ID
    event_types: list[str] | None = None
    active: bool | None = None


@strawberry.input(description="Send a delivery again from its first attempt.")
class RedeliverWebhookInput:
    delivery_id: strawberry.ID


@strawberry.type(description="The notifications were marked read.")
class NotificationsMarkedRead:
    count: int
    unread_count: int


@strawberry.type(description="The preferences were saved.")
class NotificationPreferencesSet:
    preferences: NotificationPreferences


@strawberry.type(description="The endpoint was created; keep the secret, it is shown only now.")
class WebhookEndpointCreated:
    endpoint: WebhookEndpoint
    secret: str = strawberry.field(description="Signs every delivery (HMAC-SHA256).")


@strawberry.type(description="The endpoint was changed.")
class WebhookEndpointUpdated:
    endpoint: WebhookEndpoint


@strawberry.type(description="The delivery will be sent again shortly.")
class WebhookRedeliveryScheduled:
    delivery: WebhookDelivery


MarkNotificationsReadPayload = Annotated[
    NotificationsMarkedRead | ErrorType, strawberry.union("MarkNotificationsReadPayload")
]
SetNotificationPreferencesPayload = Annotated[
    NotificationPreferencesSet | ErrorType, strawberry.union("SetNotificationPreferencesPayload")
]
CreateWebhookEndpointPayload = Annotated[
    WebhookEndpointCreated | ErrorType, strawberry.union("CreateWebhookEndpointPayload")
]
UpdateWebhookEndpointPayload = Annotated[
    WebhookEndpointUpdated | ErrorType, strawberry.union("UpdateWebhookEndpointPayload")
]
RedeliverWebhookPayload = Annotated[
    WebhookRedeliveryScheduled | ErrorType, strawberry.union("RedeliverWebhookPayload")
]


async def _run(info: Info, operation: str, act: Callable[[Viewer], Awaitable[Any]]) -> Any:
    """No idempotency key: these are idempotent by nature, or return a secret shown once."""
    return await run_mutation(info, operation=operation, key=None, act=act)


@strawberry.type
class Mutation:
    @strawberry.mutation(description="Mark some or all of the viewer's notifications read.")
    async def mark_notifications_read(
        self, info: Info, input: MarkNotificationsReadInput
    ) -> MarkNotificationsReadPayload:
        async def act(viewer: Viewer) -> Any:
            ids = None
            if not input.all:
                ids = [pk_of(i, "Notification", "ids") for i in input.ids or []]
            count = await notifications.mark_read(viewer=viewer, notification_ids=ids)
            unread = await notifications.unread_count(viewer)
            return NotificationsMarkedRead(count=count, unread_count=unread)

        return await _run(info, "markNotificationsRead", act)

    @strawberry.mutation(description="Set the viewer's email, language and daily digest choice.")
    async def set_notification_preferences(
        self, info: Info, input: SetNotificationPreferencesInput
    ) -> SetNotificationPreferencesPayload:
        async def act(viewer: Viewer) -> Any:
            row = await notifications.set_preference(
                viewer=viewer,
                email=input.email,
                language=input.language,
                daily_digest=input.daily_digest,
            )
            return NotificationPreferencesSet(preferences=NotificationPreferences.from_model(row))

        return await _run(info, "setNotificationPreferences", act)

    @strawberry.mutation(description="An admin subscribes a URL to the agency's events.")
    async def create_webhook_endpoint(
        self, info: Info, input: CreateWebhookEndpointInput
    ) -> CreateWebhookEndpointPayload:
        async def act(viewer: Viewer) -> Any:
            created = await webhooks.create_endpoint(
                actor=viewer,
                url=input.url,
                topics=input.event_types,
                secret=new_secret(),
                allow_private=info.context.settings.webhook_allow_private,
            )
            return WebhookEndpointCreated(
                endpoint=WebhookEndpoint.from_model(created.endpoint), secret=created.secret
            )

        return await _run(info, "createWebhookEndpoint", act)

    @strawberry.mutation(description="An admin changes or pauses a webhook endpoint.")
    async def update_webhook_endpoint(
        self, info: Info, input: UpdateWebhookEndpointInput
    ) -> UpdateWebhookEndpointPayload:
        async def act(viewer: Viewer) -> Any:
            row = await webhooks.update_endpoint(
                actor=viewer,
                endpoint_id=pk_of(input.endpoint_id, "WebhookEndpoint", "endpointId"),
                topics=input.event_types,
                active=input.active,
            )
            return WebhookEndpointUpdated(endpoint=WebhookEndpoint.from_model(row))

        return await _run(info, "updateWebhookEndpoint", act)

    @strawberry.mutation(description="An admin sends a (dead-lettered) delivery again.")
    async def redeliver_webhook(
        self, info: Info, input: RedeliverWebhookInput
    ) -> RedeliverWebhookPayload:
        async def act(viewer: Viewer) -> Any:
            row = await webhooks.redeliver(
                actor=viewer,
                delivery_id=pk_of(input.delivery_id, "WebhookDelivery", "deliveryId"),
            )
            return WebhookRedeliveryScheduled(delivery=WebhookDelivery.from_model(row))

        return await _run(info, "redeliverWebhook", act)
