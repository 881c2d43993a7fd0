"""The API-token store: tokens for external systems, kept only as their SHA-256 hash.

The plain token (``jjg_<prefix>_<secret>``) is returned once by :func:`create_api_token`; requests
present it as a bearer token and ``portal.auth`` finds it by hash. Part of the foundation, so the
domain (``workflows.api_tokens``, which audits issuing and revoking) and the shell both use it.
"""

from __future__ import annotations

import hashlib
import secrets
from dataclasses import dataclass
from datetime import datetime

from tortoise.backends.base.client import BaseDBAsyncClient

from portal.clock import clock
from portal.models import Agency, ApiToken
from portal.vocabulary import Scope

API_TOKEN_PREFIX = "jjg_"


@dataclass(frozen=True)
class IssuedApiToken:
    token: str  # shown once, never stored
    record: ApiToken


def hash_api_token(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


async def create_api_token(
    *,
    agency: Agency,
    name: str,
    scopes: list[Scope],
    expires_at: datetime | None = None,
    using_db: BaseDBAsyncClient | None = None,
) -> IssuedApiToken:
    """A new token for an external system; the plain value is returned once."""
    prefix = secrets.token_hex(6)
    token = f"{API_TOKEN_PREFIX}{prefix}_{secrets.token_urlsafe(32)}"
    record = await ApiToken.create(
        agency=agency,
        name=name,
        prefix=prefix,
        token_hash=hash_api_token(token),
        scopes=sorted(s.value for s in scopes),
        expires_at=expires_at,
        using_db=using_db,
    )
    return IssuedApiToken(token=token, record=record)


async def revoke_api_token(
    *, agency: Agency, prefix: str, using_db: BaseDBAsyncClient | None = None
) -> bool:
    updated = (
        await ApiToken.filter(agency=agency, prefix=prefix, revoked_at=None)
        .using_db(using_db)
        .update(revoked_at=clock.now())
    )
    return updated == 1
