"""The training budget is never exceeded; nominations are ranked by gap × talent box."""

import asyncio
from decimal import Decimal

import pytest

from portal.models import AuditEntry, Budget, TrainingNomination
from tests import factories
from tests.merit import factories as mf
from tests.words import english
from workflows.errors import (
    BudgetExceeded,
    NotEligible,
    NotFound,
    NotPermitted,
    StaleVersion,
    ValidationFailed,
)
from workflows.merit.nominations import nomination_candidates
from workflows.merit.training import close_nomination, nominate, set_budget


async def _people(m: mf.MeritOffice, count: int) -> list[int]:
    return [(await factories.employee(m.office.agency, m.office.unit)).id for _ in range(count)]


async def test_nomination_commits_its_cost(db) -> None:
    # given
    mf.freeze()
    m = await mf.merit_office()
    program = await mf.program(m.office.agency, "PIM", "M.01", cost="1000000")
    await mf.budget(m.office.agency, "5000000")
    # when
    await nominate(actor=m.hr, program_id=program.id, employee_id=m.office.staff.id)
    # then
    budget = await Budget.get(agency=m.office.agency, year=2025)
    assert budget.committed == Decimal("1000000") and budget.version == 2
    assert await AuditEntry.filter(action="training.nominate").count() == 1


async def test_nomination_over_budget_is_refused_naming_what_remains(db) -> None:
    # given
    mf.freeze()
    m = await mf.merit_office()
    program = await mf.program(m.office.agency, "PIM", "M.01", cost="1000000")
    await mf.budget(m.office.agency, "1500000")
    first, second = await _people(m, 2)
    await nominate(actor=m.hr, program_id=program.id, employee_id=first)
    # when / then
    with pytest.raises(BudgetExceeded, match=r"tersisa Rp 500\.000") as refused:
        await nominate(actor=m.hr, program_id=program.id, employee_id=second)
    assert "has Rp 500.000 remaining" in english(refused.value)
    assert refused.value.context["remaining"] == Decimal("500000")
    assert await TrainingNomination.all().count() == 1
    assert (await Budget.get(agency=m.office.agency)).committed == Decimal("1000000")


async def test_no_budget_means_no_nomination(db) -> None:
    mf.freeze()
    m = await mf.merit_office()
    program = await mf.program(m.office.agency, "PIM", "M.01")
    with pytest.raises(BudgetExceeded, match="belum ditetapkan") as unset:
        await nominate(actor=m.hr, program_id=program.id, employee_id=m.office.staff.id)
    assert english(unset.value).startswith("No development budget is set for")


async def test_two_concurrent_nominations_cannot_overspend(db) -> None:
    # given: room for one of two
    mf.freeze()
    m = await mf.merit_office()
    program = await mf.program(m.office.agency, "PIM", "M.01", cost="600000")
    await mf.budget(m.office.agency, "1000000")
    first, second = await _people(m, 2)
    # when
    results = await asyncio.gather(
        nominate(actor=m.hr, program_id=program.id, employee_id=first),
        nominate(actor=m.hr, program_id=program.id, employee_id=second),
        return_exceptions=True,
    )
    # then
    assert sum(isinstance(r, TrainingNomination) for r in results) == 1
    assert sum(isinstance(r, BudgetExceeded) for r in results) == 1
    assert (await Budget.get(agency=m.office.agency)).committed == Decimal("600000")


async def test_identical_nominations_racing_give_one_nomination_and_typed_refusals(db) -> None:
    # given: budget for all of them
    mf.freeze()
    m = await mf.merit_office()
    program = await mf.program(m.office.agency, "PIM", "M.01", cost="100000")
    await mf.budget(m.office.agency, "5000000")
    # when: the same nomination, five times at once
    results = await asyncio.gather(
        *[
            nominate(actor=m.hr, program_id=program.id, employee_id=m.office.staff.id)
            for _ in range(5)
        ],
        return_exceptions=True,
    )
    # then: one nomination; every other call a domain refusal (never an IntegrityError)
    assert sum(isinstance(r, TrainingNomination) for r in results) == 1
    assert all(isinstance(r, TrainingNomination | NotEligible | StaleVersion) for r in results)
    assert await TrainingNomination.all().count() == 1
    assert (await Budget.get(agency=m.office.agency)).committed == Decimal("100000")


