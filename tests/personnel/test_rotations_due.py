"""HR's list of employees due for rotation (past 5 years in the posting); others are refused."""

from __future__ import annotations

from datetime import UTC, date, datetime

from portal.clock import clock
from portal.models import Employee
from portal.settings import Settings
from schema import schema
from schema.context import Context
from tests.personnel.world import run, world

DUE = "{ rotationsDue { since years employee { nip } } }"


async def test_hr_sees_who_is_due_for_rotation_and_others_are_refused(db) -> None:
    # given: the staff member 5.9 years in the posting, everyone else less than 5
    clock.freeze(datetime(2025, 11, 26, 8, tzinfo=UTC))
    w = await world()
    await Employee.filter(agency_id=w.office.agency.id).update(position_since=date(2023, 1, 2))
    await Employee.filter(id=w.staff.id).update(position_since=date(2020, 1, 2))
    # when
    hr = await run(w.viewers["hr"], DUE)
    admin = await run(w.viewers["admin"], DUE)
    other = await run(w.viewers["other_agency_hr"], DUE)
    # then HR and admin see them, with the years; another agency does not
    expected = [{"since": "2020-01-02", "years": 5.9, "employee": {"nip": w.staff.nip}}]
    assert hr["rotationsDue"] == expected and admin["rotationsDue"] == expected
    assert all(d["employee"]["nip"] != w.staff.nip for d in other["rotationsDue"])
    for role in ("employee", "supervisor", "committee", "write_token"):
        context = Context(settings=Settings(), viewer=w.viewers[role], language="en")
        refused = await schema.execute(DUE, context_value=context)
        assert refused.errors and refused.errors[0].message == (
            "Only HR (BKPSDM) officers and administrators see who is due for rotation."
        ), role
        assert refused.errors[0].extensions and refused.errors[0].extensions["code"] == "FORBIDDEN"
