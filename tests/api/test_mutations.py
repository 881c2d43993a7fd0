"""Career-request mutations over GraphQL: payload unions, typed errors, idempotency keys."""

from __future__ import annotations

from typing import Any

from portal.auth import create_api_token
from portal.models import CareerRequest, Decision, IdempotencyRecord
from portal.vocabulary import Scope
from schema.relay import to_global_id
from tests.api.client import GraphQLClient
from tests.workflows import factories as wf

SUBMIT = """
mutation Submit($input: CareerRequestInput!, $key: String) {
  submitCareerRequest(input: $input, idempotencyKey: $key) {
    __typename
    ... on CareerRequestSubmitted {
      request { id kind state version details { __typename ... on RotationDetails {
        reason targetPosition { code } } } approvalPlan { stage approvers { username } } }
    }
    ... on Error { message }
    ... on NotEligible { checks { code passed reasonEn reference } }
  }
}
"""

DECIDE = """
mutation Decide($input: DecideCareerRequestInput!, $key: String) {
  decideCareerRequest(input: $input, idempotencyKey: $key) {
    __typename
    ... on CareerRequestDecided {
      request { state version decisions { action actor { username } } }
    }
    ... on StaleVersion { message currentVersion }
    ... on Error { message }
  }
}
"""

QUEUE = """
{ approvalQueue(first: 10) { totalCount nodes { id state availableActions applicant { name } } } }
"""


def _rotation(wo: wf.WorkflowOffice) -> dict[str, Any]:
    target = to_global_id("Position", wo.vacancy.id)
    return {"rotation": {"targetPositionId": target, "reason": "Penyegaran"}}


async def test_submit_then_supervisor_decides_from_the_queue(db: Any, gql: GraphQLClient) -> None:
    # given
    wo = await wf.workflow_office()
    # when: the staff member submits a rotation
    data = await gql.data(SUBMIT, {"input": _rotation(wo)}, as_user=wo.office.staff_user)
    # then
    payload = data["submitCareerRequest"]
    assert payload["__typename"] == "CareerRequestSubmitted"
    request = payload["request"]
    assert (request["kind"], request["state"], request["version"]) == (
        "ROTATION",
        "SUPERVISOR_REVIEW",
        2,
    )
    assert request["details"]["targetPosition"]["code"] == "serang-VACANT"
    assert request["approvalPlan"][0]["approvers"][0]["username"] == "atasan.serang"
    # when: the supervisor opens the queue and approves
    queue = await gql.data(QUEUE, as_user=wo.office.supervisor_user)
    assert queue["approvalQueue"]["totalCount"] == 1
    item = queue["approvalQueue"]["nodes"][0]
    assert item["id"] == request["id"]
    assert item["availableActions"] == ["APPROVE", "REJECT", "RETURN"]
    decided = await gql.data(
        DECIDE,
        {"input": {"requestId": request["id"], "expectedVersion": 2, "decision": "APPROVE"}},
        as_user=wo.office.supervisor_user,
    )
    # then
    result = decided["decideCareerRequest"]
    assert result["__typename"] == "CareerRequestDecided"
    assert result["request"]["state"] == "HR_REVIEW"
    assert [d["action"] for d in result["request"]["decisions"]] == ["SUBMIT", "APPROVE"]


async def test_a_stale_version_is_refused_with_the_current_version(
    db: Any, gql: GraphQLClient
) -> None:
    # given
    wo = await wf.workflow_office()
    data = await gql.data(SUBMIT, {"input": _rotation(wo)}, as_user=wo.office.staff_user)
    request_id = data["submitCareerRequest"]["request"]["id"]
    # when
    decided = await gql.data(
        DECIDE,
        {"input": {"requestId": request_id, "expectedVersion": 1, "decision": "APPROVE"}},
        as_user=wo.office.supervisor_user,
    )
    # then
    assert decided["decideCareerRequest"]["__typename"] == "StaleVersion"
    assert decided["decideCareerRequest"]["currentVersion"] == 2
    assert await Decision.all().count() == 1


