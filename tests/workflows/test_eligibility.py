"""Eligibility rules: each failing rule refuses the submission with its code and both reasons."""

from datetime import UTC, date, datetime
from decimal import Decimal

import pytest

from portal.clock import clock
from portal.models import (
    Agency,
    Assessment,
    Budget,
    CareerRequest,
    Competency,
    DisciplinaryPenalty,
    Employee,
    PerformanceEvaluation,
    PositionCompetency,
)
from portal.vocabulary import (
    CompetencyCategory,
    Education,
    EmployeeType,
    PenaltyLevel,
    Predikat,
    Rank,
    RequestKind,
)
from schema.errors import from_domain
from tests.factories import position_of
from tests.workflows import factories as wf
from workflows.career import service
from workflows.career.eligibility import due_for_rotation
from workflows.career.scheduled import apply_due
from workflows.errors import NotEligible
from workflows.merit.lookups import rules_for


async def _refused(wo, kind, details) -> dict[str, dict]:
    before = await CareerRequest.all().count()
    with pytest.raises(NotEligible) as error:
        await service.submit(actor=await wo.staff(), kind=kind, details=details)
    assert await CareerRequest.all().count() == before
    checks = {c["code"]: c for c in error.value.checks}
    for check in checks.values():
        assert check["reason_id"] and check["reason_en"] and check["reference"]
    return {code: c for code, c in checks.items() if not c["passed"]}


async def test_rotation_too_early_full_target_and_low_match(db) -> None:
    # given: 1 year in posting, the target is full, and competencies far below the standard
    wo = await wf.workflow_office()
    await Employee.filter(id=wo.office.staff.id).update(position_since=date(2023, 6, 1))
    await wf.factories.employee(
        wo.office.agency, wo.office.unit, position=wo.vacancy, birth_date=date(1992, 2, 2)
    )
    competency = await Competency.create(
        agency=wo.office.agency,
        code="M.01",
        name="Integritas",
        category=CompetencyCategory.MANAGERIAL,
    )
    await PositionCompetency.create(
        agency=wo.office.agency, position=wo.vacancy, competency=competency, required_level=4
    )
    await Assessment.create(
        agency=wo.office.agency,
        employee=wo.office.staff,
        competency=competency,
        level=1,
        method="uji",
        assessed_on=date(2024, 1, 1),
    )
    # when
    failed = await _refused(wo, RequestKind.ROTATION, wf.rotation(wo.vacancy))
    # then
    assert set(failed) == {"YEARS_IN_POSTING", "TARGET_VACANT", "JOB_PERSON_MATCH"}
    assert failed["YEARS_IN_POSTING"]["reference"] == "PP 11/2017 Pasal 190"


async def test_rotation_to_own_position_is_refused_but_being_overdue_is_not(db) -> None:
    # PP 11/2017 Pasal 190: after the agency's 3-year maximum a rotation is due, not barred.
    wo = await wf.workflow_office()
    await Agency.filter(id=wo.agency_id).update(rule_overrides={"rotation_max_years": 3})
    failed = await _refused(
        wo, RequestKind.ROTATION, wf.rotation(await position_of(wo.office.staff))
    )
    assert set(failed) == {"TARGET_DIFFERENT"}
    request = await service.submit(
        actor=await wo.staff(), kind=RequestKind.ROTATION, details=wf.rotation(wo.vacancy)
    )
    posting = next(c for c in request.eligibility["checks"] if c["code"] == "YEARS_IN_POSTING")
    assert posting["passed"] and posting["params"] == {
        "years": posting["params"]["years"],
        "need": 2.0,
    }
    rule = await rules_for(wo.agency_id)
    due = await due_for_rotation(wo.agency_id, rule)
    assert wo.office.staff.id in {e.id for e in due}


async def test_cpns_and_pppk_are_told_why(db) -> None:
    wo = await wf.workflow_office()
    await Employee.filter(id=wo.office.staff.id).update(employee_type=EmployeeType.PPPK)
    failed = await _refused(wo, RequestKind.PROMOTION, wf.rank_promotion())
    assert set(failed) == {"EMPLOYEE_TYPE"}
    assert "PPPK" in failed["EMPLOYEE_TYPE"]["reason_en"]
    assert "no rank promotion" in failed["EMPLOYEE_TYPE"]["reason_en"]
    failed = await _refused(wo, RequestKind.FURTHER_STUDY, wf.study())
    assert set(failed) == {"EMPLOYEE_TYPE"}
    assert "hanya untuk PNS" in failed["EMPLOYEE_TYPE"]["reason_id"]
    await Employee.filter(id=wo.office.staff.id).update(employee_type=EmployeeType.CPNS)
    failed = await _refused(wo, RequestKind.FURTHER_STUDY, wf.study())
    assert failed["EMPLOYEE_TYPE"]["params"] == {"type": "CPNS"}


