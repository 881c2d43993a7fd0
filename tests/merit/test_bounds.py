"""Years, levels, hours and amounts out of range are refused before touching the database."""

from dataclasses import replace
from datetime import date
from decimal import Decimal
from typing import Any

import pytest

from portal.models import AuditEntry, Budget, DevelopmentPlan, TrainingProgram
from portal.vocabulary import EvaluationPeriod, FeedbackRelation, Rating
from tests.merit import factories as mf
from tests.merit.test_graphql import run
from tests.words import english
from workflows.errors import ValidationFailed
from workflows.merit.assessments import AssessmentInput, record_assessment
from workflows.merit.development import generate_development_plan
from workflows.merit.feedback import feedback_for, invite_feedback
from workflows.merit.performance import EvaluationInput, record_evaluation
from workflows.merit.talent import place_talent
from workflows.merit.training import ProgramInput, save_training_program, set_budget

SET_BUDGET = """
mutation Budget($input: SetBudgetInput!) {
  setBudget(input: $input) {
    __typename
    ... on ValidationFailed { message field }
    ... on BudgetSet { budget { year } }
  }
}
"""


def _program(**changes: Any) -> ProgramInput:
    """A valid programme, with ``changes`` (field values) in place of the defaults."""
    valid = ProgramInput(
        code="PIM",
        title="Pelatihan kepemimpinan",
        year=2025,
        hours=40,
        cost=Decimal("1000000"),
        competency_code="M.01",
    )
    return replace(valid, **changes)


async def test_a_too_large_year_is_refused_and_changes_nothing(db) -> None:
    # given
    mf.freeze()
    m = await mf.merit_office()
    # when / then
    with pytest.raises(
        ValidationFailed, match="year harus berupa tahun antara 2000 dan 2100"
    ) as refused:
        await set_budget(actor=m.hr, year=40000, ceiling=Decimal("1000000"))
    assert english(refused.value) == "year must be between 2000 and 2100, got 40000."
    assert refused.value.field == "year"
    assert await Budget.all().count() == 0
    assert await AuditEntry.filter(action="budget.set").count() == 0


async def test_a_negative_amount_is_refused_and_changes_nothing(db) -> None:
    # given
    mf.freeze()
    m = await mf.merit_office()
    audited = await AuditEntry.all().count()
    # when / then
    with pytest.raises(ValidationFailed, match="cost tidak boleh negatif") as refused:
        await save_training_program(actor=m.hr, data=_program(cost=Decimal("-1")))
    assert refused.value.field == "cost"
    with pytest.raises(ValidationFailed, match="ceiling tidak boleh negatif") as ceiling:
        await set_budget(actor=m.hr, year=2025, ceiling=Decimal("-5"))
    assert english(ceiling.value) == "ceiling cannot be negative."
    assert await TrainingProgram.all().count() == 0
    assert await Budget.all().count() == 0
    assert await AuditEntry.all().count() == audited


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"year": 1999}, "year"),
        ({"hours": 40000}, "hours"),
        ({"hours": 0}, "hours"),
        ({"cost": Decimal("1E+12")}, "cost"),
        ({"cost": Decimal("10.005")}, "cost"),
        ({"cost": Decimal("NaN")}, "cost"),
        ({"target_level": 6}, "targetLevel"),
        ({"seats": 40000}, "seats"),
    ],
)
async def test_programme_numbers_beyond_their_range_are_refused(db, changes, field) -> None:
    # given
    mf.freeze()
    m = await mf.merit_office()
    # when / then
    with pytest.raises(ValidationFailed) as refused:
        await save_training_program(actor=m.hr, data=_program(**changes))
    assert refused.value.field == field
    assert await TrainingProgram.all().count() == 0


async def test_years_and_levels_of_other_merit_services_are_checked(db) -> None:
    # given
    mf.freeze()
    m = await mf.merit_office()
    staff = m.office.staff.id
    audited = await AuditEntry.all().count()
    # when / then: each refusal names its field and writes nothing
    with pytest.raises(ValidationFailed, match="year") as refused:
        await generate_development_plan(actor=m.hr, employee_id=staff, year=32768)
    assert refused.value.field == "year"
    with pytest.raises(ValidationFailed, match="year"):
        await place_talent(actor=m.hr, employee_id=staff, year=-1, potential_level=2)
    with pytest.raises(ValidationFailed, match="year"):
        await invite_feedback(
            actor=m.hr,
            employee_id=staff,
            invitee_id=m.office.supervisor.id,
            relation=FeedbackRelation.PEER,
            year=99999,
        )
    with pytest.raises(ValidationFailed, match="year"):
        await feedback_for(actor=m.hr, employee_id=staff, year=99999)
    with pytest.raises(ValidationFailed, match="year"):
        await record_evaluation(
            actor=m.supervisor,
            data=EvaluationInput(staff, 40000, EvaluationPeriod.ANNUAL, Rating.ABOVE, Rating.ABOVE),
        )
    with pytest.raises(ValidationFailed, match="Level harus 1-5") as level:
        await record_assessment(
            actor=m.hr,
            data=AssessmentInput(staff, "M.01", 40000, "uji kompetensi", date(2025, 1, 2)),
        )
    assert level.value.field == "level"
    assert await DevelopmentPlan.all().count() == 0
    assert await AuditEntry.all().count() == audited


async def test_set_budget_over_graphql_answers_a_validation_error(db) -> None:
    # given
    mf.freeze()
    m = await mf.merit_office()
    # when
    data = await run(m.hr, SET_BUDGET, input={"year": 40000, "ceiling": "1000000"})
    # then
    payload = data["setBudget"]
    assert payload["__typename"] == "ValidationFailed"
    assert payload["field"] == "year"
    assert "antara 2000 dan 2100" in payload["message"]
    assert await Budget.all().count() == 0
