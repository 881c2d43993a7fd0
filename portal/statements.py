"""Hand-written SQL statements for hot reads, on both dialects, values as the ORM converts them.

The ORM builds a statement anew each time it runs; for the few reads every page makes, that
costs more than the round trip. A :class:`Statement` is written once with marks that fit both
dialects: ``{p1}``, ``{p2}``, ... for parameters (``$1`` on PostgreSQL, ``?1`` on SQLite) and
``{in2}`` for "is one of the list given as parameter 2" (``= ANY($2)``, or
``IN (SELECT value FROM json_each(?2))`` with the list as JSON), so its text, and its prepared
plan, never change with the number of ids. Columns named in ``columns`` are converted by their
model field (``to_python_value``), as ``values()`` converts them; for the two kinds every page
reads by the thousand, the same result is reached without the field's general checks (an enum
member looked up by its value, a time in UTC from PostgreSQL moved to the ORM's zone).
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Sequence
from datetime import UTC, datetime
from enum import Enum
from typing import Any

from tortoise import connections
from tortoise.fields.data import CharEnumFieldInstance, DatetimeField, IntEnumFieldInstance
from tortoise.models import Model
from tortoise.timezone import get_default_timezone, get_use_tz

Converter = Callable[[Any], Any]
_MARK = re.compile(r"\{(p|in)(\d)\}")


class Statement:
    """One SQL statement with dialect-neutral marks (see the module), run on the default pool."""

    def __init__(self, sql: str, columns: Sequence[tuple[str, type[Model], str]] = ()) -> None:
        self.sql = sql
        self.columns = tuple(columns)
        self.lists = {int(n) for kind, n in _MARK.findall(sql) if kind == "in"}
        self._prepared: dict[str, tuple[str, list[tuple[str, Converter]]]] = {}

    async def rows(self, *params: Any) -> list[dict[str, Any]]:
        """The rows, each a dict by column alias, converted."""
        client = connections.get("default")
        dialect = client.capabilities.dialect
        sql, converters = self._prepare(dialect)
        if dialect != "postgres" and self.lists:
            params = tuple(
                json.dumps(list(p)) if n in self.lists else p for n, p in enumerate(params, 1)
            )
        if dialect == "postgres":
            # asyncpg's records, made dicts through their keys (dict(record) asks each key)
            records = (await client.execute_query(sql, list(params)))[1]
            keys = tuple(records[0].keys()) if records else ()
            rows = [dict(zip(keys, record, strict=True)) for record in records]
        else:
            rows = await client.execute_query_dict(sql, list(params))
        for row in rows:
            for alias, convert in converters:
                value = row[alias]
                if value is not None:
                    row[alias] = convert(value)
        return rows

    def _prepare(self, dialect: str) -> tuple[str, list[tuple[str, Converter]]]:
        prepared = self._prepared.get(dialect)
        if prepared is None:
            postgres = dialect == "postgres"

            def mark(match: re.Match[str]) -> str:
                kind, n = match.groups()
                if kind == "p":
                    return f"${n}" if postgres else f"?{n}"
                return f"= ANY(${n})" if postgres else f"IN (SELECT value FROM json_each(?{n}))"

            sql = _MARK.sub(mark, self.sql)
            prepared = self._prepared[dialect] = (sql, self._converters())
        return prepared

    def _converters(self) -> list[tuple[str, Converter]]:
        converters: list[tuple[str, Converter]] = []
        for alias, model, name in self.columns:
            native = {field for _, field, _ in model._meta.db_native_fields}
            if name not in native:
                converters.append((alias, _converter(model._meta.fields_map[name])))
        return converters


def _converter(field: Any) -> Converter:
    """The field's ``to_python_value``, or a quicker function giving the same values."""
    if isinstance(field, CharEnumFieldInstance | IntEnumFieldInstance):
        return _enum_member(field.enum_type)
    if isinstance(field, DatetimeField) and get_use_tz():
        return _in_zone(field.to_python_value, get_default_timezone())
    return field.to_python_value


def _enum_member(enum: type[Enum]) -> Converter:
    members = {member.value: member for member in enum}

    def convert(value: Any) -> Any:
        member = members.get(value)
        return member if member is not None else enum(value)  # an unknown value raises

    return convert


def _in_zone(general: Converter, zone: Any) -> Converter:
    def convert(value: Any) -> Any:
        if type(value) is datetime and value.tzinfo is UTC:  # as asyncpg reads timestamptz
            return value.astimezone(zone)
        return general(value)

    return convert


def column(model: type[Model], name: str) -> str:
    """The column of a model field (its source field for a foreign key's id)."""
    return model._meta.fields_map[name].source_field or name


def db_value(model: type[Model], name: str, value: Any) -> Any:
    """``value`` as the ORM passes it for that field (a time in UTC, on SQLite as text)."""
    return model._meta.fields_map[name].to_db_value(value, model)
