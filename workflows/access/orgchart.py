"""Who leads whom: the org chart of one agency, read in one statement and answered in memory.

The direct supervisor (atasan langsung) of an employee is the first holder (lowest id, retired
staff excluded) of the nearest occupied position above theirs in the position tree; their
supervisor chain continues from there. Everything that asks "who leads whom" reads this model.

Requests read only the part of the chart that decides their answers (``load_chart_around``):
the positions above some employees and, for a viewer, every position below theirs, found by a
recursive query. Within that part every answer about those employees equals the whole chart's:
a walk upwards from a position below the viewer's never leaves it, and nobody outside the part
has the viewer above them. The whole chart (``load_org_chart``) is for tests and tools.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

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
    return _chart_of(rows)


# The part of the chart around some employees: the positions above theirs (``up``) and, when
# asked, every position below theirs (``down``), each with its serving holders. UNION (not ALL)
# ends the recursion on a looping tree. Numbered parameters: 1 agency, 2 retired, 3.. employees.
# On PostgreSQL each step is a LATERAL subquery kept apart by OFFSET 0, so that it is an index
# lookup per row: the planner's guess for a recursive part (hundreds of rows) would otherwise
# choose to hash the agency's whole position or employee table.
_AROUND_SQL = """WITH RECURSIVE
root(id, parent_id) AS (
  SELECT p.id, p.parent_id FROM employee e
  JOIN position p ON p.id = e.position_id AND p.agency_id = e.agency_id
  WHERE e.agency_id = {a} AND e.status <> {r} AND e.id IN ({employees})
),
up(id, parent_id) AS (
  SELECT id, parent_id FROM root
  UNION
  SELECT p.id, p.parent_id FROM up u {step_up}
){down}
SELECT part.id, part.parent_id, e.id FROM ({part}) part {holders}
ORDER BY part.id, e.id"""
_DOWN = """,
down(id, parent_id) AS (
  SELECT id, parent_id FROM root
  UNION
  SELECT c.id, c.parent_id FROM down d {step_down}
)"""
_STEPS = {
    "postgres": {
        "step_up": "CROSS JOIN LATERAL (SELECT id, parent_id FROM position"
        " WHERE id = u.parent_id AND agency_id = $1 OFFSET 0) p",
        "step_down": "CROSS JOIN LATERAL (SELECT id, parent_id FROM position"
        " WHERE parent_id = d.id AND agency_id = $1 OFFSET 0) c",
        "holders": "LEFT JOIN LATERAL (SELECT id FROM employee WHERE position_id = part.id"
        " AND agency_id = $1 AND status <> $2 OFFSET 0) e ON true",
    },
    "sqlite": {
        "step_up": "JOIN position p ON p.id = u.parent_id AND p.agency_id = ?1",
        "step_down": "JOIN position c ON c.parent_id = d.id AND c.agency_id = ?1",
        "holders": "LEFT JOIN employee e ON e.position_id = part.id AND e.agency_id = ?1"
        " AND e.status <> ?2",
    },
}


async def load_chart_around(
    agency_id: int | None,
    employee_ids: Iterable[int],
    *,
    below: bool,
    using_db: BaseDBAsyncClient | None = None,
) -> OrgChart:
    """The chart's part that decides who leads these employees (and, ``below``, whom they lead).

    Answers ``supervisor_id`` and ``superiors`` of the employees, and with ``below`` also
    ``reports`` of them and ``leads``/``supervisor_id`` of anyone below them, exactly as the
    whole chart does; it reads only their positions' ancestors and subtrees, in one statement.
    """
    ids = sorted(set(employee_ids))
    if agency_id is None or not ids:
        return OrgChart()
    conn = using_db or connections.get("default")
    postgres = conn.capabilities.dialect == "postgres"
    mark = "$" if postgres else "?"
    steps = _STEPS["postgres" if postgres else "sqlite"]
    down = _DOWN.format(step_down=steps["step_down"]) if below else ""
    sql = _AROUND_SQL.format(
        a=f"{mark}1",
        r=f"{mark}2",
        employees=", ".join(f"{mark}{n}" for n in range(3, len(ids) + 3)),
        step_up=steps["step_up"],
        down=down,
        part="SELECT * FROM up UNION SELECT * FROM down" if below else "SELECT * FROM up",
        holders=steps["holders"],
    )
    _, rows = await conn.execute_query(sql, [agency_id, EmployeeStatus.RETIRED.value, *ids])
    return _chart_of(rows)


def _chart_of(rows: Iterable[Any]) -> OrgChart:
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
    chart = await load_chart_around(
        employee.agency_id, [employee.id], below=False, using_db=using_db
    )
    ids = chart.superiors(employee.id)
    rows = {e.id: e for e in await Employee.filter(id__in=ids).using_db(using_db)}
    return [rows[i] for i in ids if i in rows]


async def supervisor_of(
    employee: Employee, *, using_db: BaseDBAsyncClient | None = None
) -> Employee | None:
    """The direct supervisor (atasan langsung), or None."""
    chart = await load_chart_around(
        employee.agency_id, [employee.id], below=False, using_db=using_db
    )
    boss = chart.supervisor_id(employee.id)
    return None if boss is None else await Employee.get(id=boss, using_db=using_db)
