"""Demo performance: annual evaluations, talent boxes and a few disciplinary penalties."""

from __future__ import annotations

import dataclasses
import random
from datetime import date

from portal.demo.specs import EmployeeSpec, EvaluationSpec, PenaltySpec, PositionSpec, TalentSpec
from portal.vocabulary import EmployeeType, PenaltyLevel, Rating
from workflows.merit.scoring import job_person_match, performance_level_of, predikat, talent_box

_WORK = ((Rating.ABOVE, 25), (Rating.AS_EXPECTED, 68), (Rating.BELOW, 7))
_BEHAVIOUR = ((Rating.ABOVE, 30), (Rating.AS_EXPECTED, 65), (Rating.BELOW, 5))


def _pick(rng: random.Random, weighted: tuple[tuple[Rating, int], ...]) -> Rating:
    values, weights = zip(*weighted, strict=True)
    return rng.choices(values, weights=weights)[0]


def supervisors(
    positions: dict[str, PositionSpec], holders: dict[str, list[str]]
) -> dict[str, str | None]:
    """Position code -> NIP of the first holder of the nearest occupied ancestor position."""
    result: dict[str, str | None] = {}
    for code, position in positions.items():
        parent = position.parent_code
        while parent is not None and not holders.get(parent):
            parent = positions[parent].parent_code
        result[code] = holders[parent][0] if parent is not None else None
    return result


def evaluations(
    rng: random.Random, employee: EmployeeSpec, *, ref: date, evaluator: str | None
) -> tuple[EvaluationSpec, ...]:
    """Annual evaluations (PermenPANRB 6/2022) for the two years before ``ref``."""
    rows = []
    for year in (ref.year - 2, ref.year - 1):
        # Only a full evaluation year counts: appointed before the second half of the year.
        if employee.appointment_date < date(year, 7, 1):
            work, behaviour = _pick(rng, _WORK), _pick(rng, _BEHAVIOUR)
            rows.append(EvaluationSpec(year, work, behaviour, evaluator))
    return tuple(rows)


def penalties(rng: random.Random, employee: EmployeeSpec, *, ref: date) -> tuple[PenaltySpec, ...]:
    """About one employee in sixty has a disciplinary penalty (PP 94/2021), some still active."""
    if rng.random() >= 1 / 60:
        return ()
    level = rng.choice((PenaltyLevel.LIGHT, PenaltyLevel.LIGHT, PenaltyLevel.MODERATE))
    starts = date(ref.year - rng.randint(1, 3), rng.randint(1, 12), 1)
    months = 6 if level == PenaltyLevel.LIGHT else 12
    end_month = starts.month + months
    ends = date(starts.year + (end_month - 1) // 12, (end_month - 1) % 12 + 1, 1)
    reason = rng.choice(
        (
            "Tidak masuk kerja tanpa alasan yang sah",
            "Tidak menaati ketentuan jam kerja",
            "Tidak mencapai sasaran kinerja",
        )
    )
    decree = f"862.3/{rng.randint(1, 999):03d}/BKPSDM/{starts.year}"
    return (PenaltySpec(level, starts, ends, decree, reason),)


def one_moderate_in_force(employees: list[EmployeeSpec], *, ref: date) -> list[EmployeeSpec]:
    """Someone with a moderate penalty in force (PP 94/2021): the first penalised employee's
    penalty becomes a 12-month cut of allowance that began last spring, unless one exists."""
    if any(p.level == PenaltyLevel.MODERATE and p.ends_on and p.ends_on > ref
           for e in employees for p in e.penalties):  # fmt: skip
        return employees
    index = next((i for i, e in enumerate(employees) if e.penalties), None)
    if index is None:
        return employees
    first = employees[index].penalties[0]
    starts = date(ref.year - 1, 4, 1)
    moderate = dataclasses.replace(
        first,
        level=PenaltyLevel.MODERATE,
        starts_on=starts,
        ends_on=date(ref.year, 4, 1),
        decree_number=f"862.3/{index % 999 + 1:03d}/BKPSDM/{starts.year}",
    )
    changed = list(employees)
    changed[index] = dataclasses.replace(employees[index], penalties=(moderate,))
    return changed


def talent(employee: EmployeeSpec, position: PositionSpec, *, year: int) -> TalentSpec | None:
    """Talent box (PermenPANRB 3/2020) from the year's predikat and the competency match."""
    if employee.employee_type == EmployeeType.PPPK:
        return None
    evaluation = next((e for e in employee.evaluations if e.year == year), None)
    if evaluation is None:
        return None
    performance = performance_level_of(predikat(evaluation.work_result, evaluation.behaviour))
    achieved = {a.competency_code: a.level for a in employee.assessments}
    ratio = job_person_match(achieved, dict(position.standard)).ratio
    potential = 3 if ratio >= 1.0 else 2 if ratio >= 0.8 else 1
    return TalentSpec(
        employee.nip, year, performance, potential, talent_box(performance, potential)
    )
