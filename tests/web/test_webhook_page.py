"""``/admin/webhooks``: an administrator registers a URL (secret shown once), pauses it and sends a
dead delivery again; HR gets 403, another agency's administrator cannot touch it."""

from __future__ import annotations

import re
from typing import Any

from portal.clock import clock
from portal.models import OutboxEvent, WebhookDelivery, WebhookEndpoint
from portal.vocabulary import Role
from schema.relay import to_global_id
from tests import factories
from tests.web.conftest import Browser

URL = "https://ekinerja.example.go.id/jenjang"


async def test_an_admin_registers_pauses_and_redelivers(db: Any, browser: Browser) -> None:
    office = await factories.office("serang")
    other = await factories.office("tangsel")
    admin = await factories.user(office.agency, "admin.serang", Role.ADMIN)
    other_admin = await factories.user(other.agency, "admin.tangsel", Role.ADMIN)
    async with browser() as a, browser() as hr, browser() as o:
        await hr.login(office.hr_user.username)
        assert (await hr.get("/admin/webhooks")).status_code == 403
        await a.login(admin.username)
        assert 'href="/admin/webhooks"' in (await a.get("/admin")).text
        # no event chosen: the error names the field and keeps the URL
        missing = await a.submit("/admin/webhooks", {"url": URL}, from_page="/admin/webhooks")
        assert missing.status_code == 400 and 'href="#event-0"' in missing.text
        assert f'value="{URL}"' in missing.text
        created = await a.submit(
            "/admin/webhooks", {"url": URL, "eventTypes": "career_request.approve"}
        )
        secret = re.search(r'id="secret-value" readonly value="([^"]+)"', created.text)
        endpoint = await WebhookEndpoint.get()
        assert secret and endpoint.secret  # shown once, then never again
        assert secret.group(1) not in (await a.get("/admin/webhooks")).text
        endpoint_id = to_global_id("WebhookEndpoint", endpoint.id)
        # another agency's administrator: not found, nothing changes
        await o.login(other_admin.username)
        await o.get("/admin/webhooks")
        assert URL not in o.last_html
        foreign = await o.submit("/admin/webhooks", {"endpoint": endpoint_id, "active": "false"})
        assert foreign.status_code == 404 and (await WebhookEndpoint.get()).active
        paused = await a.submit("/admin/webhooks", {"endpoint": endpoint_id, "active": "false"})
        assert paused.status_code == 303 and not (await WebhookEndpoint.get()).active
        assert "Dijeda" in (await a.get("/admin/webhooks")).text
        # a dead delivery is sent again
        event = await OutboxEvent.create(agency=office.agency, topic="career_request.approve")
        dead = await WebhookDelivery.create(
            agency=office.agency, endpoint=endpoint, event=event, status="DEAD", attempts=8,
            next_attempt_at=clock.now(), last_status_code=500,
        )  # fmt: skip
        page = await a.get("/admin/webhooks")
        assert "Gagal" in page.text and "HTTP 500" in page.text
        delivery_id = to_global_id("WebhookDelivery", dead.id)
        assert (await o.submit("/admin/webhooks", {"redeliver": delivery_id})).status_code == 404
        again = await a.submit("/admin/webhooks", {"redeliver": delivery_id})
        assert again.status_code == 303
        await dead.refresh_from_db()
        assert dead.status == "PENDING" and dead.attempts == 0