async def test_completion_spends_and_cancellation_releases(db) -> None:
    # given
    mf.freeze()
    m = await mf.merit_office()
    program = await mf.program(m.office.agency, "PIM", "M.01", cost="400000")
    await mf.budget(m.office.agency, "1000000")
    first, second = await _people(m, 2)
    done = await nominate(actor=m.hr, program_id=program.id, employee_id=first)
    dropped = await nominate(actor=m.hr, program_id=program.id, employee_id=second)
    # when
    await close_nomination(actor=m.hr, nomination_id=done.id, completed=True)
    await close_nomination(actor=m.hr, nomination_id=dropped.id, completed=False)
    # then
    budget = await Budget.get(agency=m.office.agency)
    assert (budget.committed, budget.spent) == (Decimal("0"), Decimal("400000"))
    with pytest.raises(NotEligible, match="masih terbuka") as closed:
        await close_nomination(actor=m.hr, nomination_id=done.id, completed=False)
    assert english(closed.value) == "Only an open nomination can be marked “Cancelled”."


async def test_seats_duplicates_and_permissions(db) -> None:
    # given
    mf.freeze()
    m = await mf.merit_office()
    other = await mf.merit_office("tangsel")
    program = await mf.program(m.office.agency, "PIM", "M.01", cost="1", seats=1)
    await mf.budget(m.office.agency, "100")
    first, second = await _people(m, 2)
    await nominate(actor=m.hr, program_id=program.id, employee_id=first)
    # when / then
    with pytest.raises(NotEligible, match="sudah diusulkan"):
        await nominate(actor=m.hr, program_id=program.id, employee_id=first)
    with pytest.raises(NotEligible, match="kursi") as full:
        await nominate(actor=m.hr, program_id=program.id, employee_id=second)
    assert "seats of this programme are taken" in english(full.value)
    with pytest.raises(NotPermitted):
        await nominate(actor=m.supervisor, program_id=program.id, employee_id=second)
    with pytest.raises(NotFound):
        await nominate(actor=other.hr, program_id=program.id, employee_id=second)


async def test_ceiling_cannot_fall_below_what_is_used(db) -> None:
    # given
    mf.freeze()
    m = await mf.merit_office()
    await set_budget(actor=m.hr, year=2025, ceiling=Decimal("1000"))
    program = await mf.program(m.office.agency, "PIM", "M.01", cost="800")
    await nominate(actor=m.hr, program_id=program.id, employee_id=m.office.staff.id)
    # when / then
    with pytest.raises(ValidationFailed, match="sudah dialokasikan dan dibelanjakan"):
        await set_budget(actor=m.hr, year=2025, ceiling=Decimal("500"))
    raised = await set_budget(actor=m.hr, year=2025, ceiling=Decimal("2000"))
    assert raised.ceiling == Decimal("2000") and raised.committed == Decimal("800")
    with pytest.raises(NotPermitted):
        await set_budget(actor=m.staff, year=2025, ceiling=Decimal("9999"))


async def test_candidates_ranked_by_gap_times_talent_box(db) -> None:
    # given: three holders of positions needing M.01 4
    mf.freeze()
    m = await mf.merit_office()
    ag, unit = m.office.agency, m.office.unit
    program = await mf.program(ag, "PIM", "M.01")
    people = []
    for name, level, box in (
        ("Gap 3 box 1", 1, None),
        ("Gap 2 box 8", 2, 8),
        ("Gap 1 box 9", 3, 9),
    ):
        position = await factories.position(ag, unit)
        await mf.standard(position, {"M.01": 4})
        person = await factories.employee(ag, unit, position=position, name=name)
        await mf.assessment(person, "M.01", level)
        if box:
            await mf.placement(person, 2024, box)
        people.append(person)
    # when
    ranked = await nomination_candidates(actor=m.hr, program_id=program.id)
    # then: 2x8 = 16, 1x9 = 9, 3x1 = 3
    assert [(n.name, n.score) for n in ranked] == [
        ("Gap 2 box 8", 16),
        ("Gap 1 box 9", 9),
        ("Gap 3 box 1", 3),
    ]
