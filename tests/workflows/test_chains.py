"""Agency chains on the real databases: publish, run, versions in flight, checks, dry run."""

import json
from decimal import Decimal

import pytest

from portal.models import ApprovalChain, AuditEntry, CareerRequest, Decision, Employee
from portal.viewer import Viewer
from portal.vocabulary import ChainStatus, Rank, RequestKind, Role, Scope
from tests import factories as f
from tests.factories import position_of
from tests.workflows import factories as wf
from tests.workflows.factories import act
from workflows.audit import verify_chain
from workflows.career import service
from workflows.career.chains import simulate, store
from workflows.career.chains.diff import diff
from workflows.career.chains.spec import parse_spec
from workflows.errors import NotFound, NotPermitted
from workflows.workdays import add_working_days

ROT = RequestKind.ROTATION


async def _office() -> tuple[wf.WorkflowOffice, Viewer, Viewer, int]:
    """The office, its administrator, the head (holder of the named position) and that position."""
    wo = await wf.workflow_office()
    admin = await wo.viewer(await f.user(wo.office.agency, "admin.serang", Role.ADMIN))
    head = await wo.viewer(await f.user(wo.office.agency, "kepala.serang", employee=wo.office.head))
    assert wo.office.head.position_id is not None
    return wo, admin, head, wo.office.head.position_id


def _named(position_id: int, **extra) -> dict:
    return {"approver": "POSITION", "position_id": position_id, "due_working_days": 3, **extra}


async def _publish(admin: Viewer, stages: list[dict], kind: RequestKind = ROT) -> ApprovalChain:
    await store.save_draft(actor=admin, kind=kind, spec={"stages": stages})
    return await store.publish(actor=admin, kind=kind)


async def test_a_published_chain_runs_its_stages(db) -> None:
    # given the agency's chain: supervisor, the named position (not for low ranks), the HR head
    wo, admin, head, head_pos = await _office()
    low_ranks = {"subject": "RANK", "operator": "AT_MOST", "values": ["II_D"]}
    row = await _publish(
        admin,
        [
            {"approver": "SUPERVISOR"},
            _named(head_pos, skip_when=[low_ranks]),
            {"approver": "HR_HEAD"},
        ],
    )
    assert (row.version, row.status, row.published_by) == (1, ChainStatus.PUBLISHED, "admin.serang")
    # when the staff member (rank III/a) submits
    request = await service.submit(
        actor=await wo.staff(), kind=ROT, details=wf.rotation(wo.vacancy)
    )
    # then the request runs the chain's stages with the named approvers
    assert request.workflow_name == f"chain:{wo.agency_id}:rotation:0.1.2"
    assert request.workflow_version == 1
    plan = {e["stage"]: [a["username"] for a in e["approvers"]] for e in request.approval_plan}
    assert plan == {
        "SUPERVISOR_REVIEW": ["atasan.serang"],
        "POSITION_REVIEW": ["kepala.serang"],
        "HR_HEAD_REVIEW": ["kabid.serang"],
    }
    request = await act(await wo.supervisor(), request, "APPROVE")
    assert request.state == "POSITION_REVIEW"
    assert await service.available_actions(actor=head, request=request) == [
        "APPROVE",
        "REJECT",
        "RETURN",
    ]
    request = await act(head, request, "APPROVE")
    assert request.state == "HR_HEAD_REVIEW"
    request = await act(await wo.viewer(wo.hr_head), request, "APPROVE")
    assert request.state == "APPROVED"
    # and the publish is an audit entry of the agency's intact chain
    entry = await AuditEntry.get(agency_id=wo.agency_id, action="chain.publish")
    assert entry.subject_id == str(row.id) and entry.actor_username == "admin.serang"
    assert json.loads(entry.canonical)["after"]["version"] == 1
    assert (await verify_chain(wo.agency_id)).ok


async def test_a_request_in_flight_keeps_its_version(db) -> None:
    # given a request under version 1 (supervisor, HR head)
    wo, admin, _, head_pos = await _office()
    await _publish(admin, [{"approver": "SUPERVISOR"}, {"approver": "HR_HEAD"}])
    staff = await wo.staff()
    request = await service.submit(actor=staff, kind=ROT, details=wf.rotation(wo.vacancy))
    # when version 2 puts the named position between them
    v2 = await _publish(
        admin, [{"approver": "SUPERVISOR"}, _named(head_pos), {"approver": "HR_HEAD"}]
    )
    assert v2.version == 2
    # then the request goes on under version 1
    request = await act(await wo.supervisor(), request, "APPROVE")
    assert (request.state, request.workflow_version) == ("HR_HEAD_REVIEW", 1)
    request = await act(await wo.viewer(wo.hr_head), request, "APPROVE")
    assert request.state == "APPROVED"
    # and a new request would follow version 2
    preview = await service.preview_approval_plan(
        actor=staff, kind=ROT, details=wf.rotation(wo.vacancy)
    )
    assert [e["stage"] for e in preview] == [
        "SUPERVISOR_REVIEW",
        "POSITION_REVIEW",
        "HR_HEAD_REVIEW",
    ]


