"""Bearer tokens: short-lived signed access tokens for users, hashed API tokens for systems."""

from __future__ import annotations

import secrets

import jwt
from tortoise import connections
from tortoise.expressions import Q

from portal.api_token_store import (
    API_TOKEN_PREFIX,
    hash_api_token,
)
from portal.clock import clock
from portal.models import Agency, ApiToken, User, UserRole
from portal.viewer import Viewer
from portal.vocabulary import Role, Scope

_ALGORITHM = "HS256"


class InvalidToken(Exception):
    """The bearer token is malformed, expired, revoked or unknown."""


def issue_access_token(*, user: User, secret: str, ttl_seconds: int) -> str:
    now = clock.now()
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
    roles: list[str] = await UserRole.filter(user_id=user.id).values_list("role", flat=True)  # type: ignore[assignment]
    return Viewer(
        agency_id=agency.id,
        agency_code=agency.code,
        user_id=user.id,
        username=user.username,
        employee_id=user.employee_id,
        roles=frozenset(Role(r) for r in roles),
    )


async def viewer_from_bearer(token: str, *, secret: str) -> Viewer:
    """Resolve an ``Authorization: Bearer`` value to a viewer, or raise InvalidToken."""
    if token.startswith(API_TOKEN_PREFIX):
        return await _viewer_from_api_token(token)
    try:
        claims = jwt.decode(
            token,
            secret,
            algorithms=[_ALGORITHM],
            # Expiry is checked below against portal.clock, the one time source (tests set it).
            options={"require": ["exp", "sub"], "verify_exp": False, "verify_iat": False},
            leeway=0,
        )
    except jwt.PyJWTError as exc:
        raise InvalidToken(str(exc)) from None
    if claims.get("typ") != "access" or claims["exp"] < clock.now().timestamp():
        raise InvalidToken("expired or wrong token type")
    agency_id = claims.get("agency")
    if not isinstance(agency_id, int):
        raise InvalidToken("token names no agency")
    viewer = await _active_user_viewer(int(claims["sub"]), agency_id)
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


async def _viewer_from_api_token(token: str) -> Viewer:
    try:
        prefix = token[len(API_TOKEN_PREFIX) :].split("_", 1)[0]
    except IndexError:
        raise InvalidToken("malformed API token") from None
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
