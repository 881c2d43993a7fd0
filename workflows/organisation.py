"""The OPD (perangkat daerah) an org unit belongs to, and the units that make it up.

An agency's tree has the Sekretariat Daerah at the root, with the dinas, badan and kecamatan
beneath it; each of those has bidang, seksi and UPTD. Walking up to the root would put every unit
in the Sekretariat Daerah, so the OPD of a unit is its nearest ancestor (or itself) whose kind is
an OPD kind; a tree without any OPD kind falls back to its root. The OPD's units are its subtree
without the OPDs nested below it (the dinas under the Sekretariat Daerah are OPDs of their own).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from portal.models import OrgUnit
from portal.vocabulary import OrgUnitKind

# Perangkat daerah (PP 18/2016): sekretariat daerah, badan, dinas and kecamatan.
OPD_KINDS = frozenset(
    {OrgUnitKind.SETDA, OrgUnitKind.BADAN, OrgUnitKind.DINAS, OrgUnitKind.KECAMATAN}
)


@dataclass(frozen=True)
class Opd:
    """An OPD: its own unit id and the ids of every unit inside it (itself included)."""

    unit_id: int
    unit_ids: frozenset[int]


def opd_in_tree(units: dict[int, tuple[int | None, str]], org_unit_id: int) -> Opd:
    """The OPD of a unit, given the agency's units as id -> (parent id, kind)."""
    top = org_unit_id
    seen: set[int] = set()
    current: int | None = org_unit_id
    while current is not None and current in units and current not in seen:
        seen.add(current)  # a loop in the tree stops the walk where it closes
        top = current
        parent, kind = units[current]
        if kind in OPD_KINDS:
            break
        current = parent
    children: dict[int, list[int]] = {}
    for unit_id, (parent, _) in units.items():
        if parent is not None:
            children.setdefault(parent, []).append(unit_id)
    inside = {top}
    stack = [top]
    while stack:
        for child in children.get(stack.pop(), []):
            if child not in inside and units[child][1] not in OPD_KINDS:
                inside.add(child)
                stack.append(child)
    return Opd(unit_id=top, unit_ids=frozenset(inside))


async def opd_of_unit(*, agency_id: int, org_unit_id: int, conn: Any = None) -> Opd:
    """The OPD of an org unit of the agency, read in one query (the trees are small)."""
    query = OrgUnit.filter(agency_id=agency_id)
    if conn is not None:
        query = query.using_db(conn)
    rows = await query.values_list("id", "parent_id", "kind")
    units = {row[0]: (row[1], str(row[2])) for row in rows}
    return opd_in_tree(units, org_unit_id)
