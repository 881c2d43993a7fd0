"""Approval chains over GraphQL: the administrator drafts, checks, publishes, dry-runs."""

from __future__ import annotations

from typing import Any

from portal.auth import create_api_token
from portal.models import ApprovalChain, AuditEntry
from portal.vocabulary import Role, Scope
from schema.relay import to_global_id
from tests import factories
from tests.api.client import GraphQLClient
from tests.workflows import factories as wf

SAVE = """
mutation($input: SaveApprovalChainDraftInput!) {
  saveApprovalChainDraft(input: $input) {
    __typename
    ... on ApprovalChainDraftSaved { chain { version status stages { number approver state } } }
    ... on Error { message }
  }
}
"""
PUBLISH = """
mutation {
  publishApprovalChain(kind: ROTATION) {
    __typename
    ... on ApprovalChainPublished { chain { version status publishedBy } }
    ... on ChainInvalid { message problems { code stage message } }
    ... on Error { message }
  }
}
"""
DISCARD = """
mutation { discardApprovalChainDraft(kind: ROTATION) {
  __typename ... on ApprovalChainDraftDiscarded { version } ... on Error { message } } }
"""
SIMULATE = """
query($employee: ID!, $target: ID) {
  simulateApprovalChain(kind: ROTATION, employeeId: $employee, targetPositionId: $target) {
    workflowName stages { stage approvers } skippedStages drawing
  }
}
"""


def _input(*stages: dict[str, Any]) -> dict[str, Any]:
    return {"input": {"kind": "ROTATION", "stages": list(stages)}}


async def test_the_administrator_runs_a_chain_from_draft_to_publish(
    db: Any, gql: GraphQLClient
) -> None:
    # given
    wo = await wf.workflow_office()
    admin = await factories.user(wo.office.agency, "admin.serang", Role.ADMIN)
    await factories.user(wo.office.agency, "kepala.serang", employee=wo.office.head)
    head_pos = to_global_id("Position", wo.office.head.position_id or 0)
    vacant = to_global_id("Position", wo.vacancy.id)
    # a draft naming a vacant position is saved, but refused at publishing, in the caller's words
    saved = await gql.data(
        SAVE,
        _input({"approver": "SUPERVISOR"}, {"approver": "POSITION", "positionId": vacant}),
        as_user=admin,
    )
    assert saved["saveApprovalChainDraft"]["chain"]["status"] == "DRAFT"
    refused = (await gql.data(PUBLISH, as_user=admin))["publishApprovalChain"]
    assert refused["__typename"] == "ChainInvalid"
    assert [(p["code"], p["stage"]) for p in refused["problems"]] == [("position_vacant", 2)]
    assert not await AuditEntry.filter(action="chain.publish").exists()
    problems = await gql.data(
        "{ approvalChainProblems(kind: ROTATION) { code message } }", as_user=admin
    )
    assert problems["approvalChainProblems"][0]["code"] == "position_vacant"
    # when the draft names the head's position instead, with a condition on the target's kind
    only_admin = {"subject": "TARGET_POSITION_KIND", "operator": "IN", "values": ["ADMINISTRATOR"]}
    await gql.data(
        SAVE,
        _input(
            {"approver": "SUPERVISOR"},
            {"approver": "POSITION", "positionId": head_pos, "onlyWhen": [only_admin]},
            {"approver": "HR", "dueWorkingDays": 3},
        ),
        as_user=admin,
    )
    diff = await gql.data(
        "{ approvalChainDiff(kind: ROTATION) { approver change } }", as_user=admin
    )
    assert {(c["approver"], c["change"]) for c in diff["approvalChainDiff"]} == {
        ("SUPERVISOR", "ADDED"),
        ("POSITION", "ADDED"),
        ("HR", "ADDED"),
    }
    # a dry run: a plain post skips the named position; an administrator post goes through it
    staff = to_global_id("Employee", wo.office.staff.id)
    sup_pos = to_global_id("Position", wo.office.supervisor.position_id or 0)
    plain = (await gql.data(SIMULATE, {"employee": staff, "target": vacant}, as_user=admin))[
        "simulateApprovalChain"
    ]
    assert [s["stage"] for s in plain["stages"]] == ["SUPERVISOR_REVIEW", "HR_REVIEW"]
    assert plain["skippedStages"] == ["POSITION_REVIEW"]
    senior = (await gql.data(SIMULATE, {"employee": staff, "target": sup_pos}, as_user=admin))[
        "simulateApprovalChain"
    ]
    assert [s["stage"] for s in senior["stages"]] == [
        "SUPERVISOR_REVIEW",
        "POSITION_REVIEW",
        "HR_REVIEW",
    ]
    assert senior["stages"][1]["approvers"] == [wo.office.head.name]
    assert "POSITION_REVIEW --> HR_REVIEW: approve" in senior["drawing"]
    published = (await gql.data(PUBLISH, as_user=admin))["publishApprovalChain"]
    # then
    assert published["chain"] == {
        "version": 1,
        "status": "PUBLISHED",
        "publishedBy": "admin.serang",
    }
    assert (
        await AuditEntry.filter(action="chain.publish", actor_username="admin.serang").count() == 1
    )
    listed = await gql.data(
        "{ approvalChains { version status stages { approver } } }", as_user=admin
    )
    assert [c["status"] for c in listed["approvalChains"]] == ["PUBLISHED"]
    # and a later draft can be discarded, leaving version 1
    await gql.data(SAVE, _input({"approver": "HR"}), as_user=admin)
    assert (await gql.data(DISCARD, as_user=admin))["discardApprovalChainDraft"]["version"] == 2
    assert await ApprovalChain.filter(agency_id=wo.agency_id).count() == 1


