"""``/hr`` lists who retires within 12 months; the other agency's and other roles' do not see it."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from portal.clock import clock
from tests import factories
from tests.web.conftest import Browser


async def test_hr_sees_the_retirements_due_within_a_year(db: Any, browser: Browser) -> None:
    # given: the head (JPT pratama, BUP 60) was born on 9 January 1972, retiring 1 February 2032
    clock.freeze(datetime(2031, 6, 1, 8, tzinfo=UTC))
    office = await factories.office("serang")
    other = await factories.office("tangsel")
    async with browser() as hr, browser() as other_hr, browser() as supervisor:
        await hr.login(office.hr_user.username)
        page = await hr.get("/hr")
        assert page.status_code == 200 and "Pensiun dalam 12 bulan" in page.text
        assert f'href="/employees/{office.head.nip}"' in page.text
        assert "1 Februari 2032" in page.text and "60 tahun" in page.text
        await other_hr.login(other.hr_user.username)
        theirs = await other_hr.get("/hr")
        assert office.head.nip not in theirs.text  # another agency's people stay there
        await supervisor.login(office.supervisor_user.username)
        assert (await supervisor.get("/hr")).status_code == 403
