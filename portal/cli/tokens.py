"""``jenjang token create|revoke``: API tokens for external systems."""

from __future__ import annotations

import typer

from portal.auth import create_api_token, revoke_api_token
from portal.cli._common import console, fail, run_with_db
from portal.models import Agency
from portal.vocabulary import Scope

app = typer.Typer(help="API tokens for external systems (stored hashed, shown once).")


@app.command()
def create(
    agency: str = typer.Option(..., help="Agency code, e.g. serang"),
    name: str = typer.Option("external", help="What the token is for"),
    scope: list[str] = typer.Option(["read"], help="read (default) or write; repeatable"),
) -> None:
    """Create a token and print it once."""
    try:
        scopes = [Scope(s) for s in scope]
    except ValueError:
        raise fail(f"unknown scope in {scope}; use read or write") from None

    async def work() -> str:
        record = await Agency.get_or_none(code=agency)
        if record is None:
            raise fail(f"unknown agency {agency!r}")
        issued = await create_api_token(agency=record, name=name, scopes=scopes)
        return issued.token

    token = run_with_db(work)
    console.print("Store this token now: it is not shown again.", style="yellow")
    print(token)


@app.command()
def revoke(
    agency: str = typer.Option(..., help="Agency code"),
    prefix: str = typer.Argument(..., help="The token's prefix (the part after jjg_)"),
) -> None:
    """Revoke a token by its prefix."""

    async def work() -> bool:
        record = await Agency.get_or_none(code=agency)
        if record is None:
            raise fail(f"unknown agency {agency!r}")
        return await revoke_api_token(agency=record, prefix=prefix)

    if not run_with_db(work):
        raise fail("no active token with that prefix")
    console.print("revoked")


def register(root: typer.Typer) -> None:
    root.add_typer(app, name="token")
