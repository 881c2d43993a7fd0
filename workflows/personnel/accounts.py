"""User accounts: create one for an employee, grant roles, deactivate, set a password by link.

Nobody ever sees or sends a password: a new account and a reset both give a one-time link (the
token is shown once, stored as a SHA-256 hash, expires, and dies when used or replaced). Only an
administrator grants or withdraws the admin role or touches an administrator's account, and
nobody locks themselves out (their own admin role, their own account).
"""

from __future__ import annotations

import hashlib
import re
import secrets
from dataclasses import dataclass
from datetime import timedelta

from tortoise.backends.base.client import BaseDBAsyncClient
from tortoise.exceptions import IntegrityError
from tortoise.transactions import in_transaction

from portal.clock import clock
from portal.models import PasswordLink, User, UserRole
from portal.models.base import column_values
from portal.passwords import hash_password
from portal.settings import get_settings
from portal.viewer import Viewer
from portal.vocabulary import Role
from workflows import audit
from workflows.messages import invalid, refused
from workflows.personnel.access import actor_name, employee_of, require_keeper, user_of

USERNAME = re.compile(r"^[a-z0-9][a-z0-9._-]{2,99}$")


@dataclass(frozen=True)
class IssuedLink:
    """A one-time link; ``token`` is in ``url`` and is not stored."""

    user: User
    token: str
    url: str


def _hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def _check_roles(actor: Viewer, roles: set[Role], before: set[Role]) -> None:
    if not roles:
        raise invalid("records.invalid.roles_empty", field="roles")
    if (Role.ADMIN in roles) != (Role.ADMIN in before) and not actor.has_role(Role.ADMIN):
        raise refused("records.refused.admin_role")


async def _roles_of(user_id: int) -> set[Role]:
    return set(await column_values(UserRole.filter(user_id=user_id), "role", Role))


async def create_user(
    *, actor: Viewer, username: str, roles: set[Role], employee_id: int | None
) -> IssuedLink:
    """A new account (linked to an employee unless it is a service account) and its first link."""
    require_keeper(actor)
    username = username.strip().lower()
    if not USERNAME.match(username):
        raise invalid("records.invalid.username", field="username")
    _check_roles(actor, roles, set())
    employee = await employee_of(actor, employee_id) if employee_id is not None else None
    if employee is not None and await User.exists(employee_id=employee.id):
        raise invalid("records.invalid.employee_has_user", field="employeeId")
    if await User.exists(username=username):
        raise invalid("records.invalid.username_taken", field="username", username=username)
    try:
        async with in_transaction() as conn:
            user = await User.create(
                using_db=conn,
                agency_id=actor.agency_id,
                username=username,
                # Nobody knows this password: the account is opened through the link.
                password_hash=hash_password(secrets.token_urlsafe(32)),
                employee=employee,
            )
            for role in sorted(roles):
                await UserRole.create(
                    using_db=conn, agency_id=actor.agency_id, user=user, role=role
                )
            link = await _issue(conn, actor_name(actor), user)
            await _audit(
                conn, actor, user, "user.create", None, {"roles": roles, "employee_id": employee_id}
            )
    except IntegrityError:
        raise invalid(
            "records.invalid.username_taken", field="username", username=username
        ) from None
    return link


async def _guard(actor: Viewer, user: User) -> None:
    """An administrator's account is for administrators; nobody acts on their own."""
    if user.id == actor.user_id:
        raise refused("records.refused.own_account")
    if Role.ADMIN in await _roles_of(user.id) and not actor.has_role(Role.ADMIN):
        raise refused("records.refused.admin_role")


