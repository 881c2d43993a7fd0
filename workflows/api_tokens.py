"""API tokens for external systems, issued and revoked by an administrator of the agency.

The plain token is returned once and never stored; issuing and revoking write the audit log in
the same transaction.
"""

from __future__ import annotations

from dataclasses import dataclass

from tortoise.transactions import in_transaction

from portal.api_token_store import create_api_token, revoke_api_token
from portal.models import Agency, ApiToken
from portal.viewer import Viewer
from portal.vocabulary import Role, Scope
from workflows import audit
from workflows.messages import invalid, missing, refused


@dataclass(frozen=True)
class Issued:
    token: str
    record: ApiToken


def _require_admin(actor: Viewer) -> None:
    if actor.is_token or not actor.has_role(Role.ADMIN):
        raise refused("errors.api_token.admin_only")


async def issue(*, actor: Viewer, name: str, scopes: list[str]) -> Issued:
    _require_admin(actor)
    name = name.strip()
    if not name or len(name) > 100:
        raise invalid("errors.api_token.name", field="name", most=100)
    try:
        chosen = sorted({Scope(s.strip().lower()) for s in scopes})
    except ValueError:
        raise invalid("errors.api_token.scopes", field="scopes") from None
    if not chosen:
        raise invalid("errors.api_token.no_scope", field="scopes")
    agency = await Agency.get(id=actor.agency_id)
    async with in_transaction() as conn:
        issued = await create_api_token(agency=agency, name=name, scopes=chosen, using_db=conn)
        await audit.append(
            conn,
            agency_id=actor.agency_id,
            actor=actor.username,
            action="api_token.create",
            subject_type="api_token",
            subject_id=issued.record.prefix,
            after={"name": name, "scopes": [s.value for s in chosen]},
        )
    return Issued(token=issued.token, record=issued.record)


async def revoke(*, actor: Viewer, prefix: str) -> ApiToken:
    _require_admin(actor)
    agency = await Agency.get(id=actor.agency_id)
    async with in_transaction() as conn:
        if not await revoke_api_token(agency=agency, prefix=prefix, using_db=conn):
            raise missing("errors.api_token.missing")
        await audit.append(
            conn,
            agency_id=actor.agency_id,
            actor=actor.username,
            action="api_token.revoke",
            subject_type="api_token",
            subject_id=prefix,
        )
    return await ApiToken.get(agency_id=actor.agency_id, prefix=prefix)
