"""Helpers shared by the CLI commands: run a coroutine with the database open."""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable
from typing import TypeVar

import typer
from rich.console import Console

from portal import db
from portal.settings import get_settings

T = TypeVar("T")
console = Console()
err_console = Console(stderr=True)


def run_with_db(work: Callable[[], Awaitable[T]], *, check_migrated: bool = True) -> T:
    """Open the configured database, run ``work``, close it again."""

    async def runner() -> T:
        await db.init_db(get_settings().database_url)
        try:
            if check_migrated:
                await db.ensure_migrated()
            return await work()
        finally:
            await db.close_db()

    try:
        return asyncio.run(runner())
    except db.PendingMigrations as exc:
        err_console.print(f"[red]{exc}[/red]")
        raise typer.Exit(2) from None


def fail(message: str, code: int = 1) -> typer.Exit:
    """Print an error and return the Exit to raise."""
    err_console.print(f"[red]error:[/red] {message}")
    return typer.Exit(code)
