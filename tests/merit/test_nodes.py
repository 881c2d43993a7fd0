"""node(id:) answers merit records to those the merit queries let see them, null to anyone else."""

from typing import Any

from portal.models import Feedback
from portal.viewer import Viewer
from portal.vocabulary import EvaluationPeriod, FeedbackRelation, Predikat
from tests import factories
from tests.merit import factories as mf
from tests.merit.test_graphql import gid, run

NODE = """
query One($id: ID!) {
  node(id: $id) {
    __typename id
    ... on Assessment { level }
    ... on PerformanceEvaluation { predikat }
    ... on TalentPlacement { box }
    ... on FeedbackEntry { comment giver { nip } }
  }
}
"""


async def _node(viewer: Viewer, global_id: str) -> Any:
    return (await run(viewer, NODE, id=global_id))["node"]


async def test_merit_nodes_for_allowed_viewers_and_null_for_others(db) -> None:
    # given: the staff's assessment, evaluation and placement; a colleague; another agency's HR
    mf.freeze()
    m = await mf.merit_office()
    staff = m.office.staff
    records = [
        gid("Assessment", (await mf.assessment(staff, "M.01", 3)).id),
        gid("PerformanceEvaluation", (await mf.evaluation(staff, 2024, Predikat.BAIK)).id),
        gid("TalentPlacement", (await mf.placement(staff, 2024, 8)).id),
    ]
    colleague = await factories.employee(m.office.agency, m.office.unit)
    peer = await mf.viewer(await factories.user(m.office.agency, "rekan", employee=colleague))
    other = await mf.merit_office("cilegon")
    token = mf.token_viewer(m.office.agency)
    for record in records:
        # when / then: self, supervisor chain and HR see it
        for allowed in (m.staff, m.supervisor, m.head, m.hr):
            found = await _node(allowed, record)
            assert found is not None and found["id"] == record
        # and a colleague, a token and another agency's HR do not
        for refused in (peer, token, other.hr, other.staff):
            assert await _node(refused, record) is None


async def test_peer_feedback_node_keeps_the_giver_anonymous(db) -> None:
    # given: a colleague's peer feedback about the staff
    mf.freeze()
    m = await mf.merit_office()
    colleague = await factories.employee(m.office.agency, m.office.unit)
    giver = await mf.viewer(await factories.user(m.office.agency, "rekan", employee=colleague))
    entry = await Feedback.create(
        agency=m.office.agency,
        employee=m.office.staff,
        giver=colleague,
        relation=FeedbackRelation.PEER,
        year=2025,
        comment="membantu tim",
    )
    record = gid("FeedbackEntry", entry.id)
    # when
    as_employee = await _node(m.staff, record)
    as_supervisor = await _node(m.supervisor, record)
    as_hr = await _node(m.hr, record)
    as_giver = await _node(giver, record)
    # then: the employee and the supervisor read it without the giver; HR and the giver see who
    assert as_employee["comment"] == "membantu tim" and as_employee["giver"] is None
    assert as_supervisor["giver"] is None
    assert as_hr["giver"] == {"nip": colleague.nip}
    assert as_giver["giver"] == {"nip": colleague.nip}
    assert await _node((await mf.merit_office("cilegon")).hr, record) is None


async def test_a_report_does_not_see_their_supervisors_evaluation(db) -> None:
    # given: the supervisor's evaluation; the staff is below them, the head above
    mf.freeze()
    m = await mf.merit_office()
    row = await mf.evaluation(m.office.supervisor, 2024, Predikat.BAIK, EvaluationPeriod.ANNUAL)
    # when / then
    assert await _node(m.staff, gid("PerformanceEvaluation", row.id)) is None
    assert await _node(m.head, gid("PerformanceEvaluation", row.id)) is not None
