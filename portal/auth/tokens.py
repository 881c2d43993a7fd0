"""Bearer tokens: short-lived signed access tokens for users, hashed API tokens for systems."""

from __future__ import annotations

import secrets
from datetime import datetime

import jwt
from tortoise import connections
from tortoise.expressions import Q

from portal.api_token_store import (
    API_TOKEN_PREFIX,
    hash_api_token,
)
from portal.clock import clock
from portal.models import Agency, ApiToken, User, UserRole
from portal.models.base import column_length, column_values
from portal.viewer import Viewer
from portal.vocabulary import Role, Scope

_ALGORITHM = "HS256"
_PREFIX_LENGTH = column_length(ApiToken, "prefix")
MAX_ID = 2**31 - 1  # primary keys are 32-bit integers
MAX_TTL_SECONDS = 12 * 3600  # the default of Settings.access_token_max_ttl_seconds


class InvalidToken(Exception):
    """The bearer token is malformed, expired, revoked or unknown."""


def issue_access_token(
    *, user: User, secret: str, ttl_seconds: int, issued_at: datetime | None = None
) -> str:
    """A signed access token valid for ``ttl_seconds`` from ``issued_at`` (now by default)."""
    now = issued_at or clock.now()
    claims = {
        "sub": str(user.id),
        "agency": user.agency_id,
        "iat": int(now.timestamp()),
        "exp": int(now.timestamp()) + ttl_seconds,
        "typ": "access",
    }
    return jwt.encode(claims, secret, algorithm=_ALGORITHM)


async def viewer_for_user(user: User) -> Viewer:
    agency = await Agency.get(id=user.agency_id)
    roles = await column_values(UserRole.filter(user_id=user.id), "role", Role)
    return Viewer(
        agency_id=agency.id,
        agency_code=agency.code,
        user_id=user.id,
        username=user.username,
        employee_id=user.employee_id,
        roles=frozenset(roles),
    )


async def viewer_from_bearer(
    token: str, *, secret: str, max_ttl_seconds: int = MAX_TTL_SECONDS
) -> Viewer:
    """Resolve an ``Authorization: Bearer`` value to a viewer, or raise InvalidToken.

    An access token whose lifetime (``exp - iat``) is longer than ``max_ttl_seconds`` is
    refused: nobody issues those, so it is forged with a leaked key or from a misconfiguration.
    """
    if token.startswith(API_TOKEN_PREFIX):
        return await _viewer_from_api_token(token)
    try:
        claims = jwt.decode(
            token,
            secret,
            algorithms=[_ALGORITHM],
            # Expiry is checked below against portal.clock, the one time source (tests set it).
            options={
                "require": ["exp", "sub", "iat"],
                "verify_exp": False,
                "verify_iat": False,
                "verify_nbf": False,
            },
            leeway=0,
        )
    except jwt.PyJWTError as exc:
        raise InvalidToken(str(exc)) from None
    user_id, agency_id, issued, expires = _typed_claims(claims)
    if expires < clock.now().timestamp():
        raise InvalidToken("expired")
    if not 0 < expires - issued <= max_ttl_seconds:
        raise InvalidToken("lifetime beyond the maximum")
    viewer = await _active_user_viewer(user_id, agency_id)
    if viewer is None:
        raise InvalidToken("unknown user")
    return viewer


# One statement per request: the user (only while active), their agency and roles (one row each).
_USER_VIEWER_SQL = (
    'SELECT u.username, u.employee_id, u.agency_id, a.code, r.role FROM "user_account" u '
    'JOIN "agency" a ON a.id = u.agency_id LEFT JOIN "user_role" r ON r.user_id = u.id '
    "WHERE u.id = {user} AND u.agency_id = {agency} AND u.is_active"
)


async def _active_user_viewer(user_id: int, agency_id: int) -> Viewer | None:
    """The viewer of an active user of the agency, in one SQL statement; None when not found."""
    connection = connections.get("default")
    postgres = connection.capabilities.dialect == "postgres"
    marks = {"user": "$1", "agency": "$2"} if postgres else {"user": "?", "agency": "?"}
    sql = _USER_VIEWER_SQL.format(**marks)
    rows = list((await connection.execute_query(sql, [user_id, agency_id]))[1])
    if not rows:
        return None
    username, employee_id, agency_id, code, _ = rows[0]
    return Viewer(
        agency_id=agency_id,
        agency_code=code,
        user_id=user_id,
        username=username,
        employee_id=employee_id,
        roles=frozenset(Role(row[4]) for row in rows if row[4] is not None),
    )


def access_token_expiry(token: str, *, secret: str) -> float | None:
    """When an access token expires (seconds since the epoch); None for API tokens."""
    if token.startswith(API_TOKEN_PREFIX):
        return None
    try:
        claims = jwt.decode(
            token,
            secret,
            algorithms=[_ALGORITHM],
            options={"verify_exp": False, "verify_iat": False, "verify_nbf": False},
        )
        return float(_typed_claims(claims)[3])
    except (jwt.PyJWTError, InvalidToken):
        return 0.0


def _typed_claims(claims: dict[str, object]) -> tuple[int, int, int, int]:
    """``(user id, agency id, iat, exp)`` of an access token whose claims have the types we issue.

    A token signed with the right key but with a ``sub`` that is not a number string or an
    ``exp`` that is not an integer is invalid (401), never a server error.
    """
    sub, agency, exp = claims.get("sub"), claims.get("agency"), claims.get("exp")
    iat = claims.get("iat")
    if claims.get("typ") != "access":
        raise InvalidToken("wrong token type")
    if not (isinstance(sub, str) and sub.isascii() and sub.isdigit() and len(sub) <= 10):
        raise InvalidToken("malformed subject")
    if not (type(agency) is int and type(exp) is int and type(iat) is int) or not (
        0 < int(sub) <= MAX_ID
    ):
        raise InvalidToken("malformed claims")
    if not 0 < agency <= MAX_ID:
        raise InvalidToken("malformed agency")
    return int(sub), agency, iat, exp


async def _viewer_from_api_token(token: str) -> Viewer:
    prefix = token[len(API_TOKEN_PREFIX) :].split("_", 1)[0]
    if not (0 < len(prefix) <= _PREFIX_LENGTH and prefix.isascii() and prefix.isalnum()):
        raise InvalidToken("malformed API token")
    now = clock.now()
    record = (
        await ApiToken.filter(prefix=prefix, revoked_at=None)
        .filter(Q(expires_at=None) | Q(expires_at__gt=now))
        .select_related("agency")
        .first()
    )
    if record is None or not secrets.compare_digest(record.token_hash, hash_api_token(token)):
        raise InvalidToken("unknown or revoked API token")
    await ApiToken.filter(id=record.id).update(last_used_at=now)
    return Viewer(
        agency_id=record.agency.id,
        agency_code=record.agency.code,
        username=f"token:{record.name}",
        token_id=record.id,
        scopes=frozenset(Scope(s) for s in record.scopes),
    )
