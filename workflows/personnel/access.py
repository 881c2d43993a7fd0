"""Who keeps the record: HR (HR, HR head) and administrators of the agency, nobody else.

Employees, supervisors, the committee and API tokens (whatever their scope) are refused; a record
of another agency is not found, exactly as one that does not exist.
"""

from __future__ import annotations

from datetime import date
from typing import Any, TypeVar

from tortoise.models import Model

from portal.models import Employee, OrgUnit, Position, User
from portal.viewer import Viewer
from portal.vocabulary import Role
from workflows.messages import invalid, missing, refused

KEEPERS = (Role.HR, Role.HR_HEAD, Role.ADMIN)
MAX_ID = 2**31 - 1
EARLIEST = date(1900, 1, 1)  # dates of a record of employment lie in this range
LATEST = date(2100, 12, 31)
M = TypeVar("M", bound=Model)


def actor_name(actor: Viewer) -> str:
    """How the audit log names the actor."""
    return actor.username or actor.principal


def require_keeper(actor: Viewer) -> None:
    """HR or an administrator of the agency; never an API token."""
    if actor.is_token or not actor.has_role(*KEEPERS):
        raise refused("records.refused.keeper")


def check_date(value: date | None, *, field: str) -> None:
    if value is not None and not EARLIEST <= value <= LATEST:
        raise invalid("records.invalid.date", field=field, value=value.isoformat())


def check_text(value: str, *, field: str, limit: int, required: bool = True) -> str:
    """Trimmed text within its column; empty only when optional."""
    text = value.strip()
    if any(ord(c) < 32 and c not in "\n\t" for c in text):  # PostgreSQL text refuses NUL
        raise invalid("records.invalid.control", field=field)
    if required and not text:
        raise invalid("records.invalid.required", field=field)
    if len(text) > limit:
        raise invalid("records.invalid.too_long", field=field, limit=limit)
    return text


async def _in_agency(model: type[M], pk: int, actor: Viewer, key: str, field: str) -> M:
    if not 0 < pk <= MAX_ID:
        raise invalid("records.invalid.id", field=field)
    row: Any = await model.get_or_none(id=pk, agency_id=actor.agency_id)
    if row is None:
        raise missing(key, id=pk)
    return row


async def employee_of(actor: Viewer, pk: int, field: str = "employeeId") -> Employee:
    return await _in_agency(Employee, pk, actor, "records.missing.employee", field)


async def org_unit_of(actor: Viewer, pk: int, field: str = "orgUnitId") -> OrgUnit:
    return await _in_agency(OrgUnit, pk, actor, "records.missing.org_unit", field)


async def position_of(actor: Viewer, pk: int, field: str = "positionId") -> Position:
    return await _in_agency(Position, pk, actor, "records.missing.position", field)


async def user_of(actor: Viewer, pk: int, field: str = "userId") -> User:
    return await _in_agency(User, pk, actor, "records.missing.user", field)
