"""``/hr/accounts`` (create for an employee, roles, deactivate, password link) and the
``/password/{token}`` page that sets a password through the one-time link."""

from __future__ import annotations

import re
from typing import Any

from portal.models import User, UserRole
from tests import factories
from tests.web.conftest import Browser

NEW_PASSWORD = "kata-sandi-baru-2026"


async def test_hr_makes_an_account_and_its_owner_sets_a_password(db: Any, browser: Browser) -> None:
    office = await factories.office("serang")
    other = await factories.office("tangsel")
    employee = await factories.employee(office.agency, office.unit, name="Siti")
    async with browser() as hr, browser() as owner, browser() as staff, browser() as other_hr:
        await staff.login(office.staff_user.username)
        assert (await staff.get("/hr/accounts")).status_code == 403
        await hr.login(office.hr_user.username)
        page = await hr.get("/hr/accounts")
        assert page.status_code == 200 and office.staff_user.username in page.text
        # an unknown NIP is named beside its field, the input kept
        unknown = await hr.submit(
            "/hr/accounts",
            {"action": "create", "username": "siti", "nip": "1", "roles": "EMPLOYEE"},
        )
        assert unknown.status_code == 400 and 'href="#nip"' in unknown.text
        assert 'value="siti"' in unknown.text
        key = hr.value("key")
        created = await hr.submit(
            "/hr/accounts",
            {"action": "create", "username": "siti", "nip": employee.nip, "roles": "EMPLOYEE",
             "key": key},
        )  # fmt: skip
        link = re.search(r'id="link-value" readonly value="([^"]+)"', created.text)
        assert created.status_code == 200 and link
        user = await User.get(username="siti")
        assert user.employee_id == employee.id
        token = link.group(1).split("#token=")[1]
        # the owner: a mismatch is refused, then the password is set and works
        form = await owner.get(f"/password/{token}")
        assert form.status_code == 200 and 'autocomplete="new-password"' in form.text
        mismatch = await owner.submit(
            "/password", {"token": token, "password": NEW_PASSWORD, "confirm": "lain"}
        )
        assert mismatch.status_code == 400 and 'href="#confirm"' in mismatch.text
        short = await owner.submit(
            "/password", {"token": token, "password": "pendek", "confirm": "pendek"}
        )
        assert short.status_code == 400 and 'href="#password"' in short.text
        done = await owner.submit(
            "/password", {"token": token, "password": NEW_PASSWORD, "confirm": NEW_PASSWORD}
        )
        assert done.status_code == 303 and done.headers["location"] == "/login?password=1"
        await owner.login("siti", NEW_PASSWORD)
        # the link works once
        again = await owner.submit(
            "/password",
            {"token": token, "password": NEW_PASSWORD, "confirm": NEW_PASSWORD},
            from_page="/auth/password",
        )
        assert again.status_code == 400 and 'href="#token"' in again.text
        # roles, then deactivation: the owner is out at once
        await hr.get("/hr/accounts")
        from schema.relay import to_global_id

        user_id = to_global_id("UserAccount", user.id)
        roles = await hr.submit(
            "/hr/accounts", {"action": "roles", "user": user_id, "roles": "COMMITTEE"}
        )
        assert roles.status_code == 303
        assert set(await UserRole.filter(user_id=user.id).values_list("role", flat=True)) == {
            "COMMITTEE"
        }
        # another agency's HR cannot touch the account
        await other_hr.login(other.hr_user.username)
        await other_hr.get("/hr/accounts")
        assert "siti" not in other_hr.last_html
        foreign = await other_hr.submit("/hr/accounts", {"action": "deactivate", "user": user_id})
        assert foreign.status_code == 404 and (await User.get(id=user.id)).is_active
        off = await hr.submit("/hr/accounts", {"action": "deactivate", "user": user_id})
        assert off.status_code == 303 and not (await User.get(id=user.id)).is_active
        assert (await owner.get("/")).status_code == 303  # signed out
