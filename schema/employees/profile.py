"""The competency profile: each competency's latest assessed level against the position standard."""

from __future__ import annotations

from datetime import date

import strawberry

from portal import models
from schema.competencies.types import Competency
from schema.context import Info
from workflows.merit.scoring import job_person_match


@strawberry.type(description="One competency: assessed level and what the position requires.")
class CompetencyScore:
    competency: Competency | None
    level: int | None = strawberry.field(description="Latest assessed level, if any.")
    required_level: int | None = strawberry.field(description="Required by the position.")
    assessed_on: date | None
    method: str | None


@strawberry.type(description="Job-person match (PermenPANRB 38/2017) and the scores behind it.")
class CompetencyProfile:
    scores: list[CompetencyScore]
    match_ratio: float = strawberry.field(description="Achieved ÷ required, 0-1.")
    match_category: str = strawberry.field(description="MEETS, STILL_MEETS or BELOW.")


async def build_profile(info: Info, employee: models.Employee) -> CompetencyProfile:
    loaders = info.context.loaders
    assessments = await loaders.by_parent(
        models.Assessment, "employee_id", order_by=("-assessed_on", "-id")
    ).load(employee.id)
    position_id = employee.position_id  # type: ignore[attr-defined]
    standard = (
        await loaders.by_parent(models.PositionCompetency, "position_id").load(position_id)
        if position_id is not None
        else []
    )
    latest: dict[int, models.Assessment] = {}
    for row in assessments:
        latest.setdefault(row.competency_id, row)  # type: ignore[attr-defined]
    required = {row.competency_id: row.required_level for row in standard}  # type: ignore[attr-defined]
    ids = sorted(set(latest) | set(required))
    competencies = await loaders.by_id(models.Competency).load_many(ids)
    scores = []
    for competency_id, competency in zip(ids, competencies, strict=True):
        assessed = latest.get(competency_id)
        scores.append(
            CompetencyScore(
                competency=Competency.from_model(competency) if competency else None,
                level=assessed.level if assessed else None,
                required_level=required.get(competency_id),
                assessed_on=assessed.assessed_on if assessed else None,
                method=assessed.method if assessed else None,
            )
        )
    rules = info.context.settings.rules
    match = job_person_match(
        {str(k): v.level for k, v in latest.items()},
        {str(k): v for k, v in required.items()},
        meets=rules.match_meets,
        still_meets=rules.match_still_meets,
    )
    return CompetencyProfile(
        scores=scores, match_ratio=match.ratio, match_category=match.category.value
    )
