"""submitCareerRequest(input: {dataCorrection}): the employee's own record, decided by HR."""

from __future__ import annotations

from typing import Any

from portal.models import Employee
from schema.relay import to_global_id
from tests.api.client import GraphQLClient
from tests.workflows import factories as wf

SUBMIT = """
mutation Submit($input: CareerRequestInput!) {
  submitCareerRequest(input: $input) {
    __typename
    ... on CareerRequestSubmitted { request { id kind state version applicant { nip }
      approvalPlan { stage }
      details { __typename ... on DataCorrectionDetails {
        name birthDate pnsDate educationMajor email reason } } } }
    ... on ValidationFailed { field }
    ... on Error { message }
  }
}
"""
DECIDE = """
mutation Decide($input: DecideCareerRequestInput!) {
  decideCareerRequest(input: $input) {
    __typename
    ... on CareerRequestDecided { request { state } }
    ... on Error { message }
  }
}
"""


def _correction(**fields: Any) -> dict[str, Any]:
    return {"dataCorrection": {"educationMajor": "Ilmu Pemerintahan", "reason": "Ijazah", **fields}}


async def test_the_employee_submits_and_hr_approves(db: Any, gql: GraphQLClient) -> None:
    # given
    wo = await wf.workflow_office()
    # when
    data = await gql.data(
        SUBMIT, {"input": _correction(email="staf@serang.go.id")}, as_user=wo.office.staff_user
    )
    request = data["submitCareerRequest"]["request"]
    decided = await gql.data(
        DECIDE,
        {"input": {"requestId": request["id"], "expectedVersion": 2, "decision": "APPROVE"}},
        as_user=wo.office.hr_user,
    )
    # then
    assert (request["kind"], request["state"]) == ("DATA_CORRECTION", "HR_REVIEW")
    assert [s["stage"] for s in request["approvalPlan"]] == ["HR_REVIEW"]
    assert request["details"] == {
        "__typename": "DataCorrectionDetails",
        "name": None,
        "birthDate": None,
        "pnsDate": None,
        "educationMajor": "Ilmu Pemerintahan",
        "email": "staf@serang.go.id",
        "reason": "Ijazah",
    }
    assert decided["decideCareerRequest"]["request"]["state"] == "APPROVED"
    record = await Employee.get(id=wo.office.staff.id)
    assert (record.education_major, record.email) == ("Ilmu Pemerintahan", "staf@serang.go.id")


async def test_only_the_own_record_and_only_hr_of_the_agency(db: Any, gql: GraphQLClient) -> None:
    # given: the supervisor submits; the request is theirs, never the staff member's
    wo = await wf.workflow_office()
    other = await wf.workflow_office("lebak", freeze=False)
    staff_before = await Employee.get(id=wo.office.staff.id)
    data = await gql.data(SUBMIT, {"input": _correction()}, as_user=wo.office.supervisor_user)
    request = data["submitCareerRequest"]["request"]
    approve = {"requestId": request["id"], "expectedVersion": 2, "decision": "APPROVE"}
    # when
    by_self = await gql.data(DECIDE, {"input": approve}, as_user=wo.office.supervisor_user)
    by_staff = await gql.data(DECIDE, {"input": approve}, as_user=wo.office.staff_user)
    elsewhere = await gql.data(DECIDE, {"input": approve}, as_user=other.office.hr_user)
    # then
    assert request["applicant"]["nip"] == wo.office.supervisor.nip
    assert by_self["decideCareerRequest"]["__typename"] == "NotPermitted"
    assert by_staff["decideCareerRequest"]["__typename"] == "NotPermitted"
    assert elsewhere["decideCareerRequest"]["__typename"] == "NotFound"
    staff_after = await Employee.get(id=wo.office.staff.id)
    assert staff_after.education_major == staff_before.education_major


async def test_a_bad_value_is_refused_at_the_edge(db: Any, gql: GraphQLClient) -> None:
    # given
    wo = await wf.workflow_office()
    staff = wo.office.staff_user
    # when
    too_long = await gql.post(SUBMIT, {"input": _correction(name="x" * 201)}, as_user=staff)
    nip = await gql.data(SUBMIT, {"input": _correction(birthDate="1991-01-01")}, as_user=staff)
    nothing = await gql.data(SUBMIT, {"input": {"dataCorrection": {"reason": "-"}}}, as_user=staff)
    # then
    error = too_long.json()["errors"][0]["extensions"]
    assert (error["field"], error["reason"]) == ("input.dataCorrection.name", "TOO_LONG")
    assert nip["submitCareerRequest"]["field"] == "nip"
    assert nothing["submitCareerRequest"]["field"] == "details"
    listed = await gql.data("{ careerRequests { totalCount } }", as_user=wo.office.hr_user)
    assert listed["careerRequests"]["totalCount"] == 0
    assert to_global_id("Employee", wo.office.staff.id)
