"""Users, their roles within the agency, API tokens and idempotency records."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from tortoise import fields
from tortoise.models import Model

from portal.models.base import Timestamped, agency_fk
from portal.vocabulary import Role

if TYPE_CHECKING:
    from portal.models.employees import Employee
    from portal.models.organisation import Agency


class User(Timestamped):
    """A login, linked to an employee record unless it is a service or admin account."""

    id = fields.IntField(primary_key=True)
    agency: fields.ForeignKeyRelation[Agency] = agency_fk()
    agency_id: int
    username = fields.CharField(max_length=100, unique=True)
    password_hash = fields.CharField(max_length=200)
    employee: fields.OneToOneNullableRelation[Employee] = fields.OneToOneField(
        "models.Employee", related_name="user", null=True, on_delete=fields.SET_NULL
    )
    employee_id: int | None
    is_active = fields.BooleanField(default=True)
    failed_logins = fields.SmallIntField(default=0)
    last_failed_login_at = fields.DatetimeField(null=True)
    last_login_at = fields.DatetimeField(null=True)
    roles: fields.ReverseRelation[UserRole]  # declared on UserRole.user

    class Meta:
        table = "user_account"


class UserRole(Model):
    """A role granted to a user within their agency."""

    id = fields.IntField(primary_key=True)
    agency: fields.ForeignKeyRelation[Agency] = agency_fk()
    agency_id: int
    user: fields.ForeignKeyRelation[User] = fields.ForeignKeyField(
        "models.User", related_name="roles", on_delete=fields.CASCADE
    )
    user_id: int
    role = fields.CharEnumField(Role, max_length=16)

    class Meta:
        table = "user_role"
        unique_together = (("user", "role"),)


class ApiToken(Model):
    """A token for an external system: shown once, stored as a SHA-256 hash, revocable"""

    id = fields.IntField(primary_key=True)
    agency: fields.ForeignKeyRelation[Agency] = agency_fk()
    agency_id: int
    name = fields.CharField(max_length=100)
    prefix = fields.CharField(max_length=16, unique=True)
    token_hash = fields.CharField(max_length=64)
    scopes: fields.JSONField[list[Any]] = fields.JSONField(default=list)
    created_at = fields.DatetimeField(auto_now_add=True)
    expires_at = fields.DatetimeField(null=True)
    revoked_at = fields.DatetimeField(null=True)
    last_used_at = fields.DatetimeField(null=True)

    class Meta:
        table = "api_token"


class IdempotencyRecord(Model):
    """The first result of a mutation retried with the same idempotency key.

    While the call runs, the row is a claim: ``claim`` names its holder and ``claimed_until``
    when it expires (a call that died leaves a claim that a retry may take over). A finished
    call stores its ``response`` in the same transaction as its effects and clears the claim.
    """

    id = fields.IntField(primary_key=True)
    agency: fields.ForeignKeyRelation[Agency] = agency_fk()
    agency_id: int
    principal = fields.CharField(max_length=120)  # "user:12" or "token:3"
    key = fields.CharField(max_length=200)
    operation = fields.CharField(max_length=100)
    response: fields.JSONField[dict[str, Any]] = fields.JSONField(default=dict)
    created_at = fields.DatetimeField(auto_now_add=True)
    claim = fields.CharField(max_length=32, default="")
    claimed_until = fields.DatetimeField(null=True)

    class Meta:
        table = "idempotency_record"
        unique_together = (("principal", "key"),)
