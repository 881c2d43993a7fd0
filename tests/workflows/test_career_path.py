"""Service tests of the credit-point path and the retirement rule, on the real databases."""

from datetime import date
from decimal import Decimal

import pytest

from portal.models import CreditPointEntry, Employee, Position
from portal.vocabulary import PositionKind, RequestKind
from tests.workflows import factories as wf
from workflows.career import service
from workflows.errors import NotEligible


async def _functional(wo: wf.WorkflowOffice, level: str, rank_since: date) -> None:
    staff = wo.office.staff
    await Position.filter(id=staff.position_id).update(
        kind=PositionKind.FUNGSIONAL, functional_level=level
    )
    await Employee.filter(id=staff.id).update(rank_since=rank_since)


async def test_a_functional_officer_rises_after_two_years_with_the_rank_credit_points(db) -> None:
    # given an ahli muda 2.4 years in III/a: 25 points recorded for 2022, 2023 converted (Baik: 25)
    wo = await wf.workflow_office()
    await _functional(wo, "Ahli Muda", date(2022, 1, 3))
    await CreditPointEntry.create(
        agency_id=wo.agency_id,
        employee_id=wo.office.staff.id,
        year=2022,
        points=Decimal("25"),
        basis="predikat",
    )
    # when
    request = await service.submit(
        actor=await wo.staff(), kind=RequestKind.PROMOTION, details=wf.rank_promotion()
    )
    # then the credit-point path decides, not the 4-year rule
    checks = {c["code"]: c for c in request.eligibility["checks"]}
    assert checks["CREDIT_POINTS"]["passed"] and checks["CREDIT_POINTS"]["params"]["has"] == 50
    assert checks["YEARS_IN_RANK"]["reference"] == "PermenPANRB 1/2023"


async def test_a_functional_officer_short_of_credit_points_is_refused(db) -> None:
    # given an ahli pertama: two years rated Baik give 2 x 12.5 = 25 of the 50 points needed
    wo = await wf.workflow_office()
    await _functional(wo, "Ahli Pertama", date(2022, 1, 3))
    # when / then
    with pytest.raises(NotEligible) as refused:
        await service.submit(
            actor=await wo.staff(), kind=RequestKind.PROMOTION, details=wf.rank_promotion()
        )
    failed = {c["code"]: c for c in refused.value.checks if not c["passed"]}
    assert set(failed) == {"CREDIT_POINTS"}
    assert (
        "25" in failed["CREDIT_POINTS"]["reason_en"]
        and "50" in failed["CREDIT_POINTS"]["reason_en"]
    )


async def test_a_promotion_taking_effect_after_retirement_is_refused(db) -> None:
    # given a pelaksana (BUP 58) born 10 June 1966: retires on 1 July 2024, the TMT of a
    # promotion approved in June
    wo = await wf.workflow_office()
    await Employee.filter(id=wo.office.staff.id).update(birth_date=date(1966, 6, 10))
    # when / then
    with pytest.raises(NotEligible) as refused:
        await service.submit(
            actor=await wo.staff(), kind=RequestKind.PROMOTION, details=wf.rank_promotion()
        )
    failed = {c["code"]: c for c in refused.value.checks if not c["passed"]}
    assert set(failed) == {"BEFORE_RETIREMENT"}
    assert "1 Juli 2024" in failed["BEFORE_RETIREMENT"]["reason_id"]
    assert "Pasal 239" in failed["BEFORE_RETIREMENT"]["reason_id"]
