"""The dashboard: what waits for me, and agreeing or verifying a development plan from it."""

from __future__ import annotations

from portal.models import DevelopmentPlan
from tests.web.conftest import Browser
from tests.workflows import factories as wf


async def test_a_plan_waits_for_the_supervisor_then_for_hr(db: object, browser: Browser) -> None:
    # given a draft plan of the staff member for this year
    wo = await wf.workflow_office()
    other = await wf.workflow_office("tangsel", freeze=False)
    plan = await DevelopmentPlan.create(
        agency=wo.office.agency, employee=wo.office.staff, year=2024, status="DRAFT"
    )
    async with browser() as supervisor, browser() as hr, browser() as outsider:
        # another agency's supervisor sees nothing of it
        await outsider.login(other.office.supervisor_user.username)
        assert wo.office.staff.name not in (await outsider.get("/")).text
        # the direct supervisor sees it on the dashboard and agrees it
        await supervisor.login(wo.office.supervisor_user.username)
        home = await supervisor.get("/")
        assert f"Setujui rencana {wo.office.staff.name}" in home.text
        agreed = await supervisor.submit(
            "/development/plans",
            {
                "action": "AGREE",
                "planId": supervisor.value("planId"),
                "key": supervisor.value("key"),
            },
        )
        assert agreed.status_code == 303
        assert (await DevelopmentPlan.get(id=plan.id)).status == "AGREED"
        assert "Setujui rencana" not in (await supervisor.get("/")).text
        # then HR verifies it
        await hr.login(wo.office.hr_user.username)
        await hr.get("/")
        verified = await hr.submit(
            "/development/plans",
            {"action": "VERIFY", "planId": hr.value("planId"), "key": hr.value("key")},
        )
        assert verified.status_code == 303
        assert (await DevelopmentPlan.get(id=plan.id)).status == "VERIFIED"
