"""Tortoise configuration, start-up and the pending-migrations check."""

from __future__ import annotations

from typing import Any

from tortoise import Tortoise
from tortoise.backends.base.config_generator import expand_db_url
from tortoise.backends.base.executor import EXECUTOR_CACHE
from tortoise.connection import get_connection
from tortoise.migrations.executor import MigrationExecutor

from portal.settings import get_settings

MODELS_MODULE = "portal.models"
MIGRATIONS_MODULE = "portal.migrations"


class PendingMigrations(RuntimeError):
    """The database schema is behind the code."""


def tortoise_config(database_url: str) -> dict[str, Any]:
    """The Tortoise config for one database URL (``sqlite://…`` or ``postgres://…``)."""
    if database_url.startswith("sqlite://") and "busy_timeout" not in database_url:
        # Several processes (server, `jenjang tick`) may write: wait for locks, not fail.
        database_url += ("&" if "?" in database_url else "?") + "busy_timeout=10000"
    return {
        "connections": {"default": _connection(database_url)},
        "apps": {
            "models": {
                "models": [MODELS_MODULE],
                "migrations": MIGRATIONS_MODULE,
                "default_connection": "default",
            }
        },
        "use_tz": True,
        "timezone": "UTC",
    }


def _connection(database_url: str) -> str | dict[str, Any]:
    """The URL, or on PostgreSQL (asyncpg) its expanded form with the pool's size and release step.

    The pool's size is a setting (``JENJANG_DATABASE_POOL_SIZE``), not a parameter of the URL:
    the URL is also given to asyncpg and pg_dump as it is, which refuse parameters they do not
    know.
    """
    if not is_postgres(database_url):
        return database_url
    config = expand_db_url(database_url)
    if config["engine"] == "tortoise.backends.asyncpg":
        config["credentials"].setdefault("reset", _release)
        config["credentials"].setdefault("maxsize", get_settings().database_pool_size)
    return config


async def _release(connection: Any) -> None:
    """A pooled connection goes back as it is (asyncpg has rolled back an open transaction).

    asyncpg's default release resets the session (advisory locks, cursors, LISTEN, settings):
    one more round trip after every statement run outside a transaction. Nothing here leaves
    session state on a pooled connection: the audit chain's advisory lock is per transaction,
    LISTEN has a connection of its own (``portal.events``), and nothing issues ``SET``.
    """


def is_postgres(database_url: str) -> bool:
    return database_url.startswith(("postgres://", "postgresql://", "asyncpg://"))


async def init_db(database_url: str, *, global_fallback: bool = True) -> None:
    """Open the ORM; ``global_fallback`` lets tasks other than the lifespan's use it."""
    await Tortoise.init(
        config=tortoise_config(database_url), _enable_global_fallback=global_fallback
    )


async def close_db() -> None:
    await Tortoise.close_connections()
    # Tortoise caches SQL per connection *name*, so a process that reopens "default" on another
    # dialect (the test suite: SQLite, then PostgreSQL) would reuse the other dialect's SQL.
    EXECUTOR_CACHE.clear()


async def pending_migrations() -> list[str]:
    """Names of migrations not yet applied to the connected database."""
    executor = MigrationExecutor(get_connection("default"), tortoise_config("")["apps"])
    steps = await executor.plan(None)
    return [f"{s.migration.app_label}.{s.migration.name}" for s in steps if not s.backward]


async def ensure_migrated() -> None:
    """Refuse to serve a database whose schema is behind the code."""
    pending = await pending_migrations()
    if pending:
        raise PendingMigrations(
            f"The database has {len(pending)} pending migration(s) ({', '.join(pending)}). "
            "Run `jenjang migrate` first."
        )


async def migrate() -> list[str]:
    """Apply every pending migration to the open database; returns what was applied."""
    applied = await pending_migrations()
    executor = MigrationExecutor(get_connection("default"), tortoise_config("")["apps"])
    await executor.migrate(None)
    return applied


# For Tortoise's own CLI (`tortoise -c portal.db.TORTOISE_ORM makemigrations`), used by developers.
TORTOISE_ORM = tortoise_config("sqlite://:memory:")
