"""Refusals are worded from the catalogue in the caller's language (Accept-Language: id / en).

The texts of reused validators (the NIP, a new record) inside a refusal, the Relay ID and page
arguments, and the data correction's check step, which refuses as submit does.
"""

from __future__ import annotations

from typing import Any

from tests import factories
from tests.api.client import GraphQLClient
from tests.personnel.world import NEW_NIP, new_employee_input, world
from tests.workflows import factories as wf

CREATE = """
mutation Create($input: CreateEmployeeInput!) {
  createEmployee(input: $input) {
    __typename
    ... on ValidationFailed { message field }
  }
}
"""
CORRECT = """
mutation Correct($input: CorrectEmployeeInput!) {
  correctEmployee(input: $input) {
    __typename
    ... on ValidationFailed { message field }
  }
}
"""
EMPLOYEES = """
query Employees($after: String) { employees(first: 2, after: $after) { totalCount } }
"""
IN_UNIT = "query InUnit($id: ID!) { employees(filter: {orgUnit: $id}) { totalCount } }"
PREVIEW = """
query Preview($input: CareerRequestInput!) {
  previewApprovalPlan(input: $input) {
    __typename
    ... on ValidationFailed { message field }
  }
}
"""
SUBMIT = """
mutation Submit($input: CareerRequestInput!) {
  submitCareerRequest(input: $input) {
    __typename
    ... on ValidationFailed { message field }
  }
}
"""


async def _in_both(gql: GraphQLClient, query: str, variables: dict[str, Any], **who: Any) -> Any:
    """The response bodies in Indonesian and in English."""
    out = []
    for language in ("id", "en"):
        response = await gql.post(query, variables, headers={"Accept-Language": language}, **who)
        assert response.status_code == 200, response.text
        out.append(response.json())
    return out


async def test_a_reused_validator_is_worded_in_the_callers_language(
    db: Any, gql: GraphQLClient
) -> None:
    # given: a PNS without a rank (the check of workflows.records.validate_new_employee)
    w = await world()
    data = new_employee_input(w, NEW_NIP, rank=None, rankSince=None)
    # when
    indonesian, english = await _in_both(gql, CREATE, {"input": data}, as_user=w.office.hr_user)
    # then
    assert indonesian["data"]["createEmployee"] == {
        "__typename": "ValidationFailed",
        "message": "Data pegawai tidak lengkap: PNS dan CPNS wajib memiliki golongan/ruang.",
        "field": "rank",
    }
    assert english["data"]["createEmployee"]["message"] == (
        "The record is incomplete: A PNS or CPNS needs a rank (golongan/ruang)."
    )


async def test_the_nip_rule_is_worded_whole_in_each_language(db: Any, gql: GraphQLClient) -> None:
    # given: a birth date the NIP does not encode
    w = await world()
    data = new_employee_input(w, NEW_NIP, birthDate="1995-06-11")
    # when
    indonesian, english = await _in_both(gql, CREATE, {"input": data}, as_user=w.office.hr_user)
    # then
    assert indonesian["data"]["createEmployee"]["message"] == (
        "NIP tidak sesuai dengan data pegawai (Perka BKN 22/2007): "
        f"NIP {NEW_NIP} memuat tanggal lahir 1995-06-10, data pegawai 1995-06-11."
    )
    assert english["data"]["createEmployee"]["message"] == (
        "The NIP does not match the record (Perka BKN 22/2007): "
        f"NIP {NEW_NIP} encodes birth date 1995-06-10, the record says 1995-06-11."
    )


async def test_relay_ids_and_cursors_are_refused_in_the_callers_language(
    db: Any, gql: GraphQLClient
) -> None:
    # given
    office = await factories.office()
    hr = office.hr_user
    # when
    cursor = await _in_both(gql, EMPLOYEES, {"after": "bm9wZQ"}, as_user=hr)
    unit = await _in_both(gql, IN_UNIT, {"id": "bm9wZQ"}, as_user=hr)
    input_id = await _in_both(
        gql, CORRECT, {"input": {"employeeId": "bm9wZQ", "name": "X"}}, as_user=hr
    )
    # then
    assert [body["errors"][0]["message"] for body in cursor] == [
        '"bm9wZQ" bukan kursor yang sah.',
        '"bm9wZQ" is not a valid cursor.',
    ]
    assert [body["errors"][0]["message"] for body in unit] == [
        '"bm9wZQ" bukan ID OrgUnit yang sah.',
        '"bm9wZQ" is not a valid OrgUnit ID.',
    ]
    assert cursor[0]["errors"][0]["extensions"]["code"] == "BAD_USER_INPUT"
    assert [body["data"]["correctEmployee"]["message"] for body in input_id] == [
        '"bm9wZQ" bukan ID Employee yang sah.',
        '"bm9wZQ" is not a valid Employee ID.',
    ]
    assert input_id[0]["data"]["correctEmployee"]["field"] == "employeeId"


async def test_the_correction_check_step_refuses_as_submit_does(
    db: Any, gql: GraphQLClient
) -> None:
    # given: a corrected birth date the NIP does not encode
    wo = await wf.workflow_office()
    staff = wo.office.staff_user
    nip = wo.office.staff.nip
    correction = {"input": {"dataCorrection": {"birthDate": "1991-01-01", "reason": "Akta"}}}
    # when
    checked = await _in_both(gql, PREVIEW, correction, as_user=staff)
    submitted = await _in_both(gql, SUBMIT, correction, as_user=staff)
    # then: the same refusal, from the catalogue, in each language
    previews = [body["data"]["previewApprovalPlan"] for body in checked]
    submits = [body["data"]["submitCareerRequest"] for body in submitted]
    assert previews == submits
    assert previews[0]["field"] == "nip"
    assert previews[0]["message"].startswith(
        f"NIP tidak sesuai dengan data pegawai (Perka BKN 22/2007): NIP {nip} memuat tanggal lahir"
    )
    assert previews[0]["message"].endswith("data pegawai 1991-01-01.")
    assert previews[1]["message"].startswith(
        f"The NIP does not match the record (Perka BKN 22/2007): NIP {nip} encodes birth date"
    )
    assert previews[1]["message"].endswith("the record says 1991-01-01.")
