"""How many employees an agency has, from one row kept by triggers (migration ``0014_scale``).

Exact (the triggers run in the transaction that adds, removes or moves an employee) and one
primary-key read, where ``COUNT(*)`` over the agency's employees grows with the agency.
"""

from __future__ import annotations

from tortoise import connections

_SQL = 'SELECT "employees" FROM "agency_headcount" WHERE "agency_id" = {}'


async def employee_count(agency_id: int) -> int:
    """The number of employees of the agency (every status), as ``COUNT(*)`` would say."""
    connection = connections.get("default")
    mark = "$1" if connection.capabilities.dialect == "postgres" else "?"
    _, rows = await connection.execute_query(_SQL.format(mark), [agency_id])
    return int(rows[0][0]) if rows else 0
