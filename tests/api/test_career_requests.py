"""Career requests and employees as queried: details, eligibility, trail, drawing, filters."""

from __future__ import annotations

from typing import Any

from schema.relay import to_global_id
from tests.api.client import GraphQLClient
from tests.workflows import factories as wf
from workflows.career import service

REQUEST = """
query($id: ID!) { node(id: $id) { ... on CareerRequest {
  kind state version dueAt workflowName
  applicant { nip supervisor { nip } rank { code name since } }
  details { __typename ... on RotationDetails { reason targetPosition { code vacant } } }
  eligibility { eligible checks { code passed reference } }
  approvalPlan { stage rule approvers { username } }
  decisions { action fromState toState actor { username } }
  votes { vote }
  auditTrail { action actor subjectId }
  svg: diagram(format: SVG)
  diagram
} } }
"""

FILTERED = """
query($kind: RequestKind, $state: String) {
  careerRequests(filter: {kind: $kind, state: $state}) { totalCount nodes { kind state } }
}
"""


async def test_a_request_shows_everything_an_approver_needs(db: Any, gql: GraphQLClient) -> None:
    # given
    wo = await wf.workflow_office()
    request = await service.submit(
        actor=await wo.staff(), kind=wf.RequestKind.ROTATION, details=wf.rotation(wo.vacancy)
    )
    # when
    data = await gql.data(
        REQUEST, {"id": to_global_id("CareerRequest", request.id)}, as_user=wo.office.hr_user
    )
    # then
    node = data["node"]
    assert (node["kind"], node["state"], node["version"]) == ("ROTATION", "SUPERVISOR_REVIEW", 2)
    assert node["applicant"]["nip"] == wo.office.staff.nip
    assert node["applicant"]["supervisor"]["nip"] == wo.office.supervisor.nip
    assert node["applicant"]["rank"]["code"] == "III/a"
    assert node["details"] == {
        "__typename": "RotationDetails",
        "reason": "Penyegaran",
        "targetPosition": {"code": "serang-VACANT", "vacant": True},
    }
    assert node["eligibility"]["eligible"] is True
    assert all(check["reference"] for check in node["eligibility"]["checks"])
    assert node["approvalPlan"][0]["stage"] == "SUPERVISOR_REVIEW"
    assert [d["action"] for d in node["decisions"]] == ["SUBMIT"]
    assert [e["action"] for e in node["auditTrail"]] == ["career_request.submit"]
    assert "class SUPERVISOR_REVIEW current" in node["diagram"]
    assert node["svg"].lstrip().startswith("<")


async def test_requests_filter_by_kind_and_state(db: Any, gql: GraphQLClient) -> None:
    # given
    wo = await wf.workflow_office()
    await service.submit(
        actor=await wo.staff(), kind=wf.RequestKind.ROTATION, details=wf.rotation(wo.vacancy)
    )
    hr = wo.office.hr_user
    # when
    rotations = await gql.data(FILTERED, {"kind": "ROTATION"}, as_user=hr)
    promotions = await gql.data(FILTERED, {"kind": "PROMOTION"}, as_user=hr)
    reviewing = await gql.data(FILTERED, {"state": "supervisor_review"}, as_user=hr)
    # then
    assert rotations["careerRequests"]["totalCount"] == 1
    assert promotions["careerRequests"]["totalCount"] == 0
    assert reviewing["careerRequests"]["nodes"] == [
        {"kind": "ROTATION", "state": "SUPERVISOR_REVIEW"}
    ]


async def test_request_state_enum_and_the_deprecated_text_filter(
    db: Any, gql: GraphQLClient
) -> None:
    # given one request under supervisor review
    wo = await wf.workflow_office()
    await service.submit(
        actor=await wo.staff(), kind=wf.RequestKind.ROTATION, details=wf.rotation(wo.vacancy)
    )
    hr = wo.office.hr_user
    query = """query($f: CareerRequestFilter) {
      careerRequests(filter: $f) { totalCount nodes { state requestState } } }"""
    # when
    by_enum = await gql.data(query, {"f": {"requestState": "SUPERVISOR_REVIEW"}}, as_user=hr)
    other = await gql.data(query, {"f": {"requestState": "HR_REVIEW"}}, as_user=hr)
    unknown_text = await gql.data(query, {"f": {"state": "NO_SUCH_STATE"}}, as_user=hr)
    bad_enum = (await gql.post(query, {"f": {"requestState": "NOPE"}}, as_user=hr)).json()
    # then
    assert by_enum["careerRequests"]["nodes"] == [
        {"state": "SUPERVISOR_REVIEW", "requestState": "SUPERVISOR_REVIEW"}
    ]
    assert other["careerRequests"]["totalCount"] == 0
    assert unknown_text["careerRequests"]["totalCount"] == 0
    assert bad_enum["errors"]


async def test_employees_filter_by_rank_and_search(db: Any, gql: GraphQLClient) -> None:
    # given
    wo = await wf.workflow_office()
    query = "query($f: EmployeeFilter) { employees(filter: $f) { totalCount nodes { nip } } }"
    hr = wo.office.hr_user
    # when
    by_rank = await gql.data(query, {"f": {"rank": "IV/a"}}, as_user=hr)
    by_nip = await gql.data(query, {"f": {"search": wo.office.staff.nip}}, as_user=hr)
    bad = await gql.run(query, {"f": {"rank": "V/z"}}, as_user=hr)
    # then
    assert by_rank["employees"]["nodes"] == [{"nip": wo.office.supervisor.nip}]
    assert by_nip["employees"]["nodes"] == [{"nip": wo.office.staff.nip}]
    assert bad["errors"][0]["extensions"]["code"] == "BAD_USER_INPUT"
