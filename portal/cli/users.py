"""``jenjang user create``: an account with a password, e.g. the first admin of an agency."""

from __future__ import annotations

import typer

from portal.cli._common import console, fail, run_with_db
from portal.vocabulary import Role
from workflows.errors import DomainError
from workflows.personnel.bootstrap import bootstrap_user

app = typer.Typer(help="User accounts (more through GraphQL once an administrator exists).")


@app.command()
def create(
    agency: str = typer.Option(..., help="Agency code, e.g. serang"),
    username: str = typer.Option(..., help="Login name, e.g. admin.serang"),
    role: list[str] = typer.Option(
        ["ADMIN"], help="ADMIN (default), HR, HR_HEAD, COMMITTEE, EMPLOYEE; repeatable"
    ),
    employee: str | None = typer.Option(None, help="NIP of the employee this login belongs to"),
    password: str = typer.Option(
        ...,
        prompt=True,
        hide_input=True,
        confirmation_prompt=True,
        envvar="JENJANG_NEW_PASSWORD",
        help="Asked for when not given (or from JENJANG_NEW_PASSWORD)",
    ),
) -> None:
    """Create an account with a password."""
    try:
        roles = {Role(r.upper()) for r in role}
    except ValueError:
        raise fail(f"unknown role in {role}; use {', '.join(r.value for r in Role)}") from None

    async def work() -> str:
        try:
            user = await bootstrap_user(
                agency_code=agency,
                username=username,
                roles=roles,
                password=password,
                employee_nip=employee,
            )
        except DomainError as error:
            raise fail(error.message) from None
        return user.username

    created = run_with_db(work)
    console.print(f"created {created} ({', '.join(sorted(r.value for r in roles))})")


def register(root: typer.Typer) -> None:
    root.add_typer(app, name="user")
