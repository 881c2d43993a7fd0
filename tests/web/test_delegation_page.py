"""``/delegation`` and the ``myDelegations`` query behind it."""

from __future__ import annotations

from portal.models import Delegation
from tests.web.conftest import Browser
from tests.workflows import factories as wf


async def test_set_list_and_revoke_a_delegation(db: object, browser: Browser) -> None:
    wo = await wf.workflow_office()
    other = await wf.workflow_office("tangsel", freeze=False)
    supervisor = wo.office.supervisor_user.username
    delegate = wo.office.hr_user.username
    async with browser() as b, browser() as d, browser() as outsider:
        await b.login(supervisor)
        # bad input: the errors by their fields, nothing written
        bad = await b.submit(
            "/delegation",
            {"delegate": delegate, "startsOn": "2024-06-10", "endsOn": "2024-06-01"},
            from_page="/delegation",
        )
        assert bad.status_code == 400 and 'href="#endsOn"' in bad.text
        assert 'value="2024-06-10"' in bad.text
        assert await Delegation.all().count() == 0
        # when the supervisor delegates to HR for a week
        ok = await b.submit(
            "/delegation",
            {
                "delegate": delegate,
                "startsOn": "2024-06-05",
                "endsOn": "2024-06-12",
                "reason": "Cuti",
            },
            from_page="/delegation",
        )
        assert ok.status_code == 303
        page = await b.get("/delegation")
        assert "12 Juni 2024" in page.text
        # then the delegate sees it received; another agency sees nothing of it
        await d.login(delegate)
        assert "Delegasi yang Anda terima" in (await d.get("/delegation")).text
        await outsider.login(other.office.supervisor_user.username)
        assert "12 Juni 2024" not in (await outsider.get("/delegation")).text
        # another agency's user cannot revoke it either
        row = await Delegation.get()
        from schema.relay import to_global_id

        await outsider.submit("/delegation", {"revoke": to_global_id("Delegation", row.id)})
        assert (await Delegation.get()).revoked_at is None
        # the supervisor revokes it
        await b.get("/delegation")
        revoked = await b.submit("/delegation", {"revoke": to_global_id("Delegation", row.id)})
        assert revoked.status_code == 303
        assert (await Delegation.get()).revoked_at is not None
        assert "Delegasi yang Anda berikan" not in (await b.get("/delegation")).text
