"""Employee.competencyProfile scores as positionMatch does: valid assessments, agency thresholds."""

from datetime import date
from typing import Any

from portal.models import Agency
from tests.factories import position_of
from tests.merit import factories as mf
from tests.merit.test_graphql import gid, run

PROFILE = """
query Profile($nip: String!, $employee: ID!) {
  employee(nip: $nip) {
    competencyProfile {
      matchRatio matchCategory
      scores { competency { code } level requiredLevel }
    }
  }
  positionMatch(employeeId: $employee) { ratio category }
}
"""


async def _both(m: mf.MeritOffice) -> tuple[dict[str, Any], dict[str, Any]]:
    staff = m.office.staff
    data = await run(m.hr, PROFILE, nip=staff.nip, employee=gid("Employee", staff.id))
    return data["employee"]["competencyProfile"], data["positionMatch"]


async def test_an_expired_assessment_no_longer_counts(db) -> None:
    # given: M.02 was level 3 until the start of the year, then nothing valid
    mf.freeze()
    m = await mf.merit_office()
    position = await position_of(m.office.staff)
    await mf.standard(position, {"M.01": 3, "M.02": 3})
    await mf.assessment(m.office.staff, "M.01", 3)
    await mf.assessment(
        m.office.staff, "M.02", 3, on=date(2023, 1, 10), valid_until=date(2025, 1, 1)
    )
    # when
    profile, match = await _both(m)
    # then: only M.01 counts, as in positionMatch
    levels = {s["competency"]["code"]: s["level"] for s in profile["scores"]}
    assert levels == {"M.01": 3, "M.02": None}
    assert profile["matchRatio"] == match["ratio"] == 0.5
    assert profile["matchCategory"] == match["category"] == "BELOW"


async def test_an_agency_override_of_match_meets_changes_the_category(db) -> None:
    # given: 5 of 6 levels (83 %), MEETS by the default 80 %
    mf.freeze()
    m = await mf.merit_office()
    position = await position_of(m.office.staff)
    await mf.standard(position, {"M.01": 3, "M.02": 3})
    await mf.assessment(m.office.staff, "M.01", 3)
    await mf.assessment(m.office.staff, "M.02", 2)
    before, _ = await _both(m)
    # when: the agency asks 90 % to meet
    await Agency.filter(id=m.office.agency.id).update(rule_overrides={"match_meets": 0.9})
    profile, match = await _both(m)
    # then
    assert before["matchCategory"] == "MEETS"
    assert profile["matchCategory"] == match["category"] == "STILL_MEETS"
