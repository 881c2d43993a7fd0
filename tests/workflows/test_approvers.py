"""Who decides: delegation, separation of duties, quorum settings, an agency's extra stage."""

from datetime import date, datetime, timedelta
from typing import TypedDict

import pytest

from portal.models import Agency, AuditEntry, Decision, Delegation, OrgUnit, Position, UserRole
from portal.vocabulary import OrgUnitKind, PositionKind, Rank, RequestKind, Role
from tests.factories import employee_of
from tests.words import english
from tests.workflows import factories as wf
from tests.workflows.factories import NOW, REASON, act
from workflows.access.requests import can_view_request
from workflows.career import service
from workflows.career.queue import approval_queue_query
from workflows.errors import NotPermitted, ValidationFailed


class Period(TypedDict):
    """When a delegation runs: the keywords of ``set_delegation`` for it."""

    starts_at: datetime
    ends_at: datetime


async def _rotation(wo):
    return await service.submit(
        actor=await wo.staff(), kind=RequestKind.ROTATION, details=wf.rotation(wo.vacancy)
    )


async def test_delegate_decides_and_both_are_recorded(db) -> None:
    # given the supervisor away, delegating to a colleague
    wo = await wf.workflow_office()
    colleague_emp = await wf.factories.employee(
        wo.office.agency, wo.office.unit, birth_date=date(1983, 8, 8)
    )
    colleague = await wf.factories.user(wo.office.agency, "wakil.serang", employee=colleague_emp)
    sup = await wo.supervisor()
    delegation = await service.set_delegation(
        actor=sup,
        delegate_user_id=colleague.id,
        starts_at=NOW,
        ends_at=NOW + timedelta(days=7),
        reason="cuti",
    )
    request = await _rotation(wo)
    deputy = await wo.viewer(colleague)
    # when
    assert [r.id for r in await approval_queue_query(actor=deputy)] == [request.id]
    assert await service.available_actions(actor=deputy, request=request) == [
        "APPROVE",
        "REJECT",
        "RETURN",
    ]
    request = await act(deputy, request, "APPROVE")
    # then
    decision = await Decision.get(request_id=request.id, action="APPROVE")
    assert (decision.actor_id, decision.on_behalf_of_id) == (
        colleague.id,
        wo.office.supervisor_user.id,
    )
    entry = await AuditEntry.filter(action="career_request.approve").get()
    assert (
        '"on_behalf_of":"atasan.serang"' in entry.canonical
        and entry.actor_username == "wakil.serang"
    )
    assert await AuditEntry.filter(action="delegation.set", subject_id=str(delegation.id)).exists()
    # HR granted after submission is not in this request's plan
    await UserRole.create(agency=wo.office.agency, user=colleague, role=Role.HR)
    with pytest.raises(NotPermitted):
        await act(await wo.viewer(colleague), request, "APPROVE")


async def test_a_delegate_down_a_chain_may_see_what_they_may_decide(db) -> None:
    # given the supervisor delegating to a colleague, who delegates on to another colleague;
    # neither leads the applicant nor holds an agency-wide role
    wo = await wf.workflow_office()
    deputies = []
    for n, born in enumerate((date(1983, 8, 8), date(1985, 3, 3))):
        person = await wf.factories.employee(wo.office.agency, wo.office.unit, birth_date=born)
        deputies.append(
            await wf.factories.user(wo.office.agency, f"wakil{n}.serang", employee=person)
        )
    period: Period = {"starts_at": NOW, "ends_at": NOW + timedelta(days=5)}
    await service.set_delegation(
        actor=await wo.supervisor(), delegate_user_id=deputies[0].id, **period
    )
    await service.set_delegation(
        actor=await wo.viewer(deputies[0]), delegate_user_id=deputies[1].id, **period
    )
    request = await _rotation(wo)
    last = await wo.viewer(deputies[1])
    # then the last of the chain has it in their queue, may decide it and may open it
    assert [r.id for r in await approval_queue_query(actor=last)] == [request.id]
    assert "APPROVE" in await service.available_actions(actor=last, request=request)
    assert await can_view_request(actor=last, request=request)
    # once the first delegation is revoked, none of it
    first = await Delegation.get(delegate_id=deputies[0].id)
    await service.revoke_delegation(actor=await wo.supervisor(), delegation_id=first.id)
    assert not await can_view_request(actor=last, request=request)
    assert await approval_queue_query(actor=last) == []


async def test_revoked_or_expired_delegation_gives_nothing(db) -> None:
    wo = await wf.workflow_office()
    deputy_user = (wo.office.committee)[0]
    sup = await wo.supervisor()
    delegation = await service.set_delegation(
        actor=sup, delegate_user_id=deputy_user.id, starts_at=NOW, ends_at=NOW + timedelta(days=1)
    )
    request = await _rotation(wo)
    with pytest.raises(NotPermitted):
        await service.revoke_delegation(actor=await wo.hr(), delegation_id=delegation.id)
    await service.revoke_delegation(actor=sup, delegation_id=delegation.id)
    deputy = await wo.viewer(deputy_user)
    assert await approval_queue_query(actor=deputy).count() == 0
    with pytest.raises(NotPermitted):
        await act(deputy, request, "APPROVE")