async def test_everyone_but_the_agencys_administrator_is_refused(
    db: Any, gql: GraphQLClient
) -> None:
    # given
    wo = await wf.workflow_office()
    other = await factories.office("tangsel")
    other_admin = await factories.user(other.agency, "admin.tangsel", Role.ADMIN)
    admin = await factories.user(wo.office.agency, "admin.serang", Role.ADMIN)
    token = await create_api_token(
        agency=wo.office.agency, name="siasn", scopes=[Scope.READ, Scope.WRITE]
    )
    await gql.data(SAVE, _input({"approver": "HR"}), as_user=admin)
    callers: list[dict[str, Any]] = [
        {"as_user": wo.office.hr_user},
        {"as_user": wo.hr_head},
        {"as_user": wo.office.staff_user},
        {"token": token.token},
    ]
    # when / then: mutations answer NotPermitted and change nothing
    for who in callers:
        for operation, variables in (
            (SAVE, _input({"approver": "HR_HEAD"})),
            (PUBLISH, None),
            (DISCARD, None),
        ):
            body = await gql.data(operation, variables, **who)
            assert next(iter(body.values()))["__typename"] == "NotPermitted", (who, body)
        body = await gql.run("{ approvalChains { version } }", **who)
        assert body["errors"][0]["extensions"]["code"] == "FORBIDDEN"
    # another agency's administrator has no draft of Serang and cannot simulate Serang's staff
    assert (await gql.data(PUBLISH, as_user=other_admin))["publishApprovalChain"][
        "__typename"
    ] == "NotFound"
    assert (await gql.data("{ approvalChains { version } }", as_user=other_admin))[
        "approvalChains"
    ] == []
    staff = to_global_id("Employee", wo.office.staff.id)
    body = await gql.run(SIMULATE, {"employee": staff}, as_user=other_admin)
    assert body["errors"][0]["extensions"]["code"] == "BAD_USER_INPUT"
    rows = await ApprovalChain.all()
    assert [(r.agency_id, r.version, r.status, r.spec["stages"][0]["approver"]) for r in rows] == [
        (wo.agency_id, 1, "DRAFT", "HR")
    ]


async def test_a_request_under_a_chain_is_drawn_on_its_page(db: Any, gql: GraphQLClient) -> None:
    # given a published chain (supervisor, HR head) and a request under it
    from workflows.career import service
    from workflows.career.chains import store

    wo = await wf.workflow_office()
    admin = await factories.user(wo.office.agency, "admin.serang", Role.ADMIN)
    actor = await wo.viewer(admin)
    spec = {"stages": [{"approver": "SUPERVISOR"}, {"approver": "HR_HEAD"}]}
    await store.save_draft(actor=actor, kind=wf.RequestKind.ROTATION, spec=spec)
    await store.publish(actor=actor, kind=wf.RequestKind.ROTATION)
    await service.submit(
        actor=await wo.staff(), kind=wf.RequestKind.ROTATION, details=wf.rotation(wo.vacancy)
    )
    # when
    data = await gql.data(
        "{ careerRequests { nodes { requestState diagram } } }", as_user=wo.office.staff_user
    )
    # then the page draws the chain the request runs, its stage highlighted
    (node,) = data["careerRequests"]["nodes"]
    assert node["requestState"] == "SUPERVISOR_REVIEW"
    assert "SUPERVISOR_REVIEW --> HR_HEAD_REVIEW: approve" in node["diagram"]
    assert "HR_HEAD_REVIEW --> APPROVED: approve" in node["diagram"]
