"""Subscriptions (graphql-transport-ws on /graphql): a request's events, the viewer's queue.

Both see only committed events of the viewer's agency, with the same visibility rules as
queries; the DataLoaders are renewed for every event so nothing is served stale.
"""

from __future__ import annotations

from collections.abc import AsyncGenerator

import strawberry
from graphql import GraphQLError

from portal.events import EventHub
from portal.models.base import column_values
from portal.viewer import Viewer
from schema.context import Info
from schema.permissions import IsAuthenticated, require_viewer
from schema.relay import decode_id
from schema.requests.types import CareerRequest, load_request
from workflows.career.queue import approval_queue

TOPIC_PREFIX = "career_request."
SNAPSHOT = "snapshot"  # the first event of every subscription: the state when it started


@strawberry.type(description="Something happened to a career request.")
class CareerRequestEvent:
    topic: str = strawberry.field(
        description="e.g. career_request.approve; the first event is a 'snapshot'"
    )
    state: str
    version: int
    actor: str
    request: CareerRequest | None


@strawberry.type(description="The viewer's approval queue changed.")
class ApprovalQueueChange:
    topic: str = strawberry.field(description="The cause; the first event is a 'snapshot'")
    added: bool = strawberry.field(description="The request now waits for the viewer.")
    removed: bool = strawberry.field(description="The request no longer waits for the viewer.")
    total_count: int
    request: CareerRequest | None


def _hub(info: Info) -> EventHub:
    hub = info.context.events
    if hub is None:
        raise GraphQLError(info.context.t("errors.subscriptions.unavailable"))
    return hub


async def _queue_ids(viewer: Viewer) -> set[int]:
    queue = await approval_queue(actor=viewer)
    return set(await column_values(queue.order_by("id"), "id", int))


@strawberry.type
class Subscription:
    @strawberry.subscription(
        description="Every change of one request the viewer may see.",
        permission_classes=[IsAuthenticated],
    )
    async def career_request_events(
        self, info: Info, request_id: strawberry.ID
    ) -> AsyncGenerator[CareerRequestEvent, None]:
        viewer = require_viewer(info)
        pk = decode_id(request_id, "CareerRequest")
        hub = _hub(info)
        async with hub.subscribe() as queue:
            current = await load_request(info, pk)
            if current is None:
                raise GraphQLError(
                    info.context.t("errors.request.missing"), extensions={"code": "NOT_FOUND"}
                )
            # First the current state, so a client knows it is subscribed and where things stand.
            yield CareerRequestEvent(
                topic=SNAPSHOT,
                state=current.state,
                version=current.version,
                actor="",
                request=current,
            )
            while True:
                event = await queue.get()
                if event.agency_id != viewer.agency_id or event.subject_id != str(pk):
                    continue
                if not event.topic.startswith(TOPIC_PREFIX):
                    continue
                info.context.renew_loaders()
                request = await load_request(info, pk)
                if request is None:
                    continue
                yield CareerRequestEvent(
                    topic=event.topic,
                    state=str(event.payload.get("state", request.state)),
                    version=int(event.payload.get("version", request.version)),
                    actor=str(event.payload.get("actor", "")),
                    request=request,
                )

    @strawberry.subscription(
        description="A request entered or left the viewer's approval queue.",
        permission_classes=[IsAuthenticated],
    )
    async def approval_queue_changed(self, info: Info) -> AsyncGenerator[ApprovalQueueChange, None]:
        viewer = require_viewer(info)
        hub = _hub(info)
        async with hub.subscribe() as queue:
            waiting = await _queue_ids(viewer)
            yield ApprovalQueueChange(
                topic=SNAPSHOT, added=False, removed=False, total_count=len(waiting), request=None
            )
            while True:
                event = await queue.get()
                if event.agency_id != viewer.agency_id or not event.topic.startswith(TOPIC_PREFIX):
                    continue
                now = await _queue_ids(viewer)
                pk = int(event.subject_id) if event.subject_id.isdigit() else -1
                added, removed = pk in now - waiting, pk in waiting - now
                waiting = now
                if not (added or removed):
                    continue
                info.context.renew_loaders()
                yield ApprovalQueueChange(
                    topic=event.topic,
                    added=added,
                    removed=removed,
                    total_count=len(now),
                    request=await load_request(info, pk),
                )
