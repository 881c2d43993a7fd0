"""Queries about the viewer and employees."""

from __future__ import annotations

from typing import Any

import strawberry

from portal import models
from portal.vocabulary import Rank as RankEnum
from schema.context import Info
from schema.employees.page import EMPLOYEE, employee_page
from schema.employees.types import Employee, Viewer
from schema.enums import PositionKind
from schema.errors import bad_input_text
from schema.permissions import IsAuthenticated, can_see_employee, visible_employee_ids
from schema.prefill import page_selection
from schema.relay import Connection, decode_id, paginate
from workflows.headcount import employee_count
from workflows.search import by_name, candidate_ids, name_or_nip


@strawberry.input(description="Narrow the employee list; all given conditions must hold.")
class EmployeeFilter:
    org_unit: strawberry.ID | None = strawberry.field(default=None, description="OrgUnit ID")
    rank: str | None = strawberry.field(default=None, description="Golongan/ruang, e.g. III/b")
    position_kind: PositionKind | None = None
    search: str | None = strawberry.field(default=None, description="Part of a name or NIP")


async def _employee_query(info: Info, where: EmployeeFilter | None) -> Any:
    viewer = info.context.viewer
    assert viewer is not None
    query = models.Employee.filter(agency_id=viewer.agency_id)
    visible = await visible_employee_ids(info)
    if visible is not None:
        query = query.filter(id__in=sorted(visible))
    if where is None:
        return query
    if where.org_unit is not None:
        query = query.filter(org_unit_id=decode_id(where.org_unit, "OrgUnit"))
    if where.rank:
        try:
            query = query.filter(rank=RankEnum.from_code(where.rank))
        except ValueError:
            raise bad_input_text("errors.filter.rank", rank=where.rank) from None
    if where.position_kind is not None:
        query = query.filter(position__kind=where.position_kind)
    if where.search and where.search.strip():
        term = where.search.strip()
        candidates = await candidate_ids(viewer.agency_id, term)
        if candidates is not None:
            query = query.filter(id__in=candidates)
        query = query.filter(name_or_nip(term))
    return query


@strawberry.type
class Query:
    @strawberry.field(description="Who is asking; null when anonymous.")
    async def viewer(self, info: Info) -> Viewer | None:
        viewer = info.context.viewer
        if viewer is None:
            return None
        employee = None
        if viewer.employee_id is not None:
            row = await info.context.loaders.by_id(models.Employee).load(viewer.employee_id)
            employee = Employee.from_model(row) if row else None
        return Viewer(
            username=viewer.username,
            roles=sorted(r.value for r in viewer.roles),
            agency=viewer.agency_code,
            scopes=sorted(s.value for s in viewer.scopes),
            employee=employee,
        )

    @strawberry.field(
        description="Employees the viewer may see, by name.", permission_classes=[IsAuthenticated]
    )
    async def employees(
        self,
        info: Info,
        filter: EmployeeFilter | None = None,
        first: int | None = None,
        after: str | None = None,
    ) -> Connection[Employee]:
        query = await _employee_query(info, filter)
        viewer = info.context.viewer
        assert viewer is not None
        whole_agency = filter is None and await visible_employee_ids(info) is None
        order: tuple[str, ...] = ("name",)
        if filter is not None and filter.search and filter.search.strip():
            query, order = by_name(query, filter.search.strip())
        count = (lambda: employee_count(viewer.agency_id)) if whole_agency else None
        asked = page_selection(info, EMPLOYEE)
        if asked is not None:
            return await employee_page(
                info, query, first=first, after=after, asked=asked, order_by=order, count=count
            )
        return await paginate(
            info,
            query,
            first=first,
            after=after,
            order_by=order,
            convert=Employee.from_model,
            count=count,
        )

    @strawberry.field(
        description="One employee by NIP; null when unknown or not visible.",
        permission_classes=[IsAuthenticated],
    )
    async def employee(self, info: Info, nip: str) -> Employee | None:
        viewer = info.context.viewer
        assert viewer is not None
        row = await models.Employee.get_or_none(agency_id=viewer.agency_id, nip=nip.strip())
        if row is None or not await can_see_employee(info, row.id):
            return None
        return Employee.from_model(row)
