"""Joined reads for the prefilled pages: one statement where the ORM would need several.

Each statement costs a round trip and, through the ORM, building it; a page's applicants with
their positions and units, or its decisions with their actors' names, are one statement here
(:class:`portal.statements.Statement`). The rules are those of the scoped loaders: every table
joined is read within the viewer's agency (a row of another agency is not there).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any

from tortoise.models import Model

from portal.statements import Statement, column

Column = tuple[str, str, type[Model], str]
"""(alias in the result, table alias in the statement, model, field name)."""


class JoinedRead:
    """A SELECT of ``columns`` followed by ``tail`` (FROM ... WHERE ...) for a list of ids.

    ``tail`` marks the agency as ``{p1}`` and the ids' condition on a column as ``{in2}``
    (``e.id {in2}``), further parameters as ``{p3}``, ...
    """

    def __init__(self, columns: Sequence[Column], tail: str) -> None:
        self.columns = tuple(columns)
        self.tail = tail
        self._statement: Statement | None = None

    async def rows(self, agency_id: int, ids: Iterable[int], *more: Any) -> list[dict[str, Any]]:
        """The rows for these ids (none without any)."""
        wanted = sorted(set(ids))
        if not wanted:
            return []
        return await self._built().rows(agency_id, wanted, *more)

    def _built(self) -> Statement:
        """The statement, written once the models know their columns (the ORM is set up)."""
        if self._statement is None:
            select = ", ".join(
                f'{table}."{column(model, name)}" AS "{alias}"'
                for alias, table, model, name in self.columns
            )
            self._statement = Statement(
                f"SELECT {select} {self.tail}",
                [(alias, model, name) for alias, _, model, name in self.columns],
            )
        return self._statement
