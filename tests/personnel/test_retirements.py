"""HR sees who reaches their retirement age (BUP) within the coming months."""

from __future__ import annotations

from datetime import UTC, datetime

from portal.clock import clock
from portal.settings import Settings
from schema import schema
from schema.context import Context
from tests.personnel.world import run, world

DUE = """
query($months: Int!) { retirementsDue(months: $months) { age on employee { nip } } }
"""


async def test_hr_sees_retirements_within_the_window_and_others_are_refused(db) -> None:
    # given: the head (JPT pratama, BUP 60) was born on 9 January 1972
    clock.freeze(datetime(2031, 6, 1, 8, tzinfo=UTC))
    w = await world()
    # when
    year = await run(w.viewers["hr"], DUE, months=12)
    month = await run(w.viewers["admin"], DUE, months=1)
    context = Context(settings=Settings(), viewer=w.viewers["supervisor"], language="en")
    refused = await schema.execute(DUE, variable_values={"months": 12}, context_value=context)
    # then
    assert year["retirementsDue"] == [
        {"age": 60, "on": "2032-02-01", "employee": {"nip": w.office.head.nip}}
    ]
    assert month["retirementsDue"] == []
    assert refused.errors and refused.errors[0].message == (
        "Only HR and administrators see upcoming retirements."
    )
