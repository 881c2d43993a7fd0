"""The merit API over GraphQL: queries for the viewer's own data, mutations with payload unions."""

from datetime import date
from typing import Any

from portal.models import TrainingNomination
from portal.settings import Settings
from portal.viewer import Viewer
from schema import schema
from schema.context import Context
from schema.relay import to_global_id
from tests import factories
from tests.factories import position_of
from tests.merit import factories as mf

MATCH = """
query Match($employee: ID!) {
  positionMatch(employeeId: $employee) {
    ratio category gaps { code requiredLevel achievedLevel missingLevels }
  }
}
"""
RECORD_EVALUATION = """
mutation Evaluate($input: RecordEvaluationInput!) {
  recordEvaluation(input: $input) {
    __typename
    ... on EvaluationRecorded { evaluation { predikat year period } }
    ... on NotPermitted { message }
  }
}
"""
NOMINATE = """
mutation Nominate($input: NominateForTrainingInput!, $key: String) {
  nominateForTraining(input: $input, idempotencyKey: $key) {
    __typename
    ... on TrainingNominated { nomination { id cost status program { code } } }
    ... on BudgetExceeded { message remaining }
  }
}
"""
FEEDBACK = """
query Feedback($employee: ID!) {
  feedback(employeeId: $employee) { relation comment giver { nip } }
}
"""


async def run(viewer: Viewer, query: str, **variables: Any) -> dict[str, Any]:
    context = Context(settings=Settings(), viewer=viewer)
    result = await schema.execute(query, variable_values=variables, context_value=context)
    assert result.errors is None, result.errors
    assert result.data is not None
    return result.data


def gid(kind: str, pk: int) -> str:
    return to_global_id(kind, pk)


async def test_employee_reads_own_match_but_not_a_colleagues(db) -> None:
    # given
    mf.freeze()
    m = await mf.merit_office()
    await mf.standard(await position_of(m.office.staff), {"M.01": 3})
    await mf.assessment(m.office.staff, "M.01", 2)
    # when
    own = await run(m.staff, MATCH, employee=gid("Employee", m.office.staff.id))
    boss = await run(m.staff, MATCH, employee=gid("Employee", m.office.supervisor.id))
    # then
    assert own["positionMatch"] == {
        "ratio": 0.6667,
        "category": "BELOW",
        "gaps": [{"code": "M.01", "requiredLevel": 3, "achievedLevel": 2, "missingLevels": 1}],
    }
    assert boss["positionMatch"] is None


async def test_evaluation_payload_is_a_union_of_success_and_typed_errors(db) -> None:
    # given
    mf.freeze()
    m = await mf.merit_office()
    data = {
        "employeeId": gid("Employee", m.office.staff.id),
        "year": 2024,
        "period": "ANNUAL",
        "workResult": "ABOVE",
        "behaviour": "AS_EXPECTED",
    }
    # when
    refused = await run(m.staff, RECORD_EVALUATION, input=data)
    done = await run(m.supervisor, RECORD_EVALUATION, input=data)
    # then
    assert refused["recordEvaluation"]["__typename"] == "NotPermitted"
    assert done["recordEvaluation"] == {
        "__typename": "EvaluationRecorded",
        "evaluation": {"predikat": "BAIK", "year": 2024, "period": "ANNUAL"},
    }


async def test_nomination_over_budget_and_idempotent_retry(db) -> None:
    # given
    mf.freeze()
    m = await mf.merit_office()
    program = await mf.program(m.office.agency, "PIM", "M.01", cost="700000")
    await mf.budget(m.office.agency, "1000000")
    other = await factories.employee(m.office.agency, m.office.unit)
    first = {
        "programId": gid("TrainingProgram", program.id),
        "employeeId": gid("Employee", m.office.staff.id),
    }
    # when
    made = await run(m.hr, NOMINATE, input=first, key="nominate-1")
    retried = await run(m.hr, NOMINATE, input=first, key="nominate-1")
    over = await run(m.hr, NOMINATE, input={**first, "employeeId": gid("Employee", other.id)})
    # then
    assert made["nominateForTraining"]["nomination"]["program"] == {"code": "PIM"}
    assert retried == made
    assert await TrainingNomination.all().count() == 1
    assert over["nominateForTraining"]["__typename"] == "BudgetExceeded"
    assert over["nominateForTraining"]["remaining"] == "300000.00"


async def test_peer_feedback_is_anonymous_over_graphql(db) -> None:
    # given
    mf.freeze()
    m = await mf.merit_office()
    from portal.vocabulary import FeedbackRelation
    from workflows.merit.feedback import give_feedback, invite_feedback

    peer = await factories.employee(m.office.agency, m.office.unit, birth_date=date(1992, 1, 1))
    peer_viewer = await mf.viewer(await factories.user(m.office.agency, "rekan", employee=peer))
    await invite_feedback(
        actor=m.staff, employee_id=m.office.staff.id, invitee_id=peer.id,
        relation=FeedbackRelation.PEER, year=2025,
    )  # fmt: skip
    await give_feedback(actor=peer_viewer, employee_id=m.office.staff.id, comment="Rapi")
    # when
    seen = await run(m.staff, FEEDBACK, employee=gid("Employee", m.office.staff.id))
    # then
    assert seen["feedback"] == [{"relation": "PEER", "comment": "Rapi", "giver": None}]
