"""The competency dictionary and the positions' competency standards, edited by HR.

PermenPANRB 38/2017: technical, managerial (M.01-M.08) and socio-cultural competencies, each
with five levels described by a descriptor and behavioural indicators; a position's standard
(standar kompetensi jabatan) names the level it requires of each competency.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from tortoise.transactions import in_transaction

from portal.models import Competency, CompetencyLevel, PositionCompetency
from portal.viewer import Viewer
from portal.vocabulary import CompetencyCategory
from workflows import audit
from workflows.access import require_hr
from workflows.merit.bounds import LEVELS
from workflows.merit.lookups import actor_name, position_in_agency
from workflows.messages import invalid, missing


@dataclass(frozen=True)
class LevelInput:
    level: int
    description: str
    indicators: Sequence[str] = ()


@dataclass(frozen=True)
class CompetencyInput:
    """A competency of the dictionary with all five levels."""

    code: str
    name: str
    category: CompetencyCategory
    levels: Sequence[LevelInput]
    name_en: str = ""
    description: str = ""
    active: bool = True


def _validate(data: CompetencyInput) -> None:
    if not data.code.strip():
        raise invalid("errors.competency.code", field="code")
    if not data.name.strip():
        raise invalid("errors.competency.name", field="name")
    numbers = sorted(level.level for level in data.levels)
    if numbers != list(LEVELS):
        raise invalid("errors.competency.levels", field="levels", got=", ".join(map(str, numbers)))
    for level in data.levels:
        if not level.description.strip():
            raise invalid("errors.competency.descriptor", field="levels", level=level.level)
        if not [i for i in level.indicators if i.strip()]:
            raise invalid("errors.competency.indicator", field="levels", level=level.level)


async def _snapshot(competency: Competency, conn: Any) -> dict[str, Any]:
    levels = (
        await CompetencyLevel.filter(competency_id=competency.id)
        .using_db(conn)
        .order_by("level")
        .values("level", "description", "indicators")
    )
    return {
        "code": competency.code,
        "name": competency.name,
        "category": competency.category,
        "description": competency.description,
        "active": competency.active,
        "levels": levels,
    }


async def save_competency(*, actor: Viewer, data: CompetencyInput) -> Competency:
    """Create or update (by code) a competency with its five levels; audited."""
    require_hr(actor, "errors.hr_only.competency_dictionary")
    _validate(data)
    code = data.code.strip()
    async with in_transaction() as conn:
        competency = (
            await Competency.filter(agency_id=actor.agency_id, code=code).using_db(conn).first()
        )
        before = await _snapshot(competency, conn) if competency else None
        values = {
            "name": data.name.strip(),
            "name_en": data.name_en.strip(),
            "category": data.category,
            "description": data.description.strip(),
            "active": data.active,
        }
        if competency is None:
            competency = await Competency.create(
                using_db=conn, agency_id=actor.agency_id, code=code, **values
            )
        else:
            competency.update_from_dict(values)
            await competency.save(using_db=conn)
        await CompetencyLevel.filter(competency_id=competency.id).using_db(conn).delete()
        for level in sorted(data.levels, key=lambda lv: lv.level):
            await CompetencyLevel.create(
                using_db=conn,
                agency_id=actor.agency_id,
                competency=competency,
                level=level.level,
                description=level.description.strip(),
                indicators=[i.strip() for i in level.indicators if i.strip()],
            )
        await audit.append(
            conn,
            agency_id=actor.agency_id,
            actor=actor_name(actor),
            action="competency.update" if before else "competency.create",
            subject_type="competency",
            subject_id=competency.id,
            before=before,
            after=await _snapshot(competency, conn),
        )
    return competency


async def competency_by_code(actor: Viewer, code: str) -> Competency:
    """A competency of the actor's agency, or NotFound."""
    found = await Competency.get_or_none(agency_id=actor.agency_id, code=code.strip())
    if found is None:
        raise missing("errors.competency.missing", field="competency", code=code.strip())
    return found


async def list_competencies(
    *, actor: Viewer, category: CompetencyCategory | None = None, include_inactive: bool = False
) -> list[Competency]:
    """The agency's dictionary, by code; every member of the agency may read it."""
    query = Competency.filter(agency_id=actor.agency_id)
    if category is not None:
        query = query.filter(category=category)
    if not include_inactive:
        query = query.filter(active=True)
    return await query.order_by("code").prefetch_related("levels")


async def standard_of(position_ids: Sequence[int]) -> dict[int, dict[str, int]]:
    """Required level per competency code for each position, in one query."""
    rows = await PositionCompetency.filter(position_id__in=list(position_ids)).values(
        "position_id", "required_level", "competency__code"
    )
    standards: dict[int, dict[str, int]] = {pid: {} for pid in position_ids}
    for row in rows:
        standards[row["position_id"]][row["competency__code"]] = row["required_level"]
    return standards


async def set_position_standard(
    *, actor: Viewer, position_id: int, requirements: Mapping[str, int]
) -> dict[str, int]:
    """Replace a position's competency standard (code -> required level 1-5); audited."""
    require_hr(actor, "errors.hr_only.position_standards")
    position = await position_in_agency(actor, position_id)
    for code, level in requirements.items():
        if level not in LEVELS:
            raise invalid(
                "errors.competency.required_level", field="requirements", code=code, value=level
            )
    found = await Competency.filter(
        agency_id=actor.agency_id, code__in=list(requirements), active=True
    ).values_list("code", "id")
    ids = dict(found)
    unknown = sorted(set(requirements) - set(ids))
    if unknown:
        raise missing("errors.competency.unknown", field="requirements", codes=", ".join(unknown))
    before = (await standard_of([position.id]))[position.id]
    async with in_transaction() as conn:
        await PositionCompetency.filter(position_id=position.id).using_db(conn).delete()
        for code, level in sorted(requirements.items()):
            await PositionCompetency.create(
                using_db=conn,
                agency_id=actor.agency_id,
                position=position,
                competency_id=ids[code],
                required_level=level,
            )
        await audit.append(
            conn,
            agency_id=actor.agency_id,
            actor=actor_name(actor),
            action="position.standard",
            subject_type="position",
            subject_id=position.id,
            before={"requirements": before},
            after={"requirements": dict(sorted(requirements.items()))},
        )
    return dict(requirements)