async def test_without_a_chain_the_built_in_definition_stays(db) -> None:
    wo, admin, _, _ = await _office()
    await store.save_draft(
        actor=admin, kind=ROT, spec={"stages": [{"approver": "HR"}]}
    )  # a draft only
    request = await service.submit(
        actor=await wo.staff(), kind=ROT, details=wf.rotation(wo.vacancy)
    )
    assert (request.workflow_name, request.state) == ("rotation", "SUPERVISOR_REVIEW")


async def test_publishing_refuses_a_chain_the_agency_cannot_staff(db) -> None:
    # given a vacant named position and HR officers who are also the only HR head
    wo, admin, _, _ = await _office()
    vacant = wo.vacancy.id
    await store.save_draft(
        actor=admin, kind=ROT, spec={"stages": [{"approver": "SUPERVISOR"}, _named(vacant)]}
    )
    # when / then
    with pytest.raises(store.ChainInvalid) as refused:
        await store.publish(actor=admin, kind=ROT)
    problems = refused.value.problems
    assert [(p.code, p.stage) for p in problems] == [("position_vacant", 2)]
    assert wo.vacancy.title in problems[0].message("en")
    assert "lowong" in problems[0].message("id")
    # nothing was published, nothing audited
    assert await store.published_of(wo.agency_id, ROT) is None
    assert not await AuditEntry.filter(action="chain.publish").exists()


async def test_separation_of_duties_that_leaves_nobody_is_reported(db) -> None:
    # given the HR head is the agency's only HR officer too
    wo, admin, _, _ = await _office()
    await wo.office.hr_user.roles.all().filter(role=Role.HR).delete()
    from portal.models import UserRole

    await UserRole.create(agency_id=wo.agency_id, user=wo.hr_head, role=Role.HR)
    # when
    await store.save_draft(
        actor=admin, kind=ROT, spec={"stages": [{"approver": "HR"}, {"approver": "HR_HEAD"}]}
    )
    _, found = await store.check_draft(actor=admin, kind=ROT)
    # then
    assert [(p.code, p.stage) for p in found] == [("separation", 2)]


async def test_nobody_in_a_role_is_reported(db) -> None:
    wo, admin, _, _ = await _office()
    await wo.hr_head.roles.all().delete()
    await store.save_draft(actor=admin, kind=ROT, spec={"stages": [{"approver": "HR_HEAD"}]})
    _, found = await store.check_draft(actor=admin, kind=ROT)
    assert [(p.code, p.stage) for p in found] == [("nobody", 1)]


async def test_drafts_are_edited_compared_and_discarded(db) -> None:
    wo, admin, _, head_pos = await _office()
    await _publish(admin, [{"approver": "SUPERVISOR"}, {"approver": "HR"}])
    # a draft: HR moves first with a shorter deadline, the named position is added
    draft = await store.save_draft(
        actor=admin,
        kind=ROT,
        spec={
            "stages": [
                {"approver": "HR", "due_working_days": 2},
                {"approver": "SUPERVISOR"},
                _named(head_pos),
            ]
        },
    )
    again = await store.save_draft(actor=admin, kind=ROT, spec=draft.spec)
    assert (again.id, again.version, again.status) == (draft.id, 2, ChainStatus.DRAFT)
    published = await store.published_of(wo.agency_id, ROT)
    assert published is not None
    changes = {
        (c.approver, c.change, c.field)
        for c in diff(parse_spec(published.spec), parse_spec(draft.spec))
    }
    assert changes == {
        ("HR", "MOVED", ""),
        ("HR", "CHANGED", "due_working_days"),
        ("SUPERVISOR", "MOVED", ""),
        ("POSITION", "ADDED", ""),
    }
    assert await store.discard(actor=admin, kind=ROT) == 2
    assert await store.draft_of(wo.agency_id, ROT) is None
    published = await store.published_of(wo.agency_id, ROT)
    assert published is not None and published.version == 1
    with pytest.raises(NotFound):
        await store.publish(actor=admin, kind=ROT)


