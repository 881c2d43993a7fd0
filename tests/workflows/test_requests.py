"""Career requests through their whole chain: every transition, effects on approval, refusals."""

from datetime import UTC, date, datetime
from decimal import Decimal
from typing import Any

import pytest

from portal.clock import clock
from portal.models import (
    AuditEntry,
    Budget,
    CommitteeVote,
    Decision,
    Employee,
    OutboxEvent,
    PositionHistory,
    RankHistory,
    ScheduledChange,
)
from portal.viewer import Viewer
from portal.vocabulary import EmployeeStatus, Rank, RequestKind, Scope
from tests.workflows import factories as wf
from tests.workflows.factories import REASON, act
from workflows.audit import verify_chain
from workflows.career import service
from workflows.career.definitions import HR_ONLY_KINDS
from workflows.career.queue import approval_queue_query
from workflows.career.scheduled import apply_due
from workflows.errors import (
    InvalidTransition,
    NotFound,
    NotPermitted,
    StaleVersion,
    ValidationFailed,
)


async def _approve_all(wo: wf.WorkflowOffice, kind: RequestKind):
    request = await wf.to_committee(wo, kind)
    members = await wo.committee()
    request = await act(members[0], request, "APPROVE")
    assert request.state == "COMMITTEE_REVIEW"
    return await act(members[1], request, "APPROVE")


@pytest.mark.parametrize("kind", [k for k in RequestKind if k not in HR_ONLY_KINDS])
async def test_submit_to_approval_every_stage(db, kind) -> None:
    # given
    wo = await wf.workflow_office()
    staff, sup, hr = await wo.staff(), await wo.supervisor(), await wo.hr()
    # when
    request = await service.submit(actor=staff, kind=kind, details=wf.details_for(kind, wo))
    # then
    assert (request.state, request.version) == ("SUPERVISOR_REVIEW", 2)
    assert request.eligibility["eligible"] and request.workflow_name == kind.value.lower()
    assert [s["stage"] for s in request.approval_plan] == [
        "SUPERVISOR_REVIEW",
        "HR_REVIEW",
        "COMMITTEE_REVIEW",
    ]
    assert request.approval_plan[0]["approvers"][0]["username"] == "atasan.serang"
    assert request.due_at is not None
    assert await service.available_actions(actor=staff, request=request) == ["WITHDRAW"]
    assert await service.available_actions(actor=sup, request=request) == [
        "APPROVE",
        "REJECT",
        "RETURN",
    ]
    assert await service.available_actions(actor=hr, request=request) == []
    assert [r.id for r in await approval_queue_query(actor=sup)] == [request.id]
    request = await act(sup, request, "APPROVE")
    assert request.state == "HR_REVIEW"
    request = await act(hr, request, "APPROVE")
    assert request.state == "COMMITTEE_REVIEW"
    members = await wo.committee()
    assert await service.available_actions(actor=members[0], request=request) == [
        "APPROVE",
        "REJECT",
    ]
    request = await act(members[0], request, "APPROVE")
    request = await act(members[1], request, "APPROVE")
    assert request.state == "APPROVED" and request.closed_at is not None
    assert await CommitteeVote.filter(request_id=request.id).count() == 2
    actions = (
        await Decision.filter(request_id=request.id)
        .order_by("version")
        .values_list("action", flat=True)
    )
    assert actions == ["SUBMIT", "APPROVE", "APPROVE", "VOTE", "VOTE"]
    events = await OutboxEvent.filter(subject_id=str(request.id)).values_list("topic", flat=True)
    assert events == [
        "career_request.submit",
        "career_request.approve",
        "career_request.approve",
        "career_request.vote",
        "career_request.vote",
    ]
    assert await approval_queue_query(actor=members[2]).count() == 0
    assert (await verify_chain(wo.agency_id)).ok


async def test_rotation_approval_moves_the_employee(db) -> None:
    wo = await wf.workflow_office()
    old_position = wo.office.staff.position_id
    request = await _approve_all(wo, RequestKind.ROTATION)
    staff = await Employee.get(id=wo.office.staff.id)
    assert staff.position_id == wo.vacancy.id and staff.position_since == date(2024, 6, 5)
    history = await PositionHistory.filter(employee_id=staff.id).order_by("id")
    assert [(h.position_id, h.until) for h in history] == [
        (old_position, date(2024, 6, 5)),
        (wo.vacancy.id, None),
    ]
    assert history[-1].career_request_id == request.id
    assert await AuditEntry.filter(action="employee.position_change").count() == 1


