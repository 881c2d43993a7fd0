"""Facts of the record the rules need beyond the applicant's row: retirement and credit points.

Read once per request by ``eligibility.gather``: the retirement date of the current position's
BUP, and for a functional officer the level and the credit points earned in the current rank
(recorded entries, and for a completed year without one the conversion of its annual predikat).
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Any

from portal.models import CreditPointEntry, Employee, PerformanceEvaluation, Position
from portal.settings import RuleSettings
from portal.vocabulary import EvaluationPeriod, PositionKind, Predikat
from workflows.career.rules.functional import converted_points
from workflows.personnel.retirement import retirement_age, retirement_date


async def record_facts(applicant: Employee, today: date, rule: RuleSettings) -> dict[str, Any]:
    """``retires_on``, ``functional_level`` and ``credit_points`` of the applicant."""
    position = None
    if applicant.position_id is not None:
        position = await Position.get_or_none(id=applicant.position_id)
    kind = PositionKind(position.kind) if position is not None else None
    level = position.functional_level if position is not None else None
    age = retirement_age(kind, level)
    facts: dict[str, Any] = {"retires_on": retirement_date(applicant.birth_date, age)}
    if kind == PositionKind.FUNGSIONAL:
        facts["functional_level"] = level or ""
        facts["credit_points"] = await points_in_rank(applicant, level, today, rule)
    return facts


async def points_in_rank(
    applicant: Employee, level: str | None, today: date, rule: RuleSettings
) -> Decimal:
    """Credit points of the years since the rank's TMT: recorded, else converted from predikat."""
    since = applicant.rank_since or applicant.appointment_date
    recorded: dict[int, Decimal] = {}
    for row in await CreditPointEntry.filter(employee_id=applicant.id, year__gte=since.year).values(
        "year", "points"
    ):
        recorded[row["year"]] = recorded.get(row["year"], Decimal(0)) + Decimal(row["points"])
    predikats = {
        row["year"]: Predikat(row["predikat"])
        for row in await PerformanceEvaluation.filter(
            employee_id=applicant.id,
            period=EvaluationPeriod.ANNUAL,
            year__gte=since.year,
            year__lt=today.year,
        ).values("year", "predikat")
    }
    total = sum(recorded.values(), Decimal(0))
    for year, predikat in predikats.items():
        if year not in recorded:
            total += converted_points(level, predikat, rule)
    return total
