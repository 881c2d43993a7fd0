"""Development plans proposed from gaps, reaching the yearly hours; agreed, then verified."""

import pytest

from portal.models import AuditEntry, Competency, DevelopmentPlan, DevelopmentPlanItem
from tests import factories
from tests.factories import position_of
from tests.merit import factories as mf
from workflows.errors import InvalidTransition, NotFound, NotPermitted
from workflows.merit.development import (
    agree_development_plan,
    development_plan,
    generate_development_plan,
    verify_development_plan,
)


async def _catalogue(m: mf.MeritOffice) -> None:
    """Staff needs M.01 3, M.02 3, M.03 2 and has 1, 2, 2."""
    staff = m.office.staff
    await mf.standard(await position_of(staff), {"M.01": 3, "M.02": 3, "M.03": 2})
    await mf.assessment(staff, "M.01", 1)
    await mf.assessment(staff, "M.02", 2)
    await mf.assessment(staff, "M.03", 2)
    ag = m.office.agency
    await mf.program(ag, "INTEG-3", "M.01", hours=12, cost="1500000", target_level=3)
    await mf.program(ag, "INTEG-2", "M.01", hours=8, cost="500000", target_level=2)
    await mf.program(ag, "KERJASAMA", "M.02", hours=6, cost="750000")
    await mf.program(ag, "KOMUNIKASI-3", "M.03", hours=8, cost="600000", target_level=3)
    await mf.program(ag, "LAMA", "M.02", hours=40, cost="1", year=2024)  # other year


async def test_plan_covers_largest_gaps_first_then_reaches_minimum_hours(db) -> None:
    # given
    mf.freeze()
    m = await mf.merit_office()
    await _catalogue(m)
    # when
    proposal = await generate_development_plan(
        actor=m.staff, employee_id=m.office.staff.id, year=2025
    )
    # then: M.01 (gap 2) with the programme reaching level 3, M.02 (gap 1), then M.03 growth
    codes = dict(await Competency.all().values_list("id", "code"))
    rows = [
        (codes[i.competency_id], i.current_level, i.target_level, i.hours) for i in proposal.items
    ]
    assert rows == [("M.01", 1, 3, 12), ("M.02", 2, 3, 6), ("M.03", 2, 3, 8)]
    assert proposal.total_hours == 26 and proposal.meets_min_hours and not proposal.uncovered
    assert await AuditEntry.filter(action="plan.generate").count() == 1


async def test_regenerating_a_draft_replaces_its_items(db) -> None:
    # given
    mf.freeze()
    m = await mf.merit_office()
    await _catalogue(m)
    await generate_development_plan(actor=m.staff, employee_id=m.office.staff.id, year=2025)
    # when
    await generate_development_plan(actor=m.supervisor, employee_id=m.office.staff.id, year=2025)
    # then
    assert await DevelopmentPlan.all().count() == 1
    assert await DevelopmentPlanItem.all().count() == 3


async def test_a_gap_without_a_programme_is_reported(db) -> None:
    # given
    mf.freeze()
    m = await mf.merit_office()
    await mf.standard(await position_of(m.office.staff), {"M.03": 4})
    # when
    proposal = await generate_development_plan(actor=m.hr, employee_id=m.office.staff.id, year=2025)
    # then
    assert proposal.uncovered == ["M.03"] and not proposal.meets_min_hours


async def test_supervisor_agrees_then_hr_verifies(db) -> None:
    # given
    mf.freeze()
    m = await mf.merit_office()
    await _catalogue(m)
    proposal = await generate_development_plan(
        actor=m.staff, employee_id=m.office.staff.id, year=2025
    )
    plan_id = proposal.plan.id
    # when / then: out of order and by the wrong people
    with pytest.raises(InvalidTransition, match="kini berstatus “Rancangan”"):
        await verify_development_plan(actor=m.hr, plan_id=plan_id)
    for wrong in (m.staff, m.head, m.hr):
        with pytest.raises(NotPermitted):
            await agree_development_plan(actor=wrong, plan_id=plan_id)
    agreed = await agree_development_plan(actor=m.supervisor, plan_id=plan_id)
    assert agreed.status == "AGREED" and agreed.agreed_by_id == m.office.supervisor.id
    with pytest.raises(InvalidTransition):
        await agree_development_plan(actor=m.supervisor, plan_id=plan_id)
    with pytest.raises(InvalidTransition):
        await generate_development_plan(actor=m.staff, employee_id=m.office.staff.id, year=2025)
    with pytest.raises(NotPermitted):
        await verify_development_plan(actor=m.supervisor, plan_id=plan_id)
    verified = await verify_development_plan(actor=m.hr, plan_id=plan_id)
    # then
    assert verified.status == "VERIFIED"
    assert set(
        await DevelopmentPlanItem.filter(plan_id=plan_id).values_list("status", flat=True)
    ) == {"APPROVED"}
    assert await AuditEntry.filter(action__in=["plan.agreed", "plan.verified"]).count() == 2


async def test_plans_stay_private_and_in_the_agency(db) -> None:
    # given
    mf.freeze()
    m = await mf.merit_office()
    other = await mf.merit_office("tangsel")
    await _catalogue(m)
    proposal = await generate_development_plan(
        actor=m.staff, employee_id=m.office.staff.id, year=2025
    )
    peer = await factories.employee(m.office.agency, m.office.unit)
    peer_viewer = await mf.viewer(await factories.user(m.office.agency, "rekan", employee=peer))
    # when / then
    with pytest.raises(NotPermitted):
        await development_plan(actor=peer_viewer, employee_id=m.office.staff.id, year=2025)
    with pytest.raises(NotPermitted):
        await generate_development_plan(actor=peer_viewer, employee_id=m.office.staff.id, year=2025)
    with pytest.raises(NotFound):
        await verify_development_plan(actor=other.hr, plan_id=proposal.plan.id)
    found = await development_plan(actor=m.head, employee_id=m.office.staff.id, year=2025)
    assert found is not None and len(found[1]) == 3
