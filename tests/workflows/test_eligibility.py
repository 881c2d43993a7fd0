"""Eligibility rules: each failing rule refuses the submission with its code and both reasons."""

from datetime import date
from decimal import Decimal

import pytest

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
    PenaltyLevel,
    Predikat,
    Rank,
    RequestKind,
)
from tests.workflows import factories as wf
from workflows.career import service
from workflows.errors import NotEligible


async def _refused(wo, kind, details) -> dict[str, dict]:
    with pytest.raises(NotEligible) as error:
        await service.submit(actor=await wo.staff(), kind=kind, details=details)
    assert await CareerRequest.all().count() == 0
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


async def test_rotation_to_own_position_and_too_long_uses_agency_override(db) -> None:
    wo = await wf.workflow_office()
    await Agency.filter(id=wo.agency_id).update(rule_overrides={"rotation_max_years": 3})
    failed = await _refused(wo, RequestKind.ROTATION, wf.rotation(await wo.office.staff.position))
    assert set(failed) == {"TARGET_DIFFERENT", "TARGET_VACANT", "YEARS_IN_POSTING"}
    assert "2-3" in failed["YEARS_IN_POSTING"]["reason_en"]


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
