"""User accounts: the list for HR and administrators, and the mutations on accounts."""

from __future__ import annotations

from typing import Annotated, Any

import strawberry

from portal import models
from portal.viewer import Viewer
from schema.context import Info
from schema.errors import ErrorType, forbidden_text
from schema.idempotency import Key
from schema.permissions import require_viewer
from schema.personnel import inputs
from schema.personnel.inputs import optional_pk
from schema.personnel.payloads import mutate, success
from schema.personnel.types import UserAccount, may_manage_accounts
from schema.relay import pk_of
from workflows.personnel import accounts

MAX_ACCOUNTS = 1000


@success
@strawberry.type(description="The account was saved.")
class UserAccountSaved:
    user: UserAccount


@success
@strawberry.type(description="A one-time link that sets the password; give it to its owner.")
class PasswordLinkIssued:
    user: UserAccount
    url: str | None = strawberry.field(
        description="Shown once; null when the call is retried with its idempotency key."
    )


CreateUserAccountPayload = Annotated[
    PasswordLinkIssued | ErrorType, strawberry.union("CreateUserAccountPayload")
]
ResetUserPasswordPayload = Annotated[
    PasswordLinkIssued | ErrorType, strawberry.union("ResetUserPasswordPayload")
]
SetUserRolesPayload = Annotated[
    UserAccountSaved | ErrorType, strawberry.union("SetUserRolesPayload")
]
SetUserActivePayload = Annotated[
    UserAccountSaved | ErrorType, strawberry.union("SetUserActivePayload")
]


def _user_pk(global_id: strawberry.ID) -> int:
    return pk_of(global_id, "UserAccount", "userId")


@strawberry.type
class Query:
    @strawberry.field(description="The agency's logins, by username (HR and administrators).")
    async def user_accounts(self, info: Info) -> list[UserAccount]:
        viewer = require_viewer(info)
        if not may_manage_accounts(info):
            raise forbidden_text("errors.accounts.hr_and_admin")
        rows = (
            await models.User.filter(agency_id=viewer.agency_id)
            .order_by("username")
            .limit(MAX_ACCOUNTS)
        )
        return [UserAccount.from_model(r) for r in rows]


@strawberry.type
class Mutation:
    @strawberry.mutation(description="HR creates a login; its owner sets the password by link.")
    async def create_user_account(
        self, info: Info, input: inputs.CreateUserAccountInput, idempotency_key: Key = None
    ) -> CreateUserAccountPayload:
        async def act(viewer: Viewer) -> Any:
            link = await accounts.create_user(
                actor=viewer,
                username=input.username,
                roles=set(input.roles),
                employee_id=optional_pk(input.employee_id, "Employee", "employeeId"),
            )
            return PasswordLinkIssued(user=UserAccount.from_model(link.user), url=link.url)

        return await mutate(info, "createUserAccount", idempotency_key, act)

    @strawberry.mutation(description="HR replaces a login's roles (admin: administrators only).")
    async def set_user_roles(
        self, info: Info, input: inputs.SetUserRolesInput, idempotency_key: Key = None
    ) -> SetUserRolesPayload:
        async def act(viewer: Viewer) -> Any:
            row = await accounts.set_roles(
                actor=viewer, user_id=_user_pk(input.user_id), roles=set(input.roles)
            )
            return UserAccountSaved(user=UserAccount.from_model(row))

        return await mutate(info, "setUserRoles", idempotency_key, act)

    @strawberry.mutation(description="HR deactivates (or reactivates) a login.")
    async def set_user_active(
        self, info: Info, input: inputs.SetUserActiveInput, idempotency_key: Key = None
    ) -> SetUserActivePayload:
        async def act(viewer: Viewer) -> Any:
            row = await accounts.set_active(
                actor=viewer, user_id=_user_pk(input.user_id), active=input.active
            )
            return UserAccountSaved(user=UserAccount.from_model(row))

        return await mutate(info, "setUserActive", idempotency_key, act)

    @strawberry.mutation(description="HR issues a one-time link that sets a new password.")
    async def reset_user_password(
        self, info: Info, input: inputs.ResetUserPasswordInput, idempotency_key: Key = None
    ) -> ResetUserPasswordPayload:
        async def act(viewer: Viewer) -> Any:
            link = await accounts.reset_password(actor=viewer, user_id=_user_pk(input.user_id))
            return PasswordLinkIssued(user=UserAccount.from_model(link.user), url=link.url)

        return await mutate(info, "resetUserPassword", idempotency_key, act)
