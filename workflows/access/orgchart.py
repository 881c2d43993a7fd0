"""Who leads whom: the org chart of one agency, read in one statement and answered in memory.

The direct supervisor (atasan langsung) of an employee is the first holder (lowest id, retired
staff excluded) of the nearest occupied position above theirs in the position tree; their
supervisor chain continues from there. Everything that asks "who leads whom" reads this model.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field

from tortoise import connections
from tortoise.backends.base.client import BaseDBAsyncClient

from portal.models import Employee
from portal.vocabulary import EmployeeStatus

# One statement: every position of the agency with its serving holders (none: one NULL row).
_CHART_SQL = (
    "SELECT p.id, p.parent_id, e.id FROM position p"
    " LEFT JOIN employee e ON e.position_id = p.id AND e.agency_id = p.agency_id"
    " AND e.status <> {status}"
    " WHERE p.agency_id = {agency} ORDER BY p.id, e.id"
)


@dataclass
class OrgChart:
    """The position tree of one agency and who holds each position."""

    parent: dict[int, int | None] = field(default_factory=dict)  # position -> parent position
    holders: dict[int, list[int]] = field(default_factory=dict)  # position -> employees, by id
    position_of: dict[int, int] = field(default_factory=dict)  # employee -> position

    def supervisor_id(self, employee_id: int) -> int | None:
        """The direct supervisor of an employee, or None (the head, or no position)."""
        position = self.position_of.get(employee_id)
        seen: set[int] = set()
        while position is not None and position not in seen:
            seen.add(position)
            position = self.parent.get(position)
            if position is not None and self.holders.get(position):
                return self.holders[position][0]
        return None

    def superiors(self, employee_id: int) -> list[int]:
        """The supervisor chain upwards, nearest first."""
        chain: list[int] = []
        current = self.supervisor_id(employee_id)
        while current is not None and current not in chain and current != employee_id:
            chain.append(current)
            current = self.supervisor_id(current)
        return chain

    def leads(self, leader_id: int, employee_id: int) -> bool:
        """The leader is somewhere above the employee in the supervisor chain."""
        return leader_id in self.superiors(employee_id)

    def reports(self, employee_id: int) -> set[int]:
        """Everyone below the employee's position, at any depth."""
        root = self.position_of.get(employee_id)
        if root is None:
            return set()
        children: dict[int, list[int]] = defaultdict(list)
        for pos, parent in self.parent.items():
            if parent is not None:
                children[parent].append(pos)
        below: set[int] = set()
        stack = list(children.get(root, []))
        while stack:
            pos = stack.pop()
            if pos in below:
                continue
            below.add(pos)
            stack.extend(children.get(pos, []))
        return {emp for pos in below for emp in self.holders.get(pos, [])}


async def load_org_chart(
    agency_id: int | None, *, using_db: BaseDBAsyncClient | None = None
) -> OrgChart:
    """The agency's org chart, in one query (an empty chart for no agency)."""
    if agency_id is None:
        return OrgChart()
    conn = using_db or connections.get("default")
    if conn.capabilities.dialect == "postgres":
        sql = _CHART_SQL.format(status="$1", agency="$2")
    else:
        sql = _CHART_SQL.format(status="?", agency="?")
    _, rows = await conn.execute_query(sql, [EmployeeStatus.RETIRED.value, agency_id])
    chart = OrgChart()
    holders: dict[int, list[int]] = defaultdict(list)
    for position, parent, employee in (tuple(row) for row in rows):
        chart.parent[position] = parent
        if employee is not None:
            chart.position_of[employee] = position
            holders[position].append(employee)
    chart.holders = dict(holders)
    return chart


async def supervisor_chain(
    employee: Employee, *, using_db: BaseDBAsyncClient | None = None
) -> list[Employee]:
    """The direct supervisor, their supervisor, ... up to the top, as employee rows."""
    chart = await load_org_chart(employee.agency_id, using_db=using_db)
    ids = chart.superiors(employee.id)
    rows = {e.id: e for e in await Employee.filter(id__in=ids).using_db(using_db)}
    return [rows[i] for i in ids if i in rows]


async def supervisor_of(
    employee: Employee, *, using_db: BaseDBAsyncClient | None = None
) -> Employee | None:
    """The direct supervisor (atasan langsung), or None."""
    chart = await load_org_chart(employee.agency_id, using_db=using_db)
    boss = chart.supervisor_id(employee.id)
    return None if boss is None else await Employee.get(id=boss, using_db=using_db)
