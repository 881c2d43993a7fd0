"""Bulk writers: COPY through asyncpg on PostgreSQL, executemany on SQLite (stdlib sqlite3).

Ids are assigned by the generator, so each sink can tell the next free id of every table and
moves PostgreSQL's sequences past the rows it wrote.
"""

from __future__ import annotations

import json
import sqlite3
from datetime import date, datetime
from typing import Any

import asyncpg


class PostgresSink:
    def __init__(self, url: str) -> None:
        self.dsn = url.replace("postgres://", "postgresql://", 1)
        self.conn: asyncpg.Connection | None = None
        self.touched: set[str] = set()

    async def open(self) -> None:
        self.conn = await asyncpg.connect(self.dsn)

    async def max_id(self, table: str) -> int:
        assert self.conn is not None
        return int(await self.conn.fetchval(f'SELECT coalesce(max(id), 0) FROM "{table}"'))

    async def codes(self) -> set[str]:
        assert self.conn is not None
        return {r["code"] for r in await self.conn.fetch('SELECT code FROM "agency"')}

    async def write(self, table: str, columns: tuple[str, ...], rows: list[tuple]) -> None:
        assert self.conn is not None
        if rows:
            await self.conn.copy_records_to_table(table, records=rows, columns=list(columns))
            self.touched.add(table)

    async def close(self) -> None:
        assert self.conn is not None
        for table in sorted(self.touched):
            await self.conn.execute(
                f"SELECT setval(pg_get_serial_sequence('\"{table}\"', 'id'), "
                f'(SELECT max(id) FROM "{table}"))'
            )
        await self.conn.execute("ANALYZE")
        await self.conn.close()


def _sqlite_value(value: Any) -> Any:
    if isinstance(value, datetime):
        return str(value)  # "2026-12-01 13:45:56.035916+00:00", as Tortoise writes it
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, dict | list):
        return json.dumps(value)
    return value


class SqliteSink:
    def __init__(self, url: str) -> None:
        self.path = url.removeprefix("sqlite://")
        self.conn: sqlite3.Connection | None = None

    async def open(self) -> None:
        self.conn = sqlite3.connect(self.path)
        self.conn.execute("PRAGMA synchronous=OFF")

    async def max_id(self, table: str) -> int:
        assert self.conn is not None
        return int(self.conn.execute(f'SELECT coalesce(max(id), 0) FROM "{table}"').fetchone()[0])

    async def codes(self) -> set[str]:
        assert self.conn is not None
        return {r[0] for r in self.conn.execute('SELECT code FROM "agency"')}

    async def write(self, table: str, columns: tuple[str, ...], rows: list[tuple]) -> None:
        assert self.conn is not None
        if not rows:
            return
        names = ", ".join(f'"{c}"' for c in columns)
        marks = ", ".join("?" for _ in columns)
        with self.conn:
            self.conn.executemany(
                f'INSERT INTO "{table}" ({names}) VALUES ({marks})',
                ([_sqlite_value(v) for v in row] for row in rows),
            )

    async def close(self) -> None:
        assert self.conn is not None
        self.conn.execute("ANALYZE")
        self.conn.close()


def sink_for(url: str) -> PostgresSink | SqliteSink:
    return SqliteSink(url) if url.startswith("sqlite://") else PostgresSink(url)
