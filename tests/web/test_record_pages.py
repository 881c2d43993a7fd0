"""HR's record upkeep: ``/hr/employees/new`` and ``/employees/{nip}/edit`` (corrections, status,
disciplinary penalties); other roles get 403, another agency's employee 404."""

from __future__ import annotations

import re
from typing import Any

from portal.models import DisciplinaryPenalty, Employee
from tests import factories
from tests.web.conftest import Browser

NIP = "199203152019032011"


async def test_hr_creates_corrects_and_keeps_the_record(db: Any, browser: Browser) -> None:
    office = await factories.office("serang")
    other = await factories.office("tangsel")
    async with browser() as hr, browser() as staff, browser() as other_hr:
        await staff.login(office.staff_user.username)
        assert (await staff.get("/hr/employees/new")).status_code == 403
        assert (await staff.get(f"/employees/{office.staff.nip}/edit")).status_code == 403
        await hr.login(office.hr_user.username)
        form = await hr.get("/hr/employees/new")
        unit = re.search(r'<option value="([^"]+)" >', form.text.split('id="orgUnitId"')[1])
        assert unit
        fields = {
            "nip": NIP, "name": "Dewi Lestari, S.E.", "gender": "FEMALE",
            "birthDate": "1992-03-15", "cpnsDate": "2019-03-01", "employeeType": "CPNS",
            "education": "S1", "orgUnitId": unit.group(1), "rank": "III/a",
            "rankSince": "2019-03-01", "key": hr.value("key"),
        }  # fmt: skip
        missing = await hr.submit("/hr/employees/new", {**fields, "name": ""})
        assert missing.status_code == 400 and 'href="#name"' in missing.text
        assert f'value="{NIP}"' in missing.text
        created = await hr.submit("/hr/employees/new", fields)
        assert created.status_code == 303, created.text
        assert created.headers["location"] == f"/employees/{NIP}?done=created"
        employee = await Employee.get(nip=NIP)
        # correct the name
        edit = await hr.get(f"/employees/{NIP}/edit")
        assert edit.status_code == 200
        corrected = await hr.submit(
            f"/employees/{NIP}/edit",
            {"action": "correct", "name": "Dewi Lestari, S.E., M.M.", "gender": "FEMALE",
             "birthDate": "1992-03-15", "cpnsDate": "2019-03-01", "employeeType": "CPNS"},
        )  # fmt: skip
        assert corrected.status_code == 303, corrected.text
        assert (await Employee.get(id=employee.id)).name == "Dewi Lestari, S.E., M.M."
        # a penalty needs its decree; then it is recorded and can be ended
        await hr.get(f"/employees/{NIP}/edit")
        no_decree = await hr.submit(
            f"/employees/{NIP}/edit",
            {"action": "penalty", "level": "LIGHT", "startsOn": "2024-02-01"},
        )
        assert no_decree.status_code == 400 and 'href="#penalty-decreeNumber"' in no_decree.text
        added = await hr.submit(
            f"/employees/{NIP}/edit",
            {"action": "penalty", "level": "LIGHT", "startsOn": "2024-02-01",
             "decreeNumber": "800/01/2024"},
        )  # fmt: skip
        assert added.status_code == 303, added.text
        page = await hr.get(f"/employees/{NIP}/edit")
        assert "800/01/2024" in page.text and "Akhiri hukuman" in page.text
        penalty_id = re.search(r'name="penaltyId" value="([^"]+)"', page.text)
        assert penalty_id
        ended = await hr.submit(
            f"/employees/{NIP}/edit",
            {"action": "end_penalty", "penaltyId": penalty_id.group(1), "level": "LIGHT",
             "startsOn": "2024-02-01", "decreeNumber": "800/01/2024", "endsOn": "2024-08-01"},
        )  # fmt: skip
        assert ended.status_code == 303, ended.text
        penalty = await DisciplinaryPenalty.get(employee_id=employee.id)
        assert str(penalty.ends_on) == "2024-08-01"
        profile = await hr.get(f"/employees/{NIP}")
        assert "800/01/2024" in profile.text and f'href="/employees/{NIP}/edit"' in profile.text
        # status: a reason is required, then the change is recorded
        no_reason = await hr.submit(
            f"/employees/{NIP}/edit",
            {"action": "status", "status": "LEAVE", "effectiveOn": "2024-09-01"},
            from_page=f"/employees/{NIP}/edit",
        )
        assert no_reason.status_code == 400 and 'href="#status-reason"' in no_reason.text
        changed = await hr.submit(
            f"/employees/{NIP}/edit",
            {"action": "status", "status": "LEAVE", "effectiveOn": "2024-09-01",
             "reason": "Cuti di luar tanggungan negara"},
        )  # fmt: skip
        assert changed.status_code == 303, changed.text
        # another agency's HR: the employee does not exist for them
        await other_hr.login(other.hr_user.username)
        assert (await other_hr.get(f"/employees/{NIP}/edit")).status_code == 404
        assert (await other_hr.get(f"/employees/{NIP}")).status_code == 404
