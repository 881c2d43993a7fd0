"""What kind of failure an exception from the database layer is, for a typed, retryable answer.

``classify(exc)`` follows the exception's causes and answers:

- ``UNAVAILABLE``: the database cannot be reached (refused, dropped or shutting down): the caller
  gets 503 with ``Retry-After``; the pool reconnects by itself when the database is back.
- ``CONFLICT``: a unique constraint refused a row another request inserted first (a race).
- ``INVALID``: a value the column refuses (too long for ``max_length``, out of range for the
  type): the caller's input, never a server error.
- ``None``: anything else (a defect: masked and logged with an id).
"""

from __future__ import annotations

import re
import sqlite3
from collections.abc import Iterator
from typing import Literal

from tortoise import exceptions as orm

Fault = Literal["UNAVAILABLE", "CONFLICT", "INVALID"]

# SQLSTATE classes and messages of an unreachable or restarting database.
_UNAVAILABLE_NAMES = {
    "PostgresConnectionError",  # class 08
    "ConnectionDoesNotExistError",
    "ConnectionFailureError",
    "CannotConnectNowError",  # 57P03: the server is starting up or shutting down
    "AdminShutdownError",  # 57P01
    "CrashShutdownError",  # 57P02
    "InterfaceError",  # asyncpg: the connection was closed under us
    "TooManyConnectionsError",
}
_UNAVAILABLE_SQLITE = ("unable to open database", "disk i/o error", "database is locked")
_FIELD = re.compile(r"^(\w+): ")


def _chain(exc: BaseException) -> Iterator[BaseException]:
    seen: set[int] = set()
    todo: list[BaseException | None] = [exc]
    while todo:
        item = todo.pop()
        if item is None or id(item) in seen:
            continue
        seen.add(id(item))
        yield item
        todo.extend([item.__cause__, item.__context__])
        todo.extend(arg for arg in item.args if isinstance(arg, BaseException))


def classify(exc: BaseException) -> Fault | None:
    """The kind of ``exc`` (see the module docstring), or None for a defect."""
    for item in _chain(exc):
        name = type(item).__name__
        if isinstance(item, orm.DBConnectionError | ConnectionError | TimeoutError):
            return "UNAVAILABLE"
        if isinstance(item, OSError) and not isinstance(item, FileNotFoundError):
            return "UNAVAILABLE"
        if name in _UNAVAILABLE_NAMES:
            return "UNAVAILABLE"
        if isinstance(item, sqlite3.OperationalError) and str(item).lower().startswith(
            _UNAVAILABLE_SQLITE
        ):
            return "UNAVAILABLE"
    for item in _chain(exc):
        if isinstance(item, orm.IntegrityError) or type(item).__name__ == "UniqueViolationError":
            return "CONFLICT"
        if isinstance(item, orm.ValidationError) or type(item).__name__ == "DataError":
            return "INVALID"
        if isinstance(item, orm.ParamsError | UnicodeError):
            return "INVALID"
    return None


def field_of(exc: BaseException) -> str | None:
    """The model field a Tortoise ``ValidationError`` names (``"nip: Length of ..."``)."""
    for item in _chain(exc):
        if isinstance(item, orm.ValidationError):
            match = _FIELD.match(str(item))
            if match:
                return match.group(1)
    return None
