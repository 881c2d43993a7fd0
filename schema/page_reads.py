"""Joined reads for the prefilled pages: one statement where the ORM would need several.

Each statement costs a round trip and, through the ORM, building it; a page's applicants with
their positions and units, or its decisions with their actors' names, are one statement here.
The rules are those of the scoped loaders: every table joined is read within the viewer's agency
(a row of another agency is not there), and the ids come as one parameter (an array on
PostgreSQL, a JSON list on SQLite) so the statement's text, and its prepared plan, never change.
Values are converted as the ORM's ``values()`` converts them, by each column's model field.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable, Sequence
from typing import Any

from tortoise import connections
from tortoise.models import Model

Column = tuple[str, str, type[Model], str]
"""(alias in the result, table alias in the statement, model, field name)."""


class JoinedRead:
    """A SELECT of ``columns`` followed by ``tail`` (FROM ... WHERE ...).

    ``tail`` marks the agency as ``{agency}`` and the ids' condition on a column as
    ``{column} {ids}`` (``e.id {ids}``), both filled for the connection's dialect.
    """

    def __init__(self, columns: Sequence[Column], tail: str) -> None:
        self.columns = tuple(columns)
        self.tail = tail
        self._prepared: dict[str, tuple[str, list[tuple[str, Callable[[Any], Any]]]]] = {}

    async def rows(self, agency_id: int, ids: Iterable[int], *more: Any) -> list[dict[str, Any]]:
        """The rows for these ids (empty without any), ``more`` as ``{p3}``, ``{p4}``, ..."""
        wanted = sorted(set(ids))
        if not wanted:
            return []
        client = connections.get("default")
        dialect = client.capabilities.dialect
        sql, converters = self._prepare(dialect)
        values = wanted if dialect == "postgres" else json.dumps(wanted)
        rows = await client.execute_query_dict(sql, [agency_id, values, *more])
        for row in rows:
            for alias, convert in converters:
                value = row[alias]
                if value is not None:
                    row[alias] = convert(value)
        return rows

    def _prepare(self, dialect: str) -> tuple[str, list[tuple[str, Callable[[Any], Any]]]]:
        prepared = self._prepared.get(dialect)
        if prepared is None:
            postgres = dialect == "postgres"
            select = ", ".join(
                f'{table}."{model._meta.fields_map[name].source_field or name}" AS "{alias}"'
                for alias, table, model, name in self.columns
            )
            marks = {"agency": "$1" if postgres else "?1"}
            marks["ids"] = "= ANY($2)" if postgres else "IN (SELECT value FROM json_each(?2))"
            marks.update({f"p{n}": f"${n}" if postgres else f"?{n}" for n in range(3, 10)})
            sql = f"SELECT {select} {self.tail.format(**marks)}"
            prepared = self._prepared[dialect] = (sql, self._converters())
        return prepared

    def _converters(self) -> list[tuple[str, Callable[[Any], Any]]]:
        converters: list[tuple[str, Callable[[Any], Any]]] = []
        for alias, _, model, name in self.columns:
            native = {field for _, field, _ in model._meta.db_native_fields}
            if name not in native:
                converters.append((alias, model._meta.fields_map[name].to_python_value))
        return converters
