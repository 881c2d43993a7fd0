"""The part of the org chart around a viewer answers every access question as the whole chart does.

Requests read only the positions above the viewer and below them (one recursive statement); the
whole chart is the reference. Each viewer of a deliberately awkward tree (two holders of one
position, a vacant position, a retired holder, someone without a position, another agency, a
loop) sees, leads and supervises exactly whom the whole chart says, on both databases.
"""

from __future__ import annotations

from typing import Any

import pytest
from tortoise import connections

from portal.models import Employee, Position
from portal.viewer import Viewer
from portal.vocabulary import EmployeeStatus, Role
from tests import factories
from workflows.access import (
    OrgChart,
    chart_of,
    load_chart_around,
    load_org_chart,
    policy,
    supervisor_chain,
)


async def _awkward_agency() -> tuple[int, list[int]]:
    """head > (kabid A, kabid B) > seksi (vacant) > staff ...; a retired and a position-less one."""
    office = await factories.office()
    ag, unit = office.agency, office.unit
    assert office.supervisor.position_id is not None
    kabid_pos = await Position.get(id=office.supervisor.position_id)
    second_kabid = await factories.employee(ag, unit, position=kabid_pos)  # same seat, higher id
    seksi = await factories.position(ag, unit, "serang-SEKSI", parent=kabid_pos)  # stays vacant
    below_vacant = await factories.position(ag, unit, "serang-PELAKSANA", parent=seksi)
    worker = await factories.employee(ag, unit, position=below_vacant)
    retired = await factories.employee(ag, unit, position=below_vacant)
    await Employee.filter(id=retired.id).update(status=EmployeeStatus.RETIRED)
    side = await factories.position(ag, unit, "serang-SIDE", parent=kabid_pos)
    side_worker = await factories.employee(ag, unit, position=side)
    await factories.office("tangsel")  # another agency beside it
    people = sorted(e.id for e in await Employee.filter(agency_id=ag.id))
    assert {second_kabid.id, worker.id, side_worker.id} <= set(people)
    return ag.id, people


def _viewer(agency_id: int, employee_id: int, *roles: Role) -> Viewer:
    return Viewer(
        user_id=None,
        username=f"e{employee_id}",
        agency_id=agency_id,
        agency_code="serang",
        employee_id=employee_id,
        roles=frozenset(roles or (Role.EMPLOYEE,)),
    )


def _answers(viewer: Viewer, chart: OrgChart, people: list[int]) -> dict[str, Any]:
    return {
        "visible": policy.visible_employees(viewer, chart),
        "applicants": policy.request_applicants_visible(viewer, chart),
        "leads": {p for p in people if policy.leads(viewer, chart, p)},
        "direct": {p for p in people if policy.is_direct_supervisor(viewer, chart, p)},
        "personal": {p for p in people if policy.may_see_personal(viewer, chart, p)},
    }


async def _same_as_whole_chart(agency_id: int, people: list[int]) -> None:
    whole = await load_org_chart(agency_id)
    for person in people:
        viewer = _viewer(agency_id, person)
        around = await chart_of(viewer)
        assert _answers(viewer, around, people) == _answers(viewer, whole, people), person
        above = await load_chart_around(agency_id, [person], below=False)
        assert above.superiors(person) == whole.superiors(person)
        assert above.supervisor_id(person) == whole.supervisor_id(person)
    many = await load_chart_around(agency_id, people, below=False)
    assert [many.supervisor_id(p) for p in people] == [whole.supervisor_id(p) for p in people]


async def test_every_viewer_sees_what_the_whole_chart_shows(db: Any) -> None:
    # given
    agency_id, people = await _awkward_agency()
    # then
    await _same_as_whole_chart(agency_id, people)


async def test_a_looping_tree_gives_the_same_answers(db: Any) -> None:
    # given: the head's position points back at a position below it (a data error)
    agency_id, people = await _awkward_agency()
    head_pos = await Position.get(code="serang-KEPALA")
    await Position.filter(id=head_pos.id).update(
        parent_id=(await Position.get(code="serang-PELAKSANA")).id
    )
    # then
    await _same_as_whole_chart(agency_id, people)


async def test_the_viewers_part_is_one_statement_and_excludes_other_branches(
    db: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    # given
    agency_id, _ = await _awkward_agency()
    side_worker = await Employee.get(position__code="serang-SIDE")
    worker = await Employee.get(position__code="serang-PELAKSANA", status=EmployeeStatus.ACTIVE)
    statements: list[str] = []
    client = type(connections.get("default"))
    original = client.execute_query

    async def counted(self: Any, query: str, *args: Any, **kw: Any) -> Any:
        statements.append(query)
        return await original(self, query, *args, **kw)

    monkeypatch.setattr(client, "execute_query", counted)
    # when
    chart = await chart_of(_viewer(agency_id, side_worker.id))
    monkeypatch.undo()
    # then: the side branch and the chain above it, not the sibling branch
    assert len(statements) == 1
    assert side_worker.id in chart.position_of and worker.id not in chart.position_of
    assert (await chart_of(_viewer(agency_id, worker.id))).superiors(worker.id) == (
        await load_org_chart(agency_id)
    ).superiors(worker.id)


async def test_nobody_without_a_serving_position_gets_a_chart(db: Any) -> None:
    # given: HR's employee has no position; a retired holder
    office = await factories.office()
    retired = await factories.employee(
        office.agency, office.unit, position=await Position.get(code="serang-ANALIS")
    )
    await Employee.filter(id=retired.id).update(status=EmployeeStatus.RETIRED)
    hr = await Employee.get(id=office.hr_user.employee_id)
    # when
    charts = [await chart_of(_viewer(office.agency.id, e)) for e in (hr.id, retired.id)]
    # then
    assert [c.position_of for c in charts] == [{}, {}]
    assert await supervisor_chain(retired) == []
