"""Who leads whom: one read model of the agency, read in one statement, on both databases."""

from __future__ import annotations

from typing import Any

import pytest
from tortoise import connections

from portal.models import Employee, Position
from portal.vocabulary import EmployeeStatus
from tests import factories
from workflows.access import load_org_chart, supervisor_chain


async def test_chart_is_read_in_one_statement_and_answers_the_chain(
    db: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    # given: head > supervisor > staff, and another agency beside it
    office = await factories.office()
    other = await factories.office("tangsel")
    statements: list[str] = []
    client = type(connections.get("default"))
    original = client.execute_query

    async def counted(self: Any, query: str, *args: Any, **kw: Any) -> Any:
        statements.append(query)
        return await original(self, query, *args, **kw)

    monkeypatch.setattr(client, "execute_query", counted)
    # when
    chart = await load_org_chart(office.agency.id)
    monkeypatch.undo()
    # then
    assert len(statements) == 1
    assert chart.supervisor_id(office.staff.id) == office.supervisor.id
    assert chart.superiors(office.staff.id) == [office.supervisor.id, office.head.id]
    assert chart.reports(office.head.id) == {office.supervisor.id, office.staff.id}
    assert chart.leads(office.head.id, office.staff.id)
    assert not chart.leads(office.staff.id, office.head.id)
    assert other.staff.id not in chart.position_of


async def test_vacant_and_retired_holders_pass_supervision_up(db: Any) -> None:
    # given: the supervisor retires
    office = await factories.office()
    await Employee.filter(id=office.supervisor.id).update(status=EmployeeStatus.RETIRED)
    # when
    chain = await supervisor_chain(office.staff)
    chart = await load_org_chart(office.agency.id)
    # then
    assert [e.id for e in chain] == [office.head.id]
    assert office.supervisor.id not in chart.reports(office.head.id)


async def test_a_looping_position_tree_ends_the_chain(db: Any) -> None:
    # given: the head's position points back at the staff's (a data error)
    office = await factories.office()
    assert office.staff.position_id is not None and office.head.position_id is not None
    await Position.filter(id=office.head.position_id).update(parent_id=office.staff.position_id)
    # when
    chart = await load_org_chart(office.agency.id)
    # then: every chain is finite and never names the employee themselves
    for person in (office.head, office.supervisor, office.staff):
        chain = chart.superiors(person.id)
        assert person.id not in chain and len(chain) == len(set(chain)) <= 2
