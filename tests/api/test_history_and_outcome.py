"""Rank and position history of an employee, and the rank a promotion gave."""

from __future__ import annotations

from datetime import UTC, date, datetime, time
from typing import Any

from portal.clock import clock
from portal.vocabulary import RequestKind
from tests import factories
from tests.api.client import GraphQLClient
from tests.workflows import factories as wf
from workflows.career.scheduled import apply_due

HISTORY = """query ($nip: String!) { employee(nip: $nip) {
  rank { code since } rankHistory { code since until } positionHistory { since position { code } }
  scheduledChanges { kind effectiveOn appliedAt }
} }"""
OUTCOME = """query ($id: ID!) { node(id: $id) { ... on CareerRequest { state
  details { ... on PromotionDetails { resultingRank { code since } } } } } }"""


async def test_a_promotion_shows_the_rank_it_gave_and_the_history_keeps_both(
    db: Any, gql: GraphQLClient
) -> None:
    # given a regular rank promotion approved by every stage
    wo = await wf.workflow_office()
    from schema.relay import to_global_id

    request = await wf.to_committee(wo, RequestKind.PROMOTION)
    rid = to_global_id("CareerRequest", request.id)
    before = await gql.data(OUTCOME, {"id": rid}, as_user=wo.office.staff_user)
    assert before["node"]["details"]["resultingRank"] is None  # not approved yet
    for member in (await wo.committee())[:2]:
        request = await wf.act(member, request, "APPROVE")
    # when the applicant looks at it / then the new rank with its TMT
    after = await gql.data(OUTCOME, {"id": rid}, as_user=wo.office.staff_user)
    assert after["node"]["state"] == "APPROVED"
    rank = after["node"]["details"]["resultingRank"]
    assert rank is not None and rank["since"] > "2024-06-05"
    nip = wo.office.staff.nip
    own = (await gql.data(HISTORY, {"nip": nip}, as_user=wo.office.staff_user))["employee"]
    # until its TMT the record keeps the current rank and shows the new one as scheduled
    assert own["rank"]["code"] == "III/a" and rank["code"] == "III/b"
    assert own["scheduledChanges"] == [
        {"kind": "RANK", "effectiveOn": rank["since"], "appliedAt": None}
    ]
    clock.freeze(datetime.combine(date.fromisoformat(rank["since"]), time(1), UTC))
    assert len(await apply_due()) == 1
    own = (await gql.data(HISTORY, {"nip": nip}, as_user=wo.office.staff_user))["employee"]
    assert own["rank"]["code"] == rank["code"]
    assert own["rankHistory"][-1]["code"] == rank["code"]
    assert own["rankHistory"][-1]["since"] == rank["since"]
    # a colleague outside the chain does not see the history; another agency not the employee
    peer_employee = await factories.employee(wo.office.agency, wo.office.unit)
    peer = await factories.user(wo.office.agency, "rekan.serang", employee=peer_employee)
    seen = (await gql.data(HISTORY, {"nip": nip}, as_user=peer))["employee"]
    assert seen is None or (seen["rankHistory"] is None and seen["positionHistory"] is None)
    other = await factories.office("tangsel")
    assert (await gql.data(HISTORY, {"nip": nip}, as_user=other.hr_user))["employee"] is None
