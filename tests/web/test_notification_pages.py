"""``/notifications``: the list with the unread count in the header, marking read, preferences."""

from __future__ import annotations

from typing import Any

from portal.integrations.dispatcher import Dispatcher
from portal.models import Notification, NotificationPreference
from portal.settings import Settings
from tests.web.conftest import Browser
from tests.web.test_request_pages import submit_promotion
from tests.workflows import factories as wf


async def test_the_supervisor_reads_the_queue_notice_and_chooses_a_digest(
    db: Any, browser: Browser, settings: Settings
) -> None:
    wo = await wf.workflow_office()
    office = wo.office
    async with browser() as employee, browser() as supervisor:
        await employee.login(office.staff_user.username)
        await submit_promotion(employee)
        dispatcher = Dispatcher(settings)
        try:
            await dispatcher.run_once()
        finally:
            await dispatcher.close()
        assert await Notification.filter(user_id=office.supervisor_user.id).count() == 1
        await supervisor.login(office.supervisor_user.username)
        home = await supervisor.get("/")
        assert (
            'href="/notifications"' in home.text
            and '1<span class="visually-hidden"> belum dibaca' in home.text
        )
        page = await supervisor.get("/notifications?lang=en")
        assert page.status_code == 200 and "Unread" in page.text
        assert 'class="notification-list"' in page.text
        # the applicant does not see the supervisor's notification
        assert "Tidak ada notifikasi" in (await employee.get("/notifications")).text
        read = await supervisor.submit("/notifications", {"action": "read"})
        assert read.status_code == 303
        assert (
            await Notification.filter(user_id=office.supervisor_user.id, read_at=None).count() == 0
        )
        after = await supervisor.get("/notifications?lang=id")
        assert "Sudah dibaca" in after.text and "belum dibaca</span>" not in after.text
        # preferences: an error keeps the input and names the field
        bad = await supervisor.submit("/notifications", {"email": "x@y.id", "language": "id"})
        assert bad.status_code == 400 and 'href="#delivery-each"' in bad.text
        assert 'value="x@y.id"' in bad.text
        saved = await supervisor.submit(
            "/notifications",
            {"email": "atasan@serangkota.go.id", "language": "en", "delivery": "digest"},
        )
        assert saved.status_code == 303
        preference = await NotificationPreference.get(user_id=office.supervisor_user.id)
        assert preference.daily_digest and preference.language == "en"
        assert preference.email == "atasan@serangkota.go.id"


async def test_notifications_need_a_login(db: Any, browser: Browser) -> None:
    async with browser() as anonymous:
        response = await anonymous.get("/notifications")
        assert response.status_code == 303 and response.headers["location"].startswith("/login")