async def test_rank_promotion_is_scheduled_for_its_tmt_first_of_next_month(db) -> None:
    # given a rank promotion approved on 5 June
    wo = await wf.workflow_office()
    request = await _approve_all(wo, RequestKind.PROMOTION)
    # then the record keeps the current rank until the TMT, the change waits for 1 July
    staff = await Employee.get(id=wo.office.staff.id)
    assert staff.rank == Rank.III_A
    change = await ScheduledChange.get(career_request_id=request.id)
    assert (change.kind, change.effective_on, change.applied_at) == ("RANK", date(2024, 7, 1), None)
    assert await apply_due() == []  # not due yet
    # when the TMT comes, the scheduler applies it
    clock.freeze(datetime(2024, 7, 1, 0, 5, tzinfo=UTC))
    assert await apply_due() == [change.id]
    assert await apply_due() == []  # once
    staff = await Employee.get(id=wo.office.staff.id)
    assert staff.rank == Rank.III_B and staff.rank_since == date(2024, 7, 1)
    rows = await RankHistory.filter(employee_id=staff.id).order_by("since")
    assert [(r.rank, r.until) for r in rows] == [
        (Rank.III_A, date(2024, 6, 30)),
        (Rank.III_B, None),
    ]
    entry = await AuditEntry.get(action="employee.rank_change")
    assert entry.actor_username == "system:scheduler" and '"III/b"' in entry.canonical
    assert (await verify_chain(wo.agency_id)).ok


async def test_further_study_commits_each_year_its_months_and_starts_on_its_date(db) -> None:
    # given a 24-month study from 6 January 2025, budgets for 2025 and 2026
    wo = await wf.workflow_office()
    await Budget.create(agency_id=wo.agency_id, year=2026, ceiling=Decimal("50000000"))
    await _approve_all(wo, RequestKind.FURTHER_STUDY)
    # then each year carries its 12 months, and the status waits for the start date
    staff = await Employee.get(id=wo.office.staff.id)
    assert staff.status == EmployeeStatus.ACTIVE
    for year in (2025, 2026):
        budget = await Budget.get(agency_id=wo.agency_id, year=year)
        assert budget.committed == Decimal("30000000.00") and budget.version == 2
    clock.freeze(datetime(2025, 1, 6, 1, 0, tzinfo=UTC))
    assert len(await apply_due()) == 1
    staff = await Employee.get(id=wo.office.staff.id)
    assert staff.status == EmployeeStatus.FURTHER_STUDY


async def test_position_promotion(db) -> None:
    wo = await wf.workflow_office()
    details = {"type": "POSITION", "target_position_id": wo.vacancy.id, "reason": "Promosi"}
    request = await service.submit(
        actor=await wo.staff(), kind=RequestKind.PROMOTION, details=details
    )
    assert {c["code"] for c in request.eligibility["checks"]} >= {
        "MIN_EDUCATION",
        "MIN_RANK",
        "MIN_YEARS",
        "COMPETENCY_STANDARD",
        "PERFORMANCE",
    }


async def test_budget_spent_meanwhile_refuses_approval(db) -> None:
    # given a study waiting for the last vote, and the budget used up in the meantime
    wo = await wf.workflow_office()
    request = await wf.to_committee(wo)
    members = await wo.committee()
    request = await act(members[0], request, "APPROVE")
    await Budget.filter(agency_id=wo.agency_id).update(spent=Decimal("90000000"))
    # when / then
    with pytest.raises(Exception, match=r"Anggaran tahun \d+ tersisa"):
        await act(members[1], request, "APPROVE")
    fresh = await service_reload(request.id)
    assert (fresh.state, fresh.version) == ("COMMITTEE_REVIEW", request.version)


async def service_reload(request_id: int):
    from portal.models import CareerRequest

    return await CareerRequest.get(id=request_id)


