"""Assessments, job-person match per position and the gap list, with who may see them."""

from datetime import date

import pytest

from portal.models import Assessment, AuditEntry
from tests import factories
from tests.factories import position_of
from tests.merit import factories as mf
from workflows.errors import NotFound, NotPermitted, ValidationFailed
from workflows.merit.assessments import AssessmentInput, position_match, record_assessment
from workflows.merit.scoring import MatchCategory
from workflows.messages import localise


async def _standard(m: mf.MeritOffice) -> None:
    staff_position = await position_of(m.office.staff)
    await mf.standard(staff_position, {"M.01": 3, "M.02": 3, "M.03": 4})


async def test_hr_records_an_assessment_with_audit(db) -> None:
    # given
    mf.freeze()
    m = await mf.merit_office()
    # when
    record = await record_assessment(
        actor=m.hr,
        data=AssessmentInput(
            employee_id=m.office.staff.id,
            competency_code="M.01",
            level=3,
            method="assessment centre",
            assessed_on=date(2025, 3, 1),
            assessor="UPT Penilaian Kompetensi BKN",
            valid_until=date(2028, 3, 1),
        ),
    )
    # then
    assert (await Assessment.get(id=record.id)).assessor == "UPT Penilaian Kompetensi BKN"
    entry = await AuditEntry.get(action="assessment.record")
    assert entry.subject_id == str(m.office.staff.id)


@pytest.mark.parametrize(
    ("overrides", "fragment"),
    [
        ({"level": 6}, "1-5"),
        ({"assessed_on": date(2025, 7, 1)}, "future"),
        ({"valid_until": date(2024, 1, 1)}, "after"),
        ({"method": ""}, "method"),
    ],
)
async def test_bad_assessments_write_nothing(db, overrides, fragment) -> None:
    # given
    mf.freeze()
    m = await mf.merit_office()
    data = {
        "employee_id": m.office.staff.id,
        "competency_code": "M.01",
        "level": 3,
        "method": "uji kompetensi",
        "assessed_on": date(2025, 1, 1),
        **overrides,
    }
    # when / then
    with pytest.raises(ValidationFailed) as refused:
        await record_assessment(actor=m.hr, data=AssessmentInput(**data))
    assert fragment in localise(refused.value, "en").message
    assert await Assessment.all().count() == 0


async def test_only_hr_records_and_only_in_its_agency(db) -> None:
    # given
    mf.freeze()
    m = await mf.merit_office()
    other = await mf.merit_office("tangsel")
    data = AssessmentInput(m.office.staff.id, "M.01", 3, "uji kompetensi", date(2025, 1, 1))
    # when / then
    with pytest.raises(NotPermitted):
        await record_assessment(actor=m.supervisor, data=data)
    with pytest.raises(NotFound):
        await record_assessment(actor=other.hr, data=data)
    assert await Assessment.all().count() == 0


async def test_match_uses_latest_valid_assessment_per_competency(db) -> None:
    # given
    mf.freeze()
    m = await mf.merit_office()
    await _standard(m)
    staff = m.office.staff
    await mf.assessment(staff, "M.01", 3, on=date(2023, 1, 1))
    await mf.assessment(staff, "M.01", 1, on=date(2020, 1, 1))  # older: ignored
    await mf.assessment(staff, "M.02", 3, on=date(2021, 1, 1), valid_until=date(2024, 1, 1))
    await mf.assessment(staff, "M.02", 2, on=date(2020, 6, 1))  # still valid, older
    await mf.assessment(staff, "M.03", 4, on=date(2024, 1, 1))
    # when
    match = await position_match(actor=m.staff, employee_id=staff.id)
    # then: (3 + 2 + 4) / (3 + 3 + 4) = 0.9
    assert match.ratio == 0.9
    assert match.category == MatchCategory.MEETS
    assert [(g.code, g.missing) for g in match.gaps] == [("M.02", 1)]


async def test_categories_follow_the_68_and_80_percent_lines(db) -> None:
    # given
    mf.freeze()
    m = await mf.merit_office()
    await _standard(m)
    staff = m.office.staff
    await mf.assessment(staff, "M.01", 3)
    await mf.assessment(staff, "M.02", 2)
    await mf.assessment(staff, "M.03", 2)
    # when: 7 / 10
    match = await position_match(actor=m.hr, employee_id=staff.id)
    # then
    assert match.category == MatchCategory.STILL_MEETS
    assert [g.code for g in match.gaps] == ["M.03", "M.02"]  # largest gap first


async def test_gap_list_for_a_target_position(db) -> None:
    # given
    mf.freeze()
    m = await mf.merit_office()
    target = await factories.position(m.office.agency, m.office.unit, "TARGET")
    await mf.standard(target, {"M.01": 4})
    await mf.assessment(m.office.staff, "M.01", 2)
    # when
    match = await position_match(
        actor=m.staff, employee_id=m.office.staff.id, position_id=target.id
    )
    # then
    assert match.ratio == 0.5 and match.category == MatchCategory.BELOW
    assert [(g.code, g.required, g.achieved) for g in match.gaps] == [("M.01", 4, 2)]


async def test_who_may_see_a_match(db) -> None:
    # given
    mf.freeze()
    m = await mf.merit_office()
    other = await mf.merit_office("tangsel")
    staff_id = m.office.staff.id
    # when / then: self, supervisor, the supervisor's supervisor, HR
    for actor in (m.staff, m.supervisor, m.head, m.hr):
        await position_match(actor=actor, employee_id=staff_id)
    # scores are sensitive: an API token of the agency does not read them
    with pytest.raises(NotPermitted):
        await position_match(actor=mf.token_viewer(m.office.agency), employee_id=staff_id)
    # the staff member may not see their supervisor's scores
    with pytest.raises(NotPermitted):
        await position_match(actor=m.staff, employee_id=m.office.supervisor.id)
    # another agency's HR does not even find the employee
    with pytest.raises(NotFound):
        await position_match(actor=other.hr, employee_id=staff_id)
