"""API tokens (listed, issued once, revoked) and the verification status of the audit chain."""

from __future__ import annotations

from datetime import datetime
from typing import Annotated

import strawberry

from portal import models
from portal.vocabulary import Role
from schema.context import Info
from schema.errors import ErrorType, forbidden_text, from_domain
from schema.permissions import CanReadAuditLog, require_viewer
from workflows import api_tokens
from workflows.audit import verify_chain
from workflows.errors import DomainError


@strawberry.type(description="An API token of an external system (never its secret).")
class ApiToken:
    name: str
    prefix: str = strawberry.field(description="The part after jjg_, to revoke it.")
    scopes: list[str]
    created_at: datetime
    expires_at: datetime | None
    revoked_at: datetime | None
    last_used_at: datetime | None

    @classmethod
    def from_model(cls, row: models.ApiToken) -> ApiToken:
        return cls(
            name=row.name,
            prefix=row.prefix,
            scopes=list(row.scopes),
            created_at=row.created_at,
            expires_at=row.expires_at,
            revoked_at=row.revoked_at,
            last_used_at=row.last_used_at,
        )


@strawberry.type(description="Whether the agency's audit hash chain links from its start.")
class AuditChainStatus:
    ok: bool
    entries: int
    first_broken_seq: int | None
    problem: str


@strawberry.type(description="The token was made; its value is shown this once only.")
class ApiTokenCreated:
    token: str
    api_token: ApiToken


@strawberry.type(description="The token was revoked.")
class ApiTokenRevoked:
    api_token: ApiToken


@strawberry.input(description="A new API token for an external system (admin).")
class CreateApiTokenInput:
    name: str
    scopes: list[str] = strawberry.field(description="read and/or write")


@strawberry.input(description="Revoke an API token by its prefix (admin).")
class RevokeApiTokenInput:
    prefix: str


CreatePayload = Annotated[ApiTokenCreated | ErrorType, strawberry.union("CreateApiTokenPayload")]
RevokePayload = Annotated[ApiTokenRevoked | ErrorType, strawberry.union("RevokeApiTokenPayload")]


@strawberry.type
class Query:
    @strawberry.field(description="The agency's API tokens, newest first (admin).")
    async def api_tokens(self, info: Info) -> list[ApiToken]:
        viewer = require_viewer(info)
        if viewer.is_token or not viewer.has_role(Role.ADMIN):
            raise forbidden_text("errors.api_token.admin_only")
        rows = await models.ApiToken.filter(agency_id=viewer.agency_id).order_by("-id").limit(200)
        return [ApiToken.from_model(row) for row in rows]

    @strawberry.field(
        description="Verify the agency's audit chain now (HR and admin).",
        permission_classes=[CanReadAuditLog],
    )
    async def audit_chain_status(self, info: Info) -> AuditChainStatus:
        report = await verify_chain(require_viewer(info).agency_id)
        return AuditChainStatus(
            ok=report.ok,
            entries=report.entries,
            first_broken_seq=report.first_broken_seq,
            problem=report.problem,
        )


@strawberry.type
class Mutation:
    @strawberry.mutation(description="Make an API token; its value is returned once (admin).")
    async def create_api_token(self, info: Info, input: CreateApiTokenInput) -> CreatePayload:
        viewer = require_viewer(info)
        try:
            issued = await api_tokens.issue(actor=viewer, name=input.name, scopes=input.scopes)
        except DomainError as error:
            return from_domain(error, info.context.language)
        return ApiTokenCreated(token=issued.token, api_token=ApiToken.from_model(issued.record))

    @strawberry.mutation(description="Revoke an API token (admin).")
    async def revoke_api_token(self, info: Info, input: RevokeApiTokenInput) -> RevokePayload:
        viewer = require_viewer(info)
        try:
            row = await api_tokens.revoke(actor=viewer, prefix=input.prefix.strip())
        except DomainError as error:
            return from_domain(error, info.context.language)
        return ApiTokenRevoked(api_token=ApiToken.from_model(row))