@pytest.mark.parametrize("stage_index", [0, 1])
async def test_reject_at_a_single_stage_needs_reason_and_comment(db, stage_index) -> None:
    wo = await wf.workflow_office()
    request = await service.submit(
        actor=await wo.staff(),
        kind=RequestKind.ROTATION,
        details=wf.details_for(RequestKind.ROTATION, wo),
    )
    if stage_index == 1:
        request = await act(await wo.supervisor(), request, "APPROVE")
    approver = await (wo.supervisor() if stage_index == 0 else wo.hr())
    with pytest.raises(ValidationFailed) as missing_code:
        await act(approver, request, "REJECT", comment="tidak")
    assert missing_code.value.field == "reason_code"
    with pytest.raises(ValidationFailed) as missing_comment:
        await act(approver, request, "REJECT", reason_code="OTHER")
    assert missing_comment.value.field == "comment"
    request = await act(approver, request, "REJECT", **REASON)
    assert request.state == "REJECTED"
    decision = await Decision.get(request_id=request.id, action="REJECT")
    assert decision.reason_code == "INCOMPLETE_DOCUMENTS" and decision.comment
    with pytest.raises(InvalidTransition):
        await act(approver, request, "APPROVE")


async def test_committee_majority_rejects(db) -> None:
    wo = await wf.workflow_office()
    request = await wf.to_committee(wo)
    members = await wo.committee()
    with pytest.raises(ValidationFailed):
        await act(members[0], request, "REJECT")
    request = await act(members[0], request, "REJECT", **REASON)
    request = await act(members[1], request, "APPROVE")
    assert request.state == "COMMITTEE_REVIEW"
    request = await act(members[2], request, "REJECT", **REASON)
    assert request.state == "REJECTED"
    with pytest.raises(InvalidTransition):
        await act(members[0], request, "RETURN", **REASON)


async def test_member_votes_once(db) -> None:
    wo = await wf.workflow_office()
    request = await wf.to_committee(wo)
    member = (await wo.committee())[0]
    request = await act(member, request, "APPROVE")
    assert await service.available_actions(actor=member, request=request) == []
    with pytest.raises(NotPermitted):
        await act(member, request, "APPROVE")


async def test_return_and_resubmit_with_round_cap(db) -> None:
    wo = await wf.workflow_office()
    staff, sup = await wo.staff(), await wo.supervisor()
    request = await service.submit(
        actor=staff, kind=RequestKind.PROMOTION, details=wf.rank_promotion()
    )
    for round_ in (1, 2):
        request = await act(sup, request, "RETURN", **REASON)
        assert (request.state, request.return_rounds) == ("RETURNED", round_)
        assert await service.available_actions(actor=staff, request=request) == [
            "RESUBMIT",
            "WITHDRAW",
        ]
        with pytest.raises(InvalidTransition):
            await act(sup, request, "APPROVE")
        request = await service.resubmit(
            actor=staff,
            request_id=request.id,
            expected_version=request.version,
            details={"type": "REGULAR_RANK", "reason": f"revisi {round_}"},
        )
        assert (
            request.state == "SUPERVISOR_REVIEW" and request.details["reason"] == f"revisi {round_}"
        )
    # the third return is refused: only approve or reject remain
    assert await service.available_actions(actor=sup, request=request) == ["APPROVE", "REJECT"]
    with pytest.raises(InvalidTransition, match="paling banyak 2 kali"):
        await act(sup, request, "RETURN", **REASON)
    request = await act(sup, request, "APPROVE")
    assert request.state == "HR_REVIEW"


@pytest.mark.parametrize("steps", [0, 1, 2, "returned"])
async def test_withdraw_from_every_open_state(db, steps) -> None:
    wo = await wf.workflow_office()
    staff = await wo.staff()
    request = await service.submit(
        actor=staff, kind=RequestKind.ROTATION, details=wf.details_for(RequestKind.ROTATION, wo)
    )
    if steps == "returned":
        request = await act(await wo.supervisor(), request, "RETURN", **REASON)
    else:
        for viewer in [await wo.supervisor(), await wo.hr()][: int(steps)]:
            request = await act(viewer, request, "APPROVE")
    with pytest.raises(NotPermitted):
        await service.withdraw(
            actor=await wo.hr(), request_id=request.id, expected_version=request.version
        )
    request = await service.withdraw(
        actor=staff, request_id=request.id, expected_version=request.version, comment="batal"
    )
    assert request.state == "WITHDRAWN"
    assert await approval_queue_query(actor=await wo.supervisor()).count() == 0
    with pytest.raises(InvalidTransition):
        await service.withdraw(actor=staff, request_id=request.id, expected_version=request.version)