async def set_roles(*, actor: Viewer, user_id: int, roles: set[Role]) -> User:
    require_keeper(actor)
    user = await user_of(actor, user_id)
    await _guard(actor, user)
    before = await _roles_of(user.id)
    _check_roles(actor, roles, before)
    if roles == before:
        return user
    async with in_transaction() as conn:
        await (
            UserRole.filter(user_id=user.id, role__in=list(before - roles)).using_db(conn).delete()
        )
        for role in sorted(roles - before):
            await UserRole.create(using_db=conn, agency_id=actor.agency_id, user=user, role=role)
        await _audit(conn, actor, user, "user.roles", {"roles": before}, {"roles": roles})
    return user


async def set_active(*, actor: Viewer, user_id: int, active: bool) -> User:
    """Deactivate (the login and its access tokens stop working) or reactivate an account."""
    require_keeper(actor)
    user = await user_of(actor, user_id)
    await _guard(actor, user)
    if user.is_active == active:
        return user
    async with in_transaction() as conn:
        await User.filter(id=user.id).using_db(conn).update(is_active=active)
        if not active:
            await PasswordLink.filter(user_id=user.id, used_at=None).using_db(conn).delete()
        user.is_active = active
        action = "user.activate" if active else "user.deactivate"
        await _audit(conn, actor, user, action, {"is_active": not active}, {"is_active": active})
    return user


async def reset_password(*, actor: Viewer, user_id: int) -> IssuedLink:
    """A new one-time link for the user; earlier unused links stop working."""
    require_keeper(actor)
    user = await user_of(actor, user_id)
    await _guard(actor, user)
    if not user.is_active:
        raise invalid("records.invalid.user_inactive", field="userId")
    async with in_transaction() as conn:
        link = await _issue(conn, actor_name(actor), user)
        await _audit(conn, actor, user, "user.password_link", None, {"expires_in_hours": _ttl()})
    return link


def _ttl() -> int:
    return get_settings().password_link_ttl_hours


async def _issue(conn: BaseDBAsyncClient, created_by: str, user: User) -> IssuedLink:
    await PasswordLink.filter(user_id=user.id, used_at=None).using_db(conn).delete()
    token = secrets.token_urlsafe(32)
    await PasswordLink.create(
        using_db=conn,
        agency_id=user.agency_id,
        user=user,
        token_hash=_hash(token),
        created_by=created_by,
        expires_at=clock.now() + timedelta(hours=_ttl()),
    )
    url = f"{get_settings().public_url.rstrip('/')}/auth/password#token={token}"
    return IssuedLink(user=user, token=token, url=url)


async def set_password_by_link(*, token: str, password: str) -> User:
    """Use a one-time link: the password is set, the link is spent (only once, even when raced)."""
    minimum = get_settings().password_min_length
    if len(password) < minimum or len(password) > 1000:
        raise invalid("records.invalid.password_length", field="password", minimum=minimum)
    async with in_transaction() as conn:
        link = (
            await PasswordLink.filter(token_hash=_hash(token), used_at=None).using_db(conn).first()
        )
        if link is None or link.expires_at <= clock.now():
            raise invalid("records.invalid.link", field="token")
        spent = (
            await PasswordLink.filter(id=link.id, used_at=None)
            .using_db(conn)
            .update(used_at=clock.now())
        )
        user = await User.filter(id=link.user_id, is_active=True).using_db(conn).first()
        if spent != 1 or user is None:
            raise invalid("records.invalid.link", field="token")
        await (
            User.filter(id=user.id)
            .using_db(conn)
            .update(password_hash=hash_password(password), failed_logins=0)
        )
        await audit.append(
            conn,
            agency_id=user.agency_id,
            actor=user.username,
            action="user.password_set",
            subject_type="user",
            subject_id=user.id,
            after={"username": user.username},
        )
    return user


async def _audit(
    conn: BaseDBAsyncClient,
    actor: Viewer,
    user: User,
    action: str,
    before: dict[str, object] | None,
    after: dict[str, object],
) -> None:
    await audit.append(
        conn,
        agency_id=actor.agency_id,
        actor=actor_name(actor),
        action=action,
        subject_type="user",
        subject_id=user.id,
        before=before,
        after={"username": user.username, **after},
    )
