"""Positions (jabatan) from the national system's export, keyed by code; org units on the way."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from tortoise.backends.base.client import BaseDBAsyncClient

from portal.models import OrgUnit, Position
from portal.viewer import Viewer
from portal.vocabulary import Education, OrgUnitKind, PositionKind, Rank
from workflows import audit
from workflows.importer._rows import Row, RowInvalid
from workflows.merit.lookups import actor_name
from workflows.messages import Text
from workflows.personnel.structure import MAX_CAPACITY, MAX_YEARS_EXPERIENCE

REQUIRED = (
    "KODE_JABATAN",
    "NAMA_JABATAN",
    "JENIS_JABATAN",
    "KELAS_JABATAN",
    "KODE_UNOR",
    "PENDIDIKAN_MINIMAL",
    "GOLONGAN_MINIMAL",
)
_KIND = {
    "STRUKTURAL_PELAKSANA": PositionKind.PELAKSANA,
    "JFU": PositionKind.PELAKSANA,
    "JFT": PositionKind.FUNGSIONAL,
    "JPT": PositionKind.JPT_PRATAMA,
}


@dataclass(frozen=True)
class PositionRow:
    code: str
    title: str
    kind: PositionKind
    functional_level: str | None
    position_class: int
    unit_code: str
    unit_name: str
    unit_kind: OrgUnitKind
    parent_code: str | None
    min_education: Education
    min_rank: Rank
    min_years_experience: int
    capacity: int


def key_of(row: Row) -> str:
    return row.get("KODE_JABATAN")


async def lookups(agency_id: int, rows: list[Row]) -> dict[str, Any]:
    """Known units and positions (with their parents, to find loops), fetched once."""
    positions = await Position.filter(agency_id=agency_id).values("code", "parent__code")
    return {
        "units": set(await OrgUnit.filter(agency_id=agency_id).values_list("code", flat=True)),
        "parents": {p["code"]: p["parent__code"] for p in positions},
        "in_file": {key_of(r) for r in rows},
    }


def parse(row: Row, known: dict[str, Any]) -> PositionRow:
    code = row.required("KODE_JABATAN")
    position_class = row.integer("KELAS_JABATAN")
    if not 1 <= position_class <= 17:
        raise RowInvalid("import.row.class_range", value=position_class)
    capacity = row.integer("KEBUTUHAN", default=1)
    if not 1 <= capacity <= MAX_CAPACITY:
        raise RowInvalid("import.row.capacity_range", high=MAX_CAPACITY, value=capacity)
    unit_code = row.required("KODE_UNOR")
    unit_name = row.get("NAMA_UNOR")
    if unit_code not in known["units"] and not unit_name:
        raise RowInvalid("import.row.unit_new", code=unit_code)
    parent = row.get("KODE_JABATAN_ATASAN") or None
    if parent == code:
        raise RowInvalid("import.row.own_parent")
    if parent and parent not in known["parents"] and parent not in known["in_file"]:
        raise RowInvalid("import.row.unknown_parent", code=parent)
    min_code = row.required("GOLONGAN_MINIMAL")
    try:
        min_rank = Rank.from_code(min_code)
    except ValueError:
        raise RowInvalid("import.row.rank", column="GOLONGAN_MINIMAL", value=min_code) from None
    years = row.integer("PENGALAMAN_MINIMAL", default=0)
    if not 0 <= years <= MAX_YEARS_EXPERIENCE:
        raise RowInvalid("import.row.experience_range", high=MAX_YEARS_EXPERIENCE, value=years)
    return PositionRow(
        code=code,
        title=row.required("NAMA_JABATAN"),
        kind=row.choice("JENIS_JABATAN", PositionKind, _KIND),
        functional_level=row.get("JENJANG") or None,
        position_class=position_class,
        unit_code=unit_code,
        unit_name=unit_name,
        unit_kind=(
            row.choice("JENIS_UNOR", OrgUnitKind) if row.get("JENIS_UNOR") else OrgUnitKind.BIDANG
        ),
        parent_code=parent,
        min_education=row.choice("PENDIDIKAN_MINIMAL", Education),
        min_rank=min_rank,
        min_years_experience=years,
        capacity=capacity,
    )


def loops(records: list[PositionRow], known: dict[str, Any]) -> dict[str, Text]:
    """Positions whose parent chain (file over database) comes back to them."""
    parents: dict[str, str | None] = dict(known["parents"])
    parents.update({r.code: r.parent_code for r in records})
    found = {}
    for record in records:
        seen = {record.code}
        current = record.parent_code
        while current is not None:
            if current in seen:
                found[record.code] = Text("import.row.loops", {"code": current})
                break
            seen.add(current)
            current = parents.get(current)
    return found


async def write(conn: BaseDBAsyncClient, actor: Viewer, record: PositionRow) -> str:
    """Create or update one position (its parent is linked afterwards by ``link``)."""
    unit = await OrgUnit.get_or_none(
        agency_id=actor.agency_id, code=record.unit_code, using_db=conn
    )
    if unit is None:
        unit = await OrgUnit.create(
            using_db=conn,
            agency_id=actor.agency_id,
            code=record.unit_code,
            name=record.unit_name,
            kind=record.unit_kind,
        )
    values: dict[str, Any] = {
        "title": record.title,
        "kind": record.kind,
        "functional_level": record.functional_level,
        "position_class": record.position_class,
        "org_unit_id": unit.id,
        "min_education": record.min_education,
        "min_rank": record.min_rank,
        "min_years_experience": record.min_years_experience,
        "capacity": record.capacity,
    }
    position = (
        await Position.filter(agency_id=actor.agency_id, code=record.code).using_db(conn).first()
    )
    if position is None:
        position = await Position.create(
            using_db=conn, agency_id=actor.agency_id, code=record.code, **values
        )
        await _audit(conn, actor, position, "position.import.create", None, values)
        return "created"
    old = {
        "title": position.title,
        "kind": PositionKind(position.kind),
        "functional_level": position.functional_level,
        "position_class": position.position_class,
        "org_unit_id": position.org_unit_id,
        "min_education": Education(position.min_education),
        "min_rank": Rank(position.min_rank),
        "min_years_experience": position.min_years_experience,
        "capacity": position.capacity,
    }
    changed = {k: v for k, v in values.items() if old[k] != v}
    if not changed:
        return "unchanged"
    position.update_from_dict(changed)
    await position.save(using_db=conn)
    before = {k: old[k] for k in changed}
    await _audit(conn, actor, position, "position.import.update", before, changed)
    return "updated"


async def link(conn: BaseDBAsyncClient, actor: Viewer, record: PositionRow) -> bool:
    """Set the parent once every position of the file exists; True when it changed."""
    position = await Position.get(agency_id=actor.agency_id, code=record.code, using_db=conn)
    parent_id = None
    if record.parent_code:
        parent = await Position.get(
            agency_id=actor.agency_id, code=record.parent_code, using_db=conn
        )
        parent_id = parent.id
    old = position.parent_id
    if old == parent_id:
        return False
    await Position.filter(id=position.id).using_db(conn).update(parent_id=parent_id)
    await _audit(
        conn,
        actor,
        position,
        "position.import.parent",
        {"parent_id": old},
        {"parent_id": parent_id, "parent": record.parent_code},
    )
    return True


async def _audit(
    conn: BaseDBAsyncClient,
    actor: Viewer,
    position: Position,
    action: str,
    before: dict[str, Any] | None,
    after: dict[str, Any],
) -> None:
    await audit.append(
        conn,
        agency_id=actor.agency_id,
        actor=actor_name(actor),
        action=action,
        subject_type="position",
        subject_id=position.id,
        before=before,
        after={"code": position.code, **after},
    )