async def test_a_retry_with_the_same_key_returns_the_first_result(
    db: Any, gql: GraphQLClient
) -> None:
    # given
    wo = await wf.workflow_office()
    variables = {"input": _rotation(wo), "key": "submit-7f3a"}
    first = await gql.data(SUBMIT, variables, as_user=wo.office.staff_user)
    # when
    again = await gql.data(SUBMIT, variables, as_user=wo.office.staff_user)
    # then
    assert again == first
    assert await CareerRequest.all().count() == 1
    assert await IdempotencyRecord.filter(key="submit-7f3a").count() == 1


async def test_a_refusal_is_also_replayed_for_its_key(db: Any, gql: GraphQLClient) -> None:
    # given: a decision on a stale version, with a key
    wo = await wf.workflow_office()
    data = await gql.data(SUBMIT, {"input": _rotation(wo)}, as_user=wo.office.staff_user)
    request_id = data["submitCareerRequest"]["request"]["id"]
    stale = {"requestId": request_id, "expectedVersion": 1, "decision": "APPROVE"}
    first = await gql.data(DECIDE, {"input": stale, "key": "k1"}, as_user=wo.office.supervisor_user)
    # when: the same key with a good version
    good = {**stale, "expectedVersion": 2}
    again = await gql.data(DECIDE, {"input": good, "key": "k1"}, as_user=wo.office.supervisor_user)
    # then: the first answer, and still no decision
    assert again == first
    assert first["decideCareerRequest"]["__typename"] == "StaleVersion"
    assert await Decision.filter(action="APPROVE").count() == 0


async def test_ineligible_request_lists_the_failed_checks(db: Any, gql: GraphQLClient) -> None:
    # given
    wo = await wf.workflow_office()
    study = {
        "level": "S2",
        "institution": "Universitas Contoh",
        "studyProgram": "Magister Administrasi Publik",
        "accreditation": "C",
        "startDate": "2025-01-06",
        "durationMonths": 24,
        "estimatedCost": "60000000",
        "reason": "Pengembangan kompetensi",
    }
    # when
    data = await gql.data(SUBMIT, {"input": {"furtherStudy": study}}, as_user=wo.office.staff_user)
    # then
    payload = data["submitCareerRequest"]
    assert payload["__typename"] == "NotEligible"
    assert payload["checks"] and all(not c["passed"] for c in payload["checks"])
    assert any("accreditation" in c["code"].lower() for c in payload["checks"])
    assert await CareerRequest.all().count() == 0
    # and each reason is also given in the language the client asks for, from the catalogue
    asked = """mutation($input: CareerRequestInput!) { submitCareerRequest(input: $input) {
      ... on NotEligible { checks { code reason reasonId reasonEn } } } }"""
    for language, field in (("en", "reasonEn"), ("id", "reasonId")):
        response = await gql.post(
            asked,
            {"input": {"furtherStudy": study}},
            as_user=wo.office.staff_user,
            headers={"Accept-Language": language},
        )
        (check,) = response.json()["data"]["submitCareerRequest"]["checks"]
        assert check["code"] == "ACCREDITATION"
        assert check["reason"] == check[field] and "(" in check["reason"]


async def test_read_only_token_cannot_mutate(db: Any, gql: GraphQLClient) -> None:
    # given
    wo = await wf.workflow_office()
    issued = await create_api_token(agency=wo.office.agency, name="siasn", scopes=[Scope.READ])
    # when
    data = await gql.data(SUBMIT, {"input": _rotation(wo)}, token=issued.token)
    # then
    assert data["submitCareerRequest"]["__typename"] == "NotPermitted"
    assert await CareerRequest.all().count() == 0


async def test_one_of_input_needs_exactly_one_kind(db: Any, gql: GraphQLClient) -> None:
    # given
    wo = await wf.workflow_office()
    both = {**_rotation(wo), "promotion": {"type": "REGULAR_RANK", "reason": "x"}}
    # when
    body = await gql.run(SUBMIT, {"input": both}, as_user=wo.office.staff_user)
    # then
    assert body["errors"] and "exactly one" in body["errors"][0]["message"].lower()
    assert await CareerRequest.all().count() == 0
