"""``jenjang demo``: migrate, load the demo agencies into an empty database, then serve."""

from __future__ import annotations

import typer
from rich.table import Table

from portal import db
from portal.cli import server
from portal.cli._common import console, fail, run_with_db
from portal.demo import DEMO_PASSWORD, LoadedAgency, database_is_empty, load_demo
from portal.demo.accounts import ACCOUNTS
from portal.demo.agencies import AGENCIES
from portal.settings import SettingsError, get_settings


def accounts_table() -> Table:
    """The demo accounts of both agencies, as printed by ``jenjang demo`` and in the README."""
    table = Table(title=f"Demo accounts (password: {DEMO_PASSWORD})")
    table.add_column("username")
    table.add_column("roles")
    table.add_column("what to try")
    for info in AGENCIES:
        for name, roles, _, what in ACCOUNTS:
            table.add_row(f"{name}.{info.code}", ", ".join(r.value for r in roles), what)
    return table


def demo(
    serve: bool = typer.Option(True, "--serve/--no-serve", help="Serve after loading"),
    scale: float = typer.Option(1.0, help="Share of staff positions filled (1 = full demo)"),
    host: str = typer.Option(None, help="Address to bind (default JENJANG_HOST)"),
    port: int = typer.Option(None, help="Port (default JENJANG_PORT, 8000)"),
) -> None:
    """Migrate the database, load the demo agencies if it is empty, then serve."""
    if serve:
        try:
            get_settings().require_secret()
        except SettingsError as exc:
            raise fail(str(exc), 2) from None

    async def work() -> tuple[list[str], list[LoadedAgency] | None]:
        applied = await db.migrate()
        if not await database_is_empty():
            return applied, None
        return applied, await load_demo(scale=scale)

    applied, loaded = run_with_db(work, check_migrated=False)
    for name in applied:
        console.print(f"applied {name}")
    if loaded is None:
        console.print("The database already holds data: the demo was not loaded again.")
    else:
        for agency in loaded:
            console.print(
                f"loaded {agency.code}: {agency.counts['employees']} employees, "
                f"{agency.counts['positions']} positions, {agency.counts['org_units']} units"
            )
    console.print(accounts_table())
    if serve:
        server.serve(host=host, port=port, workers=1)


def register(app: typer.Typer) -> None:
    app.command()(demo)
