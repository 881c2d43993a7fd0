"""Rows of one table with pre-assigned ids, and an id allocator that starts after existing rows."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any


@dataclass
class Table:
    """Rows for one table, in column order."""

    name: str
    columns: tuple[str, ...]
    rows: list[tuple[Any, ...]] = field(default_factory=list)

    def add(self, *values: Any) -> None:
        self.rows.append(values)

    def drain(self) -> Iterator[list[tuple[Any, ...]]]:
        """Hand the rows out in chunks and forget them (keeps memory flat at 100k employees)."""
        rows, self.rows = self.rows, []
        for start in range(0, len(rows), 50_000):
            yield rows[start : start + 50_000]


class Ids:
    """The next free id of each table (the database may already hold rows)."""

    def __init__(self, start: dict[str, int]) -> None:
        self._next = {table: value + 1 for table, value in start.items()}

    def take(self, table: str, count: int = 1) -> int:
        first = self._next.get(table, 1)
        self._next[table] = first + count
        return first

    def last(self, table: str) -> int:
        return self._next.get(table, 1) - 1
