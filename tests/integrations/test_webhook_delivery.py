"""Webhooks from the outbox to a real receiver that fails, times out and recovers.

Every event arrives exactly once with a 200, signed, in order per request, although two
dispatchers run at once; after the last try a delivery is dead until an admin redelivers it.
"""

from __future__ import annotations

import asyncio
import itertools
from collections import defaultdict
from typing import Any

from portal.auth.tokens import viewer_for_user
from portal.clock import clock
from portal.integrations import delivery
from portal.integrations.dispatcher import Dispatcher
from portal.integrations.signing import new_secret
from portal.models import OutboxEvent, WebhookDelivery
from portal.settings import Settings
from portal.vocabulary import RequestKind, Role
from tests import factories
from tests.integrations.receiver import HUNG, Receiver, running
from tests.workflows.factories import NOW, act, details_for, workflow_office
from workflows import webhooks
from workflows.career import service


async def _subscribe(wo: Any, url: str, topics: list[str] | None = None) -> str:
    admin = await factories.user(wo.office.agency, "admin.serang", Role.ADMIN)
    created = await webhooks.create_endpoint(
        actor=await viewer_for_user(admin),
        url=url,
        topics=topics or ["career_request.*"],
        secret=new_secret(),
        allow_private=True,
    )
    return created.secret


async def _three_requests_through_the_supervisor(wo: Any) -> None:
    for kind in (RequestKind.ROTATION, RequestKind.PROMOTION, RequestKind.FURTHER_STUDY):
        request = await service.submit(
            actor=await wo.staff(), kind=kind, details=details_for(kind, wo)
        )
        await act(await wo.supervisor(), request, "APPROVE")


async def _dispatch_until(settings: Settings, done: Any, *, workers: int = 2) -> None:
    dispatchers = [Dispatcher(settings) for _ in range(workers)]
    try:
        async with asyncio.timeout(60):
            while not await done():
                await asyncio.gather(*(d.run_once() for d in dispatchers))
                await asyncio.sleep(0.01)
    finally:
        for d in dispatchers:
            await d.close()


async def test_every_event_arrives_once_in_order_through_failures_and_timeouts(
    db: Any, settings: Settings
) -> None:
    # given: a receiver that fails twice, hangs, fails, hangs again, then recovers
    script: dict[int, int | str] = {0: 500, 1: 503, 2: "hang", 4: 500, 6: "hang"}
    receiver = Receiver(behaviour=lambda n: script.get(n, 200), hang_seconds=1.5)
    wo = await workflow_office()
    async with running(receiver):
        receiver.secret = await _subscribe(wo, f"{receiver.url}/jenjang")
        await _three_requests_through_the_supervisor(wo)
        clock.reset()
        events = await OutboxEvent.all().order_by("id").values("id", "subject_id", "topic")

        async def all_delivered() -> bool:
            return await WebhookDelivery.filter(status="DELIVERED").count() == len(events)

        # when: two dispatchers work at once
        await _dispatch_until(settings, all_delivered)
    # then: each event exactly once with 200, every signature valid
    ok = [c for c in receiver.calls if c.status == 200]
    assert sorted(int(c.event_id) for c in ok) == [e["id"] for e in events]
    assert all(c.signature_ok for c in receiver.calls)
    assert len(receiver.calls) > len(events)  # the failures were retried
    # and in order for each request (first attempts and successes alike)
    subject = {str(e["id"]): e["subject_id"] for e in events}
    seen: dict[str, list[int]] = defaultdict(list)
    for call in ok:
        seen[subject[call.event_id]].append(int(call.event_id))
    assert all(ids == sorted(ids) for ids in seen.values()) and len(seen) == 3
    # and no event was in flight twice at once (hung calls excepted: the sender gave up on them)
    by_event: dict[str, list[Any]] = defaultdict(list)
    for call in receiver.calls:
        if call.status != HUNG:
            by_event[call.event_id].append(call)
    assert sum(1 for c in receiver.calls if c.status == HUNG) <= 2
    for calls in by_event.values():
        spans = sorted((c.started, c.finished) for c in calls)
        assert all(a[1] <= b[0] for a, b in itertools.pairwise(spans))
    body = ok[0].body
    assert body["type"] == "career_request.submit" and body["agency"] == "serang"
    data = body["data"]
    assert isinstance(data, dict) and set(data) >= {"requestId", "state", "version", "kind"}


