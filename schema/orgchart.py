"""Who supervises whom, read once per request: the position tree and who holds each position.

The direct supervisor (atasan langsung) is the holder of the nearest occupied parent position,
as in ``workflows.records.supervisor_of``; this read model answers it for many employees at once.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field

from portal.models import Employee, Position
from portal.vocabulary import EmployeeStatus


@dataclass
class OrgChart:
    parent: dict[int, int | None] = field(default_factory=dict)  # position -> parent position
    holders: dict[int, list[int]] = field(default_factory=dict)  # position -> employees, by id
    position_of: dict[int, int | None] = field(default_factory=dict)  # employee -> position

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


async def load_org_chart(agency_id: int | None) -> OrgChart:
    if agency_id is None:
        return OrgChart()
    positions = await Position.filter(agency_id=agency_id).values_list("id", "parent_id")
    employees = (
        await Employee.filter(agency_id=agency_id)
        .exclude(status=EmployeeStatus.RETIRED)
        .order_by("id")
        .values_list("id", "position_id")
    )
    chart = OrgChart(parent={pos: parent for pos, parent in positions})
    holders: dict[int, list[int]] = defaultdict(list)
    for emp, pos in employees:
        chart.position_of[emp] = pos
        if pos is not None:
            holders[pos].append(emp)
    chart.holders = dict(holders)
    return chart
