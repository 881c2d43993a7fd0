"""``jenjang migrate``, ``serve`` and ``export-schema``."""

from __future__ import annotations

import asyncio
import sys

import typer

from portal import db
from portal.cli._common import console, err_console, fail, run_with_db
from portal.observability.logs import logging_config
from portal.settings import SettingsError, get_settings


def migrate() -> None:
    """Apply pending database migrations."""
    applied = run_with_db(db.migrate, check_migrated=False)
    if applied:
        for name in applied:
            console.print(f"applied {name}")
    else:
        console.print("database is up to date")


def serve(
    host: str = typer.Option(None, help="Address to bind (default JENJANG_HOST)"),
    port: int = typer.Option(None, help="Port (default JENJANG_PORT, 8000)"),
    workers: int = typer.Option(1, help="Worker processes"),
) -> None:
    """Serve the web app and GraphQL API."""
    import uvicorn

    settings = get_settings()
    try:
        settings.require_secret()
    except SettingsError as exc:
        raise fail(str(exc), 2) from None

    async def check() -> None:
        await db.ensure_migrated()

    run_with_db(check, check_migrated=False)
    uvicorn.run(
        "portal.app:build_app",
        factory=True,
        host=host or settings.host,
        port=port or settings.port,
        workers=workers,
        log_level=settings.log_level.lower(),
        log_config=logging_config(settings.log_level, settings.log_format),
        access_log=False,  # the app logs each request with its id (portal.observability)
        proxy_headers=True,
    )


def export_schema() -> None:
    """Print the GraphQL schema (SDL)."""
    from schema import export_sdl

    sys.stdout.write(export_sdl())


def register(app: typer.Typer) -> None:
    app.command()(migrate)
    app.command()(serve)
    app.command("export-schema")(export_schema)


__all__ = ["asyncio", "err_console", "register"]
