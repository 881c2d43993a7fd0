"""GraphQL types of user accounts (HR and administrators of the agency see them)."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from typing import TYPE_CHECKING, Annotated

import strawberry

from portal import models
from portal.vocabulary import Role as RoleEnum
from schema.context import Info
from schema.enums import Role
from schema.relay import Node, node_resolver
from workflows.personnel.access import KEEPERS

if TYPE_CHECKING:
    from schema.employees.types import Employee

EmployeeRef = Annotated["Employee", strawberry.lazy("schema.employees.types")]


@strawberry.type(description="A login of the agency, with its roles.")
class UserAccount(Node):
    username: str
    is_active: bool
    last_login_at: datetime | None
    employee_pk: strawberry.Private[int | None]

    @strawberry.field(description="Roles within the agency.")
    async def roles(self, info: Info) -> list[Role]:
        loader = info.context.loaders.by_parent(models.UserRole, "user_id", order_by=("role",))
        return [RoleEnum(r.role) for r in await loader.load(self.pk)]

    @strawberry.field(description="The employee this login belongs to (none: a service account).")
    async def employee(self, info: Info) -> EmployeeRef | None:
        from schema.employees.types import load_employee

        return await load_employee(info, self.employee_pk)

    @classmethod
    def from_model(cls, row: models.User) -> UserAccount:
        return cls(
            pk=row.id,
            username=row.username,
            is_active=row.is_active,
            last_login_at=row.last_login_at,
            employee_pk=row.employee_id,
        )


def may_manage_accounts(info: Info) -> bool:
    viewer = info.context.viewer
    return viewer is not None and not viewer.is_token and viewer.has_role(*KEEPERS)


@node_resolver("UserAccount")
async def _user_nodes(info: Info, pks: Sequence[int]) -> list[UserAccount | None]:
    if not may_manage_accounts(info):
        return [None for _ in pks]
    loader = info.context.loaders.by_id(models.User)
    return [UserAccount.from_model(r) if r else None for r in await loader.load_many(list(pks))]
