"""The operator's way in: ``jenjang user create`` makes an account with a password from the
command line (the first administrator of an agency, before anyone can log in to make others).
"""

from __future__ import annotations

from tortoise.transactions import in_transaction

from portal.models import Agency, Employee, User, UserRole
from portal.passwords import hash_password
from portal.settings import get_settings
from portal.vocabulary import Role
from workflows import audit
from workflows.messages import invalid, missing
from workflows.personnel.accounts import USERNAME

OPERATOR = "cli"  # how the audit log names the command line


async def bootstrap_user(
    *, agency_code: str, username: str, roles: set[Role], password: str, employee_nip: str | None
) -> User:
    """An account with a password, audited as done by the operator."""
    agency = await Agency.get_or_none(code=agency_code)
    if agency is None:
        raise missing("records.missing.agency", code=agency_code)
    username = username.strip().lower()
    if not USERNAME.match(username):
        raise invalid("records.invalid.username", field="username")
    if not roles:
        raise invalid("records.invalid.roles_empty", field="roles")
    minimum = get_settings().password_min_length
    if len(password) < minimum:
        raise invalid("records.invalid.password_length", field="password", minimum=minimum)
    employee = None
    if employee_nip:
        employee = await Employee.get_or_none(nip=employee_nip, agency=agency)
        if employee is None:
            raise missing("records.missing.employee_nip", nip=employee_nip)
        if await User.exists(employee_id=employee.id):
            raise invalid("records.invalid.employee_has_user", field="employee")
    if await User.exists(username=username):
        raise invalid("records.invalid.username_taken", field="username", username=username)
    async with in_transaction() as conn:
        user = await User.create(
            using_db=conn,
            agency=agency,
            username=username,
            password_hash=hash_password(password),
            employee=employee,
        )
        for role in sorted(roles):
            await UserRole.create(using_db=conn, agency=agency, user=user, role=role)
        await audit.append(
            conn,
            agency_id=agency.id,
            actor=OPERATOR,
            action="user.create",
            subject_type="user",
            subject_id=user.id,
            after={"username": username, "roles": roles, "employee_nip": employee_nip},
        )
    return user