async def test_penalty_in_force_bars_promotion_light_only_by_setting(db) -> None:
    wo = await wf.workflow_office()
    await DisciplinaryPenalty.create(
        agency=wo.office.agency,
        employee=wo.office.staff,
        level=PenaltyLevel.LIGHT,
        starts_on=date(2024, 1, 1),
        ends_on=date(2024, 12, 31),
    )
    first = await service.submit(
        actor=await wo.staff(), kind=RequestKind.PROMOTION, details=wf.rank_promotion()
    )
    await service.withdraw(
        actor=await wo.staff(), request_id=first.id, expected_version=first.version
    )
    await Agency.filter(id=wo.agency_id).update(rule_overrides={"light_penalty_bars": True})
    failed = await _refused(wo, RequestKind.PROMOTION, wf.rank_promotion())
    assert set(failed) == {"NO_PENALTY"}
    assert "ringan" in failed["NO_PENALTY"]["reason_id"]
    assert "31 Desember 2024" in failed["NO_PENALTY"]["reason_id"]
    assert "Government Regulation 94/2021" in failed["NO_PENALTY"]["reason_en"]
    assert failed["NO_PENALTY"]["reference"] == "PP 94/2021"


async def test_study_needs_good_predikat_last_year_and_a_future_start(db) -> None:
    wo = await wf.workflow_office()
    await PerformanceEvaluation.filter(employee_id=wo.office.staff.id, year=2023).update(
        predikat=Predikat.BUTUH_PERBAIKAN
    )
    failed = await _refused(wo, RequestKind.FURTHER_STUDY, wf.study(start_date="2024-02-01"))
    assert set(failed) == {"PERFORMANCE", "START_IN_FUTURE", "BUDGET"}  # no 2024 budget
    assert "Butuh Perbaikan" in failed["PERFORMANCE"]["reason_id"]
    assert "BUTUH_PERBAIKAN" not in failed["PERFORMANCE"]["reason_id"]
    await Agency.filter(id=wo.agency_id).update(
        rule_overrides={"study_requires_good_predikat": False}
    )
    failed = await _refused(wo, RequestKind.FURTHER_STUDY, wf.study(start_date="2024-02-01"))
    assert set(failed) == {"START_IN_FUTURE", "BUDGET"}


async def test_rank_promotion_refusals(db) -> None:
    wo = await wf.workflow_office()
    await Employee.filter(id=wo.office.staff.id).update(
        rank=Rank.III_D, rank_since=date(2022, 1, 1)
    )
    await PerformanceEvaluation.filter(employee_id=wo.office.staff.id, year=2023).update(
        predikat=Predikat.BUTUH_PERBAIKAN
    )
    failed = await _refused(wo, RequestKind.PROMOTION, wf.rank_promotion())
    assert set(failed) == {"YEARS_IN_RANK", "PERFORMANCE", "EDUCATION_CAP"}
    assert "III/d" in failed["EDUCATION_CAP"]["reason_id"]


async def test_missing_evaluation_fails_performance(db) -> None:
    wo = await wf.workflow_office()
    await PerformanceEvaluation.filter(employee_id=wo.office.staff.id, year=2022).delete()
    failed = await _refused(wo, RequestKind.PROMOTION, wf.rank_promotion())
    assert set(failed) == {"PERFORMANCE"}


async def test_position_promotion_requirements(db) -> None:
    wo = await wf.workflow_office()
    target = await wf.factories.position(
        wo.office.agency,
        wo.office.unit,
        "serang-KASUBAG",
        min_education=Education.S2,
        min_rank=Rank.IV_A,
    )
    await type(target).filter(id=target.id).update(min_years_experience=20)
    failed = await _refused(
        wo,
        RequestKind.PROMOTION,
        {"type": "POSITION", "target_position_id": target.id, "reason": "r"},
    )
    assert set(failed) == {"MIN_EDUCATION", "MIN_RANK", "MIN_YEARS"}


async def test_further_study_refusals(db) -> None:
    # given an active moderate penalty and an empty budget
    wo = await wf.workflow_office()
    await DisciplinaryPenalty.create(
        agency=wo.office.agency,
        employee=wo.office.staff,
        level=PenaltyLevel.MODERATE,
        starts_on=date(2024, 1, 1),
    )
    await Budget.filter(agency_id=wo.agency_id).update(committed=Decimal("99000000"))
    details = wf.study(level="S1", accreditation="C", duration_months=60)
    # when
    failed = await _refused(wo, RequestKind.FURTHER_STUDY, details)
    # then (age 34 > 25 for S1; S1 is not above her S1)
    assert set(failed) == {
        "AGE_LIMIT",
        "HIGHER_LEVEL",
        "NO_PENALTY",
        "ACCREDITATION",
        "MAX_DURATION",
        "BUDGET",
    }