async def test_delegation_chains_work_but_cannot_loop(db) -> None:
    wo = await wf.workflow_office()
    a, b, c = wo.office.supervisor_user, wo.office.committee[0], wo.office.committee[1]
    period: Period = {"starts_at": NOW, "ends_at": NOW + timedelta(days=5)}
    await service.set_delegation(actor=await wo.viewer(a), delegate_user_id=b.id, **period)
    await service.set_delegation(actor=await wo.viewer(b), delegate_user_id=c.id, **period)
    with pytest.raises(ValidationFailed, match="berputar kembali") as looping:
        await service.set_delegation(actor=await wo.viewer(c), delegate_user_id=a.id, **period)
    assert english(looping.value).endswith("the delegation would loop.")
    with pytest.raises(ValidationFailed):
        await service.set_delegation(actor=await wo.viewer(a), delegate_user_id=a.id, **period)
    with pytest.raises(ValidationFailed):
        await service.set_delegation(
            actor=await wo.viewer(a), delegate_user_id=c.id, starts_at=NOW, ends_at=NOW
        )
    # C acts for A through B
    request = await _rotation(wo)
    assert [r.id for r in await approval_queue_query(actor=await wo.viewer(c))] == [request.id]
    request = await act(await wo.viewer(c), request, "APPROVE")
    assert request.state == "HR_REVIEW"


async def test_nobody_acts_on_their_own_request(db) -> None:
    # given the HR officer applying: HR must not verify their own request
    wo = await wf.workflow_office()
    hr = await wo.hr()
    hr_emp = await employee_of(wo.office.hr_user)
    await (
        type(hr_emp)
        .filter(id=hr_emp.id)
        .update(position_id=wo.office.staff.position_id, position_since=date(2020, 1, 2))
    )
    await wf.good_years(hr_emp)
    request = await service.submit(
        actor=hr, kind=RequestKind.PROMOTION, details=wf.rank_promotion()
    )
    assert all(
        a["user_id"] != wo.office.hr_user.id for s in request.approval_plan for a in s["approvers"]
    )
    request = await act(await wo.supervisor(), request, "APPROVE")
    # the plan falls back to the HR head for the HR stage
    assert request.approval_plan[1]["approvers"][0]["username"] == "kabid.serang"
    with pytest.raises(NotPermitted):
        await act(hr, request, "APPROVE")
    assert await approval_queue_query(actor=hr).count() == 0


async def test_nobody_decides_two_stages(db) -> None:
    # given the supervisor also an HR officer and a committee member
    wo = await wf.workflow_office()
    for role in (Role.HR, Role.COMMITTEE):
        await UserRole.create(agency=wo.office.agency, user=wo.office.supervisor_user, role=role)
    sup = await wo.supervisor()
    request = await _rotation(wo)
    request = await act(sup, request, "APPROVE")
    # when / then
    with pytest.raises(NotPermitted, match="sudah memutuskan tahap “Pemeriksaan atasan”") as twice:
        await act(sup, request, "APPROVE")
    assert "already decided the “Supervisor review” stage" in english(twice.value)
    assert await service.available_actions(actor=sup, request=request) == []
    request = await act(await wo.hr(), request, "APPROVE")
    with pytest.raises(NotPermitted):
        await act(sup, request, "APPROVE")
    # the supervisor's seat left the quorum: 3 seats remain, two approvals decide
    members = await wo.committee()
    request = await act(members[0], request, "APPROVE")
    request = await act(members[1], request, "APPROVE")
    assert request.state == "APPROVED"


@pytest.mark.parametrize(
    ("rule", "votes", "expected"),
    [
        ("all", ["APPROVE", "APPROVE"], "COMMITTEE_REVIEW"),
        ("all", ["APPROVE", "APPROVE", "APPROVE"], "APPROVED"),
        ("any_reject_rejects", ["APPROVE", "REJECT"], "REJECTED"),
    ],
)
async def test_quorum_rule_is_a_setting(db, rule, votes, expected) -> None:
    wo = await wf.workflow_office()
    await Agency.filter(id=wo.agency_id).update(rule_overrides={"committee_quorum": rule})
    request = await wf.to_committee(wo)
    for member, vote in zip(await wo.committee(), votes, strict=False):
        request = await act(member, request, vote, **(REASON if vote == "REJECT" else {}))
    assert request.state == expected


