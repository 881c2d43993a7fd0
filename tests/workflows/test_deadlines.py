"""Deadlines in working days and escalation of overdue stages, once even from two ticks at once."""

import asyncio
from datetime import UTC, datetime, timedelta

from portal.clock import clock
from portal.models import AuditEntry, CareerRequest, Decision
from portal.vocabulary import RequestKind
from tests.workflows import factories as wf
from tests.workflows.factories import NOW, act
from workflows.career import service
from workflows.career.deadlines import escalate_overdue
from workflows.career.queue import approval_queue_query
from workflows.workdays import add_working_days


def test_working_days_skip_weekends() -> None:
    friday = datetime(2024, 6, 7, 9, tzinfo=UTC)
    assert add_working_days(friday, 1) == datetime(2024, 6, 10, 9, tzinfo=UTC)
    assert add_working_days(friday, 5) == datetime(2024, 6, 14, 9, tzinfo=UTC)
    saturday = datetime(2024, 6, 8, 9, tzinfo=UTC)
    assert add_working_days(saturday, 1) == datetime(2024, 6, 11, 9, tzinfo=UTC)


async def test_supervisor_stage_escalates_to_the_supervisors_supervisor(db) -> None:
    # given a request at the supervisor stage, due after 5 working days
    wo = await wf.workflow_office()
    head = await wf.factories.user(wo.office.agency, "kepala.serang", employee=wo.office.head)
    request = await service.submit(
        actor=await wo.staff(), kind=RequestKind.ROTATION, details=wf.rotation(wo.vacancy)
    )
    assert request.due_at == NOW + timedelta(days=7)
    assert await escalate_overdue() == []
    # when
    clock.advance(timedelta(days=8))
    escalated = await escalate_overdue()
    # then
    assert escalated == [request.id]
    request = await CareerRequest.get(id=request.id)
    assert (request.state, request.escalation_level) == ("SUPERVISOR_REVIEW", 1)
    assert request.approval_plan[0]["escalated_to"][0]["username"] == "kepala.serang"
    decision = await Decision.get(request_id=request.id, action="ESCALATE")
    assert decision.actor_id is None and decision.stage == "SUPERVISOR_REVIEW"
    assert (
        await AuditEntry.filter(
            action="career_request.escalate", actor_username="system:scheduler"
        ).count()
        == 1
    )
    head_viewer = await wo.viewer(head)
    assert [r.id for r in await approval_queue_query(actor=head_viewer)] == [request.id]
    request = await act(head_viewer, request, "APPROVE")
    assert request.state == "HR_REVIEW" and request.escalation_level == 0


async def test_hr_and_committee_stages_escalate_to_the_hr_head(db) -> None:
    wo = await wf.workflow_office()
    request = await wf.to_committee(wo)
    clock.advance(timedelta(days=30))
    assert await escalate_overdue() == [request.id]
    request = await CareerRequest.get(id=request.id)
    hr_head = await wo.viewer(wo.hr_head)
    assert await service.available_actions(actor=hr_head, request=request) == ["APPROVE", "REJECT"]
    request = await act(hr_head, request, "APPROVE")
    assert request.state == "APPROVED"


async def test_two_ticks_at_once_escalate_once(db) -> None:
    wo = await wf.workflow_office()
    first = await service.submit(
        actor=await wo.staff(), kind=RequestKind.ROTATION, details=wf.rotation(wo.vacancy)
    )
    clock.advance(timedelta(days=10))
    results = await asyncio.gather(escalate_overdue(), escalate_overdue())
    assert sorted(len(r) for r in results) == [0, 1]
    assert await Decision.filter(request_id=first.id, action="ESCALATE").count() == 1
    # the new due time lies ahead: another tick does nothing
    assert await escalate_overdue() == []