async def test_further_study_service_years_setting(db) -> None:
    wo = await wf.workflow_office()
    await Employee.filter(id=wo.office.staff.id).update(appointment_date=date(2023, 3, 1))
    await Agency.filter(id=wo.agency_id).update(rule_overrides={"study_min_service_years": 2})
    failed = await _refused(wo, RequestKind.FURTHER_STUDY, wf.study())
    assert (
        set(failed) == {"SERVICE_YEARS"} and "(required 2)" in failed["SERVICE_YEARS"]["reason_en"]
    )


async def test_penalty_that_ended_does_not_count_and_no_budget_row_fails(db) -> None:
    wo = await wf.workflow_office()
    await DisciplinaryPenalty.create(
        agency=wo.office.agency,
        employee=wo.office.staff,
        level=PenaltyLevel.SEVERE,
        starts_on=date(2020, 1, 1),
        ends_on=date(2021, 1, 1),
    )
    failed = await _refused(wo, RequestKind.FURTHER_STUDY, wf.study(start_date="2026-01-05"))
    assert set(failed) == {"BUDGET"}


async def test_one_open_request_per_kind(db) -> None:
    wo = await wf.workflow_office()
    await service.submit(
        actor=await wo.staff(), kind=RequestKind.PROMOTION, details=wf.rank_promotion()
    )
    with pytest.raises(NotEligible) as error:
        await service.submit(
            actor=await wo.staff(), kind=RequestKind.PROMOTION, details=wf.rank_promotion()
        )
    assert [c["code"] for c in error.value.checks if not c["passed"]] == ["NO_OPEN_REQUEST"]


async def test_no_second_rank_promotion_while_one_waits_for_its_tmt(db) -> None:
    # given a rank promotion approved on 5 June, taking effect on 1 July (TMT)
    wo = await wf.workflow_office()
    first = await wf.to_committee(wo, RequestKind.PROMOTION)
    for member in (await wo.committee())[:2]:
        first = await wf.act(member, first, "APPROVE")
    assert first.state == "APPROVED"
    # when the employee asks for the same promotion again before the TMT
    failed = await _refused(wo, RequestKind.PROMOTION, wf.rank_promotion())
    # then it is refused by the scheduled change, named with its date, in both languages
    assert set(failed) == {"NO_SCHEDULED_CHANGE"}
    check = failed["NO_SCHEDULED_CHANGE"]
    assert "1 Juli 2024" in check["reason_id"] and check["params"]["effective_on"] == "2024-07-01"
    assert check["reference"] == "Jenjang: satu perubahan terjadwal per jenis"
    # and once the TMT has applied it, the scheduled change no longer stands in the way
    clock.freeze(datetime(2024, 7, 1, 0, 5, tzinfo=UTC))
    assert len(await apply_due()) == 1
    failed = await _refused(wo, RequestKind.PROMOTION, wf.rank_promotion())
    assert "NO_SCHEDULED_CHANGE" not in failed and "YEARS_IN_RANK" in failed


async def test_approval_rechecks_the_vacancy_with_the_same_typed_rule(db) -> None:
    # given a rotation waiting for the committee, and someone else placed in the target meanwhile
    wo = await wf.workflow_office()
    request = await wf.to_committee(wo, RequestKind.ROTATION)
    await wf.factories.employee(
        wo.office.agency, wo.office.unit, position=wo.vacancy, birth_date=date(1990, 1, 1)
    )
    members = await wo.committee()
    request = await wf.act(members[0], request, "APPROVE")
    # when the deciding vote would approve it
    with pytest.raises(NotEligible) as error:
        await wf.act(members[1], request, "APPROVE")
    # then the refusal is the submission's own check, with code, both reasons and reference
    (check,) = error.value.checks
    assert check["code"] == "TARGET_VACANT" and not check["passed"]
    assert check["reference"] == "PP 11/2017 Pasal 190"
    assert "penuh" in check["reason_id"] and "full" in check["reason_en"]
    shown = from_domain(error.value, "en")
    assert [(c.code, c.reason_en) for c in shown.checks] == [("TARGET_VACANT", check["reason_en"])]
    assert (await CareerRequest.get(id=request.id)).state == "COMMITTEE_REVIEW"
