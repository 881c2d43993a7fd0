"""The agency's structure: org units (create, rename, move) and positions (create, close, set
requirements). The checks are the import's: codes unique in the agency, bounds of the class,
formasi and experience, and no loop in either tree.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from tortoise.backends.base.client import BaseDBAsyncClient
from tortoise.exceptions import IntegrityError
from tortoise.transactions import in_transaction

from portal.models import Employee, OrgUnit, Position
from portal.viewer import Viewer
from portal.vocabulary import Education, OrgUnitKind, PositionKind, Rank
from workflows import audit
from workflows.messages import invalid
from workflows.personnel.access import (
    actor_name,
    check_date,
    check_text,
    org_unit_of,
    position_of,
    require_keeper,
)
from workflows.personnel.status import LEAVING

CLASSES = range(1, 18)  # kelas jabatan 1-17
MAX_CAPACITY = 10_000  # formasi of one position (a SMALLINT column)
MAX_YEARS_EXPERIENCE = 60  # a working life


def closes_loop(parents: dict[int, int | None], node: int, new_parent: int | None) -> bool:
    """Whether making ``new_parent`` the parent of ``node`` puts ``node`` above itself."""
    seen: set[int] = set()
    current = new_parent
    while current is not None and current not in seen:
        if current == node:
            return True
        seen.add(current)
        current = parents.get(current)
    return False


async def create_org_unit(
    *, actor: Viewer, code: str, name: str, kind: OrgUnitKind, parent_id: int | None
) -> OrgUnit:
    require_keeper(actor)
    code = check_text(code, field="code", limit=32)
    name = check_text(name, field="name", limit=200)
    parent = await org_unit_of(actor, parent_id, "parentId") if parent_id is not None else None
    if await OrgUnit.exists(agency_id=actor.agency_id, code=code):
        raise invalid("records.invalid.code_taken", field="code", code=code)
    try:
        async with in_transaction() as conn:
            unit = await OrgUnit.create(
                using_db=conn,
                agency_id=actor.agency_id,
                code=code,
                name=name,
                kind=kind,
                parent=parent,
            )
            after = {"code": code, "name": name, "kind": kind, "parent_id": parent_id}
            await _audit(conn, actor, "org_unit", unit.id, "org_unit.create", None, after)
    except IntegrityError:
        raise invalid("records.invalid.code_taken", field="code", code=code) from None
    return unit


async def rename_org_unit(*, actor: Viewer, org_unit_id: int, name: str) -> OrgUnit:
    require_keeper(actor)
    name = check_text(name, field="name", limit=200)
    unit = await org_unit_of(actor, org_unit_id)
    if unit.name == name:
        return unit
    async with in_transaction() as conn:
        before = {"name": unit.name}
        unit.name = name
        await unit.save(using_db=conn, update_fields=["name"])
        await _audit(conn, actor, "org_unit", unit.id, "org_unit.rename", before, {"name": name})
    return unit


async def move_org_unit(*, actor: Viewer, org_unit_id: int, parent_id: int | None) -> OrgUnit:
    """Put a unit (with its subtree) under another; never under itself or its own subtree."""
    require_keeper(actor)
    unit = await org_unit_of(actor, org_unit_id)
    if parent_id is not None:
        await org_unit_of(actor, parent_id, "parentId")
    old = unit.parent_id
    if old == parent_id:
        return unit
    async with in_transaction() as conn:
        rows = (
            await OrgUnit.filter(agency_id=actor.agency_id)
            .using_db(conn)
            .values_list("id", "parent_id")
        )
        if closes_loop(dict(rows), unit.id, parent_id):
            raise invalid("records.invalid.loop", field="parentId")
        await OrgUnit.filter(id=unit.id).using_db(conn).update(parent_id=parent_id)
        unit.parent_id = parent_id
        await _audit(
            conn,
            actor,
            "org_unit",
            unit.id,
            "org_unit.move",
            {"parent_id": old},
            {"parent_id": parent_id},
        )
    return unit


@dataclass(frozen=True)
class Requirements:
    """What a position asks of its holder, and how many it holds (formasi)."""

    min_education: Education
    min_rank: Rank
    min_years_experience: int = 0
    capacity: int = 1
    position_class: int | None = None  # unchanged when None


def _check_requirements(data: Requirements) -> dict[str, Any]:
    if not 0 <= data.min_years_experience <= MAX_YEARS_EXPERIENCE:
        raise invalid(
            "records.invalid.range", field="minYearsExperience", low=0, high=MAX_YEARS_EXPERIENCE
        )
    if not 1 <= data.capacity <= MAX_CAPACITY:
        raise invalid("records.invalid.range", field="capacity", low=1, high=MAX_CAPACITY)
    if data.position_class is not None and data.position_class not in CLASSES:
        raise invalid("records.invalid.range", field="positionClass", low=1, high=17)
    values: dict[str, Any] = {
        "min_education": data.min_education,
        "min_rank": data.min_rank,
        "min_years_experience": data.min_years_experience,
        "capacity": data.capacity,
    }
    if data.position_class is not None:
        values["position_class"] = data.position_class
    return values


@dataclass(frozen=True)
class PositionInput:
    code: str
    title: str
    kind: PositionKind
    org_unit_id: int
    position_class: int
    requirements: Requirements
    parent_id: int | None = None
    functional_level: str | None = None


async def create_position(*, actor: Viewer, data: PositionInput) -> Position:
    require_keeper(actor)
    code = check_text(data.code, field="code", limit=40)
    title = check_text(data.title, field="title", limit=200)
    level = data.functional_level
    if level is not None:
        level = check_text(level, field="functionalLevel", limit=32, required=False) or None
    if (data.kind == PositionKind.FUNGSIONAL) != (level is not None):
        raise invalid("records.invalid.functional_level", field="functionalLevel")
    if data.position_class not in CLASSES:
        raise invalid("records.invalid.range", field="positionClass", low=1, high=17)
    values = _check_requirements(data.requirements)
    unit = await org_unit_of(actor, data.org_unit_id)
    parent = (
        await position_of(actor, data.parent_id, "parentId") if data.parent_id is not None else None
    )
    if parent is not None and parent.closed_on is not None:
        raise invalid("records.invalid.position_closed", field="parentId", code=parent.code)
    if await Position.exists(agency_id=actor.agency_id, code=code):
        raise invalid("records.invalid.code_taken", field="code", code=code)
    values.update(
        code=code,
        title=title,
        kind=data.kind,
        functional_level=level,
        position_class=data.position_class,
    )
    try:
        async with in_transaction() as conn:
            position = await Position.create(
                using_db=conn, agency_id=actor.agency_id, org_unit=unit, parent=parent, **values
            )
            after = {**values, "org_unit_id": unit.id, "parent_id": data.parent_id}
            await _audit(conn, actor, "position", position.id, "position.create", None, after)
    except IntegrityError:
        raise invalid("records.invalid.code_taken", field="code", code=code) from None
    return position


async def set_requirements(*, actor: Viewer, position_id: int, data: Requirements) -> Position:
    require_keeper(actor)
    values = _check_requirements(data)
    position = await position_of(actor, position_id)
    held = await _holders(position.id)
    if data.capacity < held:
        raise invalid("records.invalid.capacity_below_holders", field="capacity", holders=held)
    changed = {k: v for k, v in values.items() if getattr(position, k) != v}
    if not changed:
        return position
    async with in_transaction() as conn:
        before = {k: getattr(position, k) for k in changed}
        position.update_from_dict(changed)
        await position.save(using_db=conn, update_fields=list(changed))
        await _audit(conn, actor, "position", position.id, "position.requirements", before, changed)
    return position


async def close_position(
    *, actor: Viewer, position_id: int, closed_on: date, reason: str
) -> Position:
    """Close a position nobody holds; its history stays, it takes no new holder."""
    require_keeper(actor)
    check_date(closed_on, field="closedOn")
    reason = check_text(reason, field="reason", limit=1000)
    position = await position_of(actor, position_id)
    if position.closed_on is not None:
        raise invalid("records.invalid.position_closed", field="positionId", code=position.code)
    if await _holders(position.id):
        raise invalid("records.invalid.position_held", field="positionId", code=position.code)
    async with in_transaction() as conn:
        await (
            Position.filter(id=position.id, closed_on=None)
            .using_db(conn)
            .update(closed_on=closed_on)
        )
        position.closed_on = closed_on
        await _audit(
            conn,
            actor,
            "position",
            position.id,
            "position.close",
            None,
            {"closed_on": closed_on, "reason": reason},
        )
    return position


async def _holders(position_id: int) -> int:
    return await Employee.filter(position_id=position_id).exclude(status__in=LEAVING).count()


async def _audit(
    conn: BaseDBAsyncClient,
    actor: Viewer,
    subject_type: str,
    subject_id: int,
    action: str,
    before: dict[str, Any] | None,
    after: dict[str, Any],
) -> None:
    await audit.append(
        conn,
        agency_id=actor.agency_id,
        actor=actor_name(actor),
        action=action,
        subject_type=subject_type,
        subject_id=subject_id,
        before=before,
        after=after,
    )