async def test_only_the_agencys_administrator_edits_chains(db) -> None:
    wo, admin, _, _ = await _office()
    other = await wf.workflow_office("tangsel", freeze=False)
    other_admin = await other.viewer(await f.user(other.office.agency, "admin.tangsel", Role.ADMIN))
    token = Viewer(
        agency_id=wo.agency_id, agency_code="serang", token_id=1, scopes=frozenset(Scope)
    )
    spec = {"stages": [{"approver": "HR"}]}
    for refused in (await wo.hr(), await wo.staff(), await wo.viewer(wo.hr_head), token):
        with pytest.raises(NotPermitted):
            await store.save_draft(actor=refused, kind=ROT, spec=spec)
    await store.save_draft(actor=admin, kind=ROT, spec=spec)
    for refused in (await wo.hr(), token):
        with pytest.raises(NotPermitted):
            await store.publish(actor=refused, kind=ROT)
        with pytest.raises(NotPermitted):
            await store.discard(actor=refused, kind=ROT)
    # another agency's administrator sees no draft of this agency
    with pytest.raises(NotFound):
        await store.publish(actor=other_admin, kind=ROT)
    assert await store.versions(other.agency_id) == []
    assert len(await store.versions(wo.agency_id)) == 1


async def test_a_dry_run_names_the_approvers_and_writes_nothing(db) -> None:
    # given a draft that sends administrator-level targets to the named position
    wo, admin, _, head_pos = await _office()
    admin_level = {"subject": "TARGET_POSITION_KIND", "operator": "IN", "values": ["ADMINISTRATOR"]}
    await store.save_draft(
        actor=admin,
        kind=RequestKind.PROMOTION,
        spec={"stages": [{"approver": "HR"}, _named(head_pos, only_when=[admin_level])]},
    )
    existing = await service.submit(
        actor=await wo.staff(), kind=ROT, details=wf.rotation(wo.vacancy)
    )
    sup_pos = await position_of(wo.office.supervisor)
    counts = await _counts()
    # when: a hypothetical promotion to the administrator position, and one to a plain post
    to_admin = await simulate.dry_run(
        actor=admin,
        kind=RequestKind.PROMOTION,
        hypothesis=simulate.Hypothesis(wo.office.staff.id, target_position_id=sup_pos.id),
    )
    plain = await simulate.dry_run(
        actor=admin,
        kind=RequestKind.PROMOTION,
        hypothesis=simulate.Hypothesis(wo.office.staff.id, target_position_id=wo.vacancy.id),
    )
    on_existing = await simulate.dry_run(actor=admin, kind=ROT, request_id=existing.id)
    # then
    assert [(e["stage"], [a["username"] for a in e["approvers"]]) for e in to_admin.plan] == [
        ("HR_REVIEW", ["hr.serang"]),
        ("POSITION_REVIEW", ["kepala.serang"]),
    ]
    assert [e["stage"] for e in plain.plan] == ["HR_REVIEW"] and plain.skipped == [
        "POSITION_REVIEW"
    ]
    assert on_existing.definition.name == "rotation"  # no rotation chain: the built-in one
    assert await _counts() == counts
    with pytest.raises(NotPermitted):
        await simulate.dry_run(actor=await wo.hr(), kind=ROT, request_id=existing.id)


async def _counts() -> tuple[int, ...]:
    return (
        await ApprovalChain.all().count(),
        await AuditEntry.all().count(),
        await CareerRequest.all().count(),
        await Decision.all().count(),
        await Employee.all().count(),
    )


def test_cost_and_rank_facts_are_typed() -> None:
    assert Rank.III_A.name == "III_A" and Decimal("1") == 1


async def test_the_chains_quorum_and_deadlines_apply(db) -> None:
    # given a chain whose committee decides only unanimously, HR due in 2 working days
    wo, admin, _, _ = await _office()
    await _publish(
        admin,
        [
            {"approver": "HR", "due_working_days": 2},
            {"approver": "COMMITTEE", "quorum": "all"},
        ],
        kind=RequestKind.FURTHER_STUDY,
    )
    # when
    request = await service.submit(
        actor=await wo.staff(), kind=RequestKind.FURTHER_STUDY, details=wf.study()
    )
    # then HR is due two working days later (Wednesday -> Friday), not the setting's ten
    assert request.state == "HR_REVIEW"
    assert request.due_at == add_working_days(wf.NOW, 2)
    request = await act(await wo.hr(), request, "APPROVE")
    members = await wo.committee()
    request = await act(members[0], request, "APPROVE")
    request = await act(members[1], request, "APPROVE")
    # two of three would be a majority; the chain asks for all
    assert request.state == "COMMITTEE_REVIEW"
    request = await act(members[2], request, "APPROVE")
    assert request.state == "APPROVED"
