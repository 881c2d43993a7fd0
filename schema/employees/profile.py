"""The competency profile: each competency's latest assessed level against the position standard."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import date

import strawberry

from portal import models
from portal.settings import RuleSettings
from portal.statements import Statement
from schema.competencies.types import Competency
from schema.context import Info
from workflows.merit.assessments import Held, score_match, valid_assessments


@strawberry.type(description="One competency: assessed level and what the position requires.")
class CompetencyScore:
    competency: Competency | None
    level: int | None = strawberry.field(
        description="Level of the latest assessment still valid today, if any."
    )
    required_level: int | None = strawberry.field(description="Required by the position.")
    assessed_on: date | None
    method: str | None


@strawberry.type(description="Job-person match (PermenPANRB 38/2017) and the scores behind it.")
class CompetencyProfile:
    scores: list[CompetencyScore]
    match_ratio: float = strawberry.field(description="Achieved ÷ required, 0-1.")
    match_category: str = strawberry.field(description="MEETS, STILL_MEETS or BELOW.")


async def _held(info: Info, employee_id: int) -> dict[str, Held]:
    """Valid assessments of the page's employees, one query per request (only needed columns)."""
    agency_id = info.context.loaders.agency_id

    async def load(ids: Sequence[int]) -> list[dict[str, Held]]:
        if agency_id is None:
            return [{} for _ in ids]
        held = await valid_assessments(ids, agency_id=agency_id)
        return [held[i] for i in ids]

    return await info.context.loaders.custom("valid_assessments", load).load(employee_id)


_OVERRIDES = Statement(
    'SELECT "id", "rule_overrides" FROM "agency" WHERE "id" {in1}',
    [("rule_overrides", models.Agency, "rule_overrides")],
)


async def rules_of(info: Info, agency_id: int) -> RuleSettings:
    """The agency's rule numbers (settings merged with its overrides), read once per request."""
    settings = info.context.settings

    async def load(ids: Sequence[int]) -> list[RuleSettings]:
        found = {row["id"]: row["rule_overrides"] for row in await _OVERRIDES.rows(list(ids))}
        return [settings.rules.merged(found.get(i)) for i in ids]

    return await info.context.loaders.custom("agency_rules", load).load(agency_id)


async def build_profile(info: Info, employee: models.Employee) -> CompetencyProfile:
    """As positionMatch scores the current position: valid assessments, the agency's thresholds."""
    loaders = info.context.loaders
    held = await _held(info, employee.id)
    position_id = employee.position_id
    standard = (
        await loaders.by_parent(models.PositionCompetency, "position_id").load(position_id)
        if position_id is not None
        else []
    )
    required = {row.competency_id: row.required_level for row in standard}
    ids = competency_ids(held, required)
    rows = await loaders.by_id(models.Competency).load_many(ids)
    competencies = {i: Competency.from_model(row) for i, row in zip(ids, rows, strict=True) if row}
    rules = await rules_of(info, employee.agency_id)
    return profile_of(held, required, competencies, rules)


def competency_ids(held: dict[str, Held], required: dict[int, int]) -> list[int]:
    """The competencies a profile scores: assessed or required, in id order."""
    return sorted({h.competency_id for h in held.values()} | set(required))


def profile_of(
    held: dict[str, Held],
    required: dict[int, int],
    competencies: Mapping[int, Competency],
    rules: RuleSettings,
) -> CompetencyProfile:
    """The profile from valid assessments, the position's standard (competency id -> level)."""
    latest = {h.competency_id: h for h in held.values()}
    scores = []
    for competency_id in competency_ids(held, required):
        assessed = latest.get(competency_id)
        scores.append(
            CompetencyScore(
                competency=competencies.get(competency_id),
                level=assessed.level if assessed else None,
                required_level=required.get(competency_id),
                assessed_on=assessed.assessed_on if assessed else None,
                method=assessed.method if assessed else None,
            )
        )
    match = score_match(
        {str(k): v for k, v in latest.items()}, {str(k): v for k, v in required.items()}, rules
    )
    return CompetencyProfile(
        scores=scores, match_ratio=match.ratio, match_category=match.category.value
    )