async def test_extra_head_of_opd_stage_and_requests_keep_their_chain(db) -> None:
    # given one request under the default chain, then the agency adds a head-of-OPD stage
    wo = await wf.workflow_office()
    old = await service.submit(
        actor=await wo.staff(), kind=RequestKind.PROMOTION, details=wf.rank_promotion()
    )
    await Agency.filter(id=wo.agency_id).update(
        rule_overrides={"extra_stages": ["HEAD_OF_OPD_REVIEW"]}
    )
    head = await wf.factories.user(wo.office.agency, "kepala.serang", employee=wo.office.head)
    # when
    new = await service.submit(
        actor=await wo.staff(), kind=RequestKind.ROTATION, details=wf.rotation(wo.vacancy)
    )
    new = await act(await wo.supervisor(), new, "APPROVE")
    old = await act(await wo.supervisor(), old, "APPROVE")
    # then
    assert new.workflow_name == "rotation+HEAD_OF_OPD_REVIEW" and new.state == "HEAD_OF_OPD_REVIEW"
    assert new.approval_plan[1]["approvers"][0]["user_id"] == head.id
    assert old.workflow_name == "promotion" and old.state == "HR_REVIEW"
    new = await act(await wo.viewer(head), new, "APPROVE")
    assert new.state == "HR_REVIEW"
    preview = await service.preview_approval_plan(
        actor=await wo.staff(), kind=RequestKind.ROTATION, details=wf.rotation(wo.vacancy)
    )
    assert [s["stage"] for s in preview] == [
        "SUPERVISOR_REVIEW",
        "HEAD_OF_OPD_REVIEW",
        "HR_REVIEW",
        "COMMITTEE_REVIEW",
    ]


async def test_head_of_opd_is_the_top_of_the_applicants_opd_not_of_the_agency(db) -> None:
    # given: the OPD head reports to the Sekda, who sits in another top-level unit
    wo = await wf.workflow_office()
    ag = wo.office.agency
    # the demo's shape: the BKPSDM (an OPD) sits under the Sekretariat Daerah in the org tree
    setda = await OrgUnit.create(agency=ag, code="SETDA", name="Setda", kind=OrgUnitKind.SETDA)
    await OrgUnit.filter(id=wo.office.unit.id).update(parent_id=setda.id)
    sekda_pos = await wf.factories.position(
        ag, setda, "SEKDA", kind=PositionKind.JPT_PRATAMA, position_class=15
    )
    head_pos = await Position.get(id=wo.office.head.position_id)
    await Position.filter(id=head_pos.id).update(parent_id=sekda_pos.id)
    sekda = await wf.factories.employee(
        ag, setda, position=sekda_pos, birth_date=date(1970, 6, 1), rank=Rank.IV_C
    )
    await wf.factories.user(ag, "sekda.serang", employee=sekda)
    head = await wf.factories.user(ag, "kepala.serang", employee=wo.office.head)
    await Agency.filter(id=wo.agency_id).update(
        rule_overrides={"extra_stages": ["HEAD_OF_OPD_REVIEW"]}
    )
    # when
    plan = await service.preview_approval_plan(
        actor=await wo.staff(), kind=RequestKind.ROTATION, details=wf.rotation(wo.vacancy)
    )
    # then: the head of the BKPSDM decides the OPD stage, not the Sekda above it
    assert plan[1]["stage"] == "HEAD_OF_OPD_REVIEW"
    assert [a["user_id"] for a in plan[1]["approvers"]] == [head.id]


async def test_preview_refuses_a_position_of_another_agency(db) -> None:
    # given: a vacancy in another agency
    wo = await wf.workflow_office()
    other = await wf.workflow_office("tangsel")
    # when / then: the service treats it as unknown, as submit does
    with pytest.raises(ValidationFailed, match="Jabatan tujuan tidak dikenal") as previewed:
        await service.preview_approval_plan(
            actor=await wo.staff(), kind=RequestKind.ROTATION, details=wf.rotation(other.vacancy)
        )
    assert english(previewed.value) == "Unknown target position."
    with pytest.raises(ValidationFailed, match="Jabatan tujuan tidak dikenal"):
        await service.submit(
            actor=await wo.staff(), kind=RequestKind.ROTATION, details=wf.rotation(other.vacancy)
        )
    assert await Decision.all().count() == 0


async def test_a_stage_nobody_may_decide_goes_at_once_to_the_escalation_target(db) -> None:
    # given: the supervisor away, delegating to the only HR officer, who decides their stage
    wo = await wf.workflow_office()
    await service.set_delegation(
        actor=await wo.supervisor(),
        delegate_user_id=wo.office.hr_user.id,
        starts_at=NOW,
        ends_at=NOW + timedelta(days=7),
        reason="dinas luar",
    )
    request = await _rotation(wo)
    # when: the HR officer approves the supervisor stage as delegate
    request = await act(await wo.hr(), request, "APPROVE")
    # then: HR review would strand (nobody decides two stages); it went to the HR head at once
    assert request.state == "HR_REVIEW"
    head = await wo.viewer(wo.hr_head)
    assert [r.id for r in await approval_queue_query(actor=head)] == [request.id]
    assert await approval_queue_query(actor=await wo.hr()).count() == 0
    entry = await AuditEntry.filter(action="career_request.approve").get()
    assert '"no_eligible_approver":{"escalated_to":["kabid.serang"],"stage":"HR_REVIEW"}' in (
        entry.canonical
    )
    # and the HR head can act on it, the officer cannot
    with pytest.raises(NotPermitted):
        await act(await wo.hr(), request, "APPROVE")
    request = await act(head, request, "APPROVE")
    assert request.state == "COMMITTEE_REVIEW"
