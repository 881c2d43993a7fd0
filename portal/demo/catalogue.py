"""Demo training catalogue, last year's completed nominations and the yearly budgets."""

from __future__ import annotations

import random
from decimal import Decimal

from portal.demo.specs import BudgetSpec, EmployeeSpec, NominationSpec, PositionSpec, ProgramSpec
from portal.demo.technical import PROGRAMS

_MILLION = Decimal(1_000_000)


def programs(rng: random.Random, *, years: tuple[int, ...], city: str) -> tuple[ProgramSpec, ...]:
    """One programme per competency and year; costs in rupiah per participant."""
    rows = []
    for year in years:
        for competency, (title, provider, hours) in PROGRAMS.items():
            cost = Decimal(rng.randrange(15, 75)) * Decimal(100_000)
            rows.append(
                ProgramSpec(
                    code=f"DIK-{year}-{competency.replace('.', '')}",
                    title=title,
                    competency_code=competency,
                    target_level=rng.randint(2, 4),
                    provider=f"{provider} {city}" if provider == "BKPSDM" else provider,
                    hours=hours,
                    cost=cost,
                    seats=rng.choice((20, 25, 30, 40)),
                    year=year,
                )
            )
    return tuple(rows)


def nominations(
    rng: random.Random,
    employees: list[EmployeeSpec],
    positions: dict[str, PositionSpec],
    catalogue: tuple[ProgramSpec, ...],
    *,
    year: int,
) -> tuple[NominationSpec, ...]:
    """Completed nominations of ``year`` for about one employee in six, for their largest gap."""
    by_competency = {p.competency_code: p for p in catalogue if p.year == year}
    rows = []
    for employee in employees:
        if rng.random() >= 1 / 6:
            continue
        achieved = {a.competency_code: a.level for a in employee.assessments}
        gaps = [
            (required - achieved.get(code, 0), code)
            for code, required in positions[employee.position_code].standard
        ]
        gap, code = max(gaps)
        program = by_competency.get(code if gap > 0 else "M.05")
        if program is not None:
            rows.append(NominationSpec(program.code, employee.nip, year, program.cost, "COMPLETED"))
    return tuple(rows)


def budgets(
    rng: random.Random, *, year: int, spent_last_year: Decimal, headcount: int
) -> tuple[BudgetSpec, ...]:
    """Last year's budget (``spent`` from its nominations), this year's and next year's."""
    # Room for training plus a few further-study grants (tugas belajar) a year.
    ceiling = Decimal(headcount) * Decimal(rng.randrange(50, 70)) * 100_000 + 500 * _MILLION
    last_ceiling = _round_up(max(ceiling * Decimal("0.9"), spent_last_year))
    zero = Decimal("0.00")
    return (
        BudgetSpec(year - 1, last_ceiling, zero, spent_last_year),
        BudgetSpec(year, _round_up(ceiling), zero, zero),
        BudgetSpec(year + 1, _round_up(ceiling * Decimal("1.05")), zero, zero),
    )


def _round_up(amount: Decimal) -> Decimal:
    """Up to whole millions of rupiah."""
    millions = -(-amount // _MILLION)
    return (millions * _MILLION).quantize(Decimal("0.01"))
