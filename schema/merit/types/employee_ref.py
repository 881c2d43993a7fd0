"""The employee a merit record is about, linked lazily (the employee types import merit types)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Annotated

import strawberry

from schema.context import Info

if TYPE_CHECKING:
    from schema.employees.types import Employee

EmployeeRef = Annotated["Employee", strawberry.lazy("schema.employees.types")]


async def employee_of(info: Info, pk: int | None) -> Employee | None:
    """The employee ``pk`` through the request's loader (None for no id)."""
    from schema.employees.types import load_employee

    return await load_employee(info, pk)