async def test_stale_version_changes_nothing(db) -> None:
    wo = await wf.workflow_office()
    request = await service.submit(
        actor=await wo.staff(),
        kind=RequestKind.ROTATION,
        details=wf.details_for(RequestKind.ROTATION, wo),
    )
    seen = request.version
    await act(await wo.supervisor(), request, "APPROVE")
    entries = await AuditEntry.all().count()
    with pytest.raises(StaleVersion) as stale:
        await service.decide(
            actor=await wo.hr(), request_id=request.id, expected_version=seen, decision="APPROVE"
        )
    assert (stale.value.expected, stale.value.current) == (seen, seen + 1)
    assert await AuditEntry.all().count() == entries
    assert await Decision.filter(request_id=request.id).count() == 2


async def test_bad_input_is_refused(db) -> None:
    wo = await wf.workflow_office()
    staff = await wo.staff()
    cases: list[tuple[RequestKind, dict[str, Any], str]] = [
        (RequestKind.ROTATION, {"target_position_id": "x", "reason": "r"}, "target_position_id"),
        (RequestKind.ROTATION, {"target_position_id": 999999, "reason": "r"}, "target_position_id"),
        (RequestKind.ROTATION, {"target_position_id": wo.vacancy.id}, "reason"),
        (RequestKind.PROMOTION, {"type": "FAST", "reason": "r"}, "type"),
        (RequestKind.FURTHER_STUDY, wf.study(start_date="2025-13-01"), "start_date"),
        (RequestKind.FURTHER_STUDY, wf.study(level="S9"), "level"),
        (RequestKind.FURTHER_STUDY, wf.study(estimated_cost="lots"), "estimated_cost"),
        (RequestKind.FURTHER_STUDY, {**wf.study(), "extra": 1}, "extra"),
    ]
    for kind, details, field in cases:
        with pytest.raises(ValidationFailed) as error:
            await service.submit(actor=staff, kind=kind, details=details)
        assert error.value.field == field
    with pytest.raises(ValidationFailed):
        await act(
            await wo.supervisor(),
            await service.submit(
                actor=staff, kind=RequestKind.ROTATION, details=wf.rotation(wo.vacancy)
            ),
            "MAYBE",
        )
    assert await Decision.all().count() == 1


async def test_other_agency_is_invisible(db) -> None:
    wo = await wf.workflow_office()
    other = await wf.workflow_office("tangsel", freeze=False)
    request = await service.submit(
        actor=await wo.staff(),
        kind=RequestKind.ROTATION,
        details=wf.details_for(RequestKind.ROTATION, wo),
    )
    stranger = await other.hr()
    with pytest.raises(NotFound):
        await act(stranger, request, "APPROVE")
    assert not await service.can_view_request(actor=stranger, request=request)
    assert await service.available_actions(actor=stranger, request=request) == []
    assert await approval_queue_query(actor=await other.supervisor()).count() == 0
    # a position of another agency cannot be the target
    with pytest.raises(ValidationFailed):
        await service.submit(
            actor=await other.staff(), kind=RequestKind.ROTATION, details=wf.rotation(wo.vacancy)
        )


async def test_who_can_view(db) -> None:
    wo = await wf.workflow_office()
    request = await service.submit(
        actor=await wo.staff(),
        kind=RequestKind.ROTATION,
        details=wf.details_for(RequestKind.ROTATION, wo),
    )
    head_user = await wf.factories.user(wo.office.agency, "kepala.serang", employee=wo.office.head)
    token = Viewer(
        agency_id=wo.agency_id, agency_code="serang", token_id=1, scopes=frozenset({Scope.READ})
    )
    for viewer in [
        await wo.staff(),
        await wo.supervisor(),
        await wo.hr(),
        (await wo.committee())[0],
        await wo.viewer(head_user),
        token,
    ]:
        assert await service.can_view_request(actor=viewer, request=request)
    colleague = await wf.factories.employee(
        wo.office.agency, wo.office.unit, birth_date=date(1991, 1, 1)
    )
    outsider = await wf.factories.user(wo.office.agency, "rekan.serang", employee=colleague)
    assert not await service.can_view_request(actor=await wo.viewer(outsider), request=request)
    # a read-only token may look but never act
    with pytest.raises(NotPermitted):
        await act(token, request, "APPROVE")
