"""The reads that keep pages flat at scale give the answers of the plain queries they replace.

On a generated agency (``bench/generate.py``, both databases): the queue read in the order of the
assignments' index equals the semi-join queue for every approver, with delegations in force too;
every assignment carries its request's due time through inserts and changes; the maintained
headcount equals ``COUNT(*)`` through inserts, moves and deletes; and the chart around each
sampled viewer answers as the whole chart does.
"""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from bench.generate import generate
from portal.auth import viewer_for_user
from portal.clock import clock
from portal.models import Agency, CareerRequest, Delegation, Employee, RequestAssignment, User
from portal.viewer import Viewer
from workflows.access import chart_of, load_org_chart, policy
from workflows.career.queue import (
    QUEUE_ORDER,
    approval_queue,
    approval_queue_count,
    approval_queue_query,
)
from workflows.headcount import employee_count

EMPLOYEES = 200


async def _viewer(username: str) -> Viewer:
    return await viewer_for_user(await User.get(username=username))


async def _same_queue(viewer: Viewer) -> int:
    joined = await approval_queue(actor=viewer)
    plain = approval_queue_query(actor=viewer)
    ids = [r.id for r in await joined.order_by(*QUEUE_ORDER, "id")]
    assert ids == [r.id for r in await plain.order_by("due_at", "id")]
    assert len(ids) == len(set(ids)) == await joined.count()
    assert await approval_queue_count(actor=viewer) == len(ids)
    return len(ids)


async def _due_times_match() -> None:
    due = dict(await CareerRequest.all().values_list("id", "due_at"))
    rows = await RequestAssignment.all().values_list("request_id", "due_at")
    assert rows and all(copy == due[request] for request, copy in rows)


async def test_scale_reads_equal_the_plain_queries(db: Any) -> None:
    # given: a generated agency
    summary = await generate(db.url, employees=EMPLOYEES, requests=4, audit=5)
    agency = await Agency.get(code=summary.agencies[0])
    approvers = sorted(set(await RequestAssignment.all().values_list("user_id", flat=True)))
    # then: every approver's queue is the same, in the same order
    assert sum([await _same_queue(await viewer_for_user(await User.get(id=u))) for u in approvers])
    await _due_times_match()
    # when: HR and a supervisor delegate to one colleague, whose own queue overlaps theirs
    now = clock.now()
    hr, boss = await User.get(username="hr.skala01"), await User.get(username="atasan.skala01")
    deputy = await User.get(username="hrhead.skala01")
    for giver in (hr, boss):
        await Delegation.create(
            agency=agency,
            delegator=giver,
            delegate=deputy,
            starts_at=now - timedelta(days=1),
            ends_at=now + timedelta(days=1),
        )
    # then
    assert await _same_queue(await _viewer("hrhead.skala01")) >= await _same_queue(
        await _viewer("atasan.skala01")
    )
    # when: due times move (an escalation, a closed request) and a stage is assigned anew
    moved = (
        await RequestAssignment.all().order_by("id").limit(3).values_list("request_id", flat=True)
    )
    await CareerRequest.filter(id=moved[0]).update(due_at=now + timedelta(days=9))
    await CareerRequest.filter(id=moved[1]).update(due_at=None)
    await RequestAssignment.create(
        agency=agency, request_id=moved[2], user=deputy, stage="HR_REVIEW", via="ESCALATION"
    )
    # then
    await _due_times_match()
    await _same_queue(await _viewer("hrhead.skala01"))
    await _headcount_follows_every_change(agency)
    await _sampled_viewers_see_what_the_whole_chart_shows(agency.id)


async def _headcount_follows_every_change(agency: Agency) -> None:
    assert await employee_count(agency.id) == EMPLOYEES
    other = await Agency.create(code="lain", name="Lain")
    some = await Employee.filter(agency_id=agency.id).order_by("-id").limit(2)
    await Employee.filter(id=some[0].id).update(agency_id=other.id, position_id=None)
    await Employee.filter(id=some[1].id).update(name="Nama Baru")
    added = [
        await Employee.create(
            agency_id=agency.id,
            nip=f"19900101201501{n:04d}",
            name=f"Baru {n}",
            gender=some[1].gender,
            birth_date=some[1].birth_date,
            employee_type=some[1].employee_type,
            appointment_date=some[1].appointment_date,
            education=some[1].education,
            org_unit_id=some[1].org_unit_id,
        )
        for n in range(3)
    ]
    await Employee.filter(id=added[0].id).delete()
    for agency_id in (agency.id, other.id, 999_999):
        assert await employee_count(agency_id) == await Employee.filter(agency_id=agency_id).count()


async def _sampled_viewers_see_what_the_whole_chart_shows(agency_id: int) -> None:
    whole = await load_org_chart(agency_id)
    people = sorted(whole.position_of)
    for person in people[:: max(1, len(people) // 25)]:
        viewer = Viewer(agency_id=agency_id, agency_code="skala01", employee_id=person)
        around = await chart_of(viewer)
        assert policy.visible_employees(viewer, around) == policy.visible_employees(viewer, whole)
        assert {p for p in people if policy.leads(viewer, around, p)} == {
            p for p in people if policy.leads(viewer, whole, p)
        }