async def test_the_last_failure_dead_letters_and_an_admin_redelivers(
    db: Any, settings: Settings
) -> None:
    # given: a receiver that is down, and three tries at most
    settings = settings.model_copy(update={"webhook_max_attempts": 3})
    down = True
    receiver = Receiver(behaviour=lambda n: 500 if down else 200)
    wo = await workflow_office()
    async with running(receiver):
        receiver.secret = await _subscribe(wo, receiver.url, ["career_request.submit"])
        await service.submit(
            actor=await wo.staff(),
            kind=RequestKind.PROMOTION,
            details=details_for(RequestKind.PROMOTION, wo),
        )
        clock.reset()

        async def dead() -> bool:
            return await WebhookDelivery.filter(status="DEAD").count() == 1

        await _dispatch_until(settings, dead, workers=1)
        row = await WebhookDelivery.get()
        assert row.attempts == 3 and row.last_status_code == 500
        # when: the receiver is back and an admin redelivers
        down = False
        admin = await viewer_for_user(await factories.user(wo.office.agency, "admin2", Role.ADMIN))
        await webhooks.redeliver(actor=admin, delivery_id=row.id)

        async def delivered() -> bool:
            return await WebhookDelivery.filter(status="DELIVERED").count() == 1

        await _dispatch_until(settings, delivered, workers=1)
    # then
    assert [c.status for c in receiver.calls] == [500, 500, 500, 200]
    assert len({c.event_id for c in receiver.calls}) == 1


async def test_two_claims_at_once_never_take_the_same_delivery(db: Any, settings: Settings) -> None:
    # given: pending deliveries of three requests
    wo = await workflow_office()
    await _subscribe(wo, "http://127.0.0.1:9/unused")
    await _three_requests_through_the_supervisor(wo)
    clock.reset()
    from portal.integrations.fanout import fan_out

    await fan_out(settings)
    # when: four workers claim at the same moment
    claims = await asyncio.gather(
        *(delivery.claim(worker=f"w{i}", lease_seconds=30, limit=10) for i in range(4))
    )
    # then: disjoint, and only the first event of each request (the head of its line)
    taken = [d for claim in claims for d in claim]
    assert len(taken) == len(set(taken)) == 3
    heads = await WebhookDelivery.filter(id__in=taken).values("event_id")
    firsts = await OutboxEvent.filter(topic="career_request.submit").values("id")
    assert {h["event_id"] for h in heads} == {f["id"] for f in firsts}


async def test_the_server_delivers_by_itself_when_its_dispatcher_is_enabled(
    db: Any, settings: Settings
) -> None:
    # given: a server with the dispatcher enabled, and a subscribed receiver
    from tests.api.live import live_server

    receiver = Receiver()
    wo = await workflow_office()
    async with running(receiver):
        receiver.secret = await _subscribe(wo, receiver.url, ["career_request.submit"])
        clock.reset()
        serving = settings.model_copy(update={"dispatcher_enabled": True})
        async with live_server(serving):
            # when: a request is submitted
            clock.freeze(NOW)
            await service.submit(
                actor=await wo.staff(),
                kind=RequestKind.PROMOTION,
                details=details_for(RequestKind.PROMOTION, wo),
            )
            clock.reset()
            # then: it arrives without anyone running a dispatcher by hand
            for _ in range(400):  # at most 20 s
                if receiver.calls:
                    break
                await asyncio.sleep(0.05)
    assert receiver.calls[0].event_type == "career_request.submit"
    assert receiver.calls[0].signature_ok
