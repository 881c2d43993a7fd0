"""The SQL a page runs, each statement explained with ``EXPLAIN (ANALYZE, BUFFERS)``.

    .venv/bin/python bench/plans.py --database-url postgres://.../scale_100k \\
        [--users hr.skala01 atasan.skala01 pegawai.skala01] [--pages queue employees search]
        [--plans plans.txt]

Runs each page once per user in process (the app on the database, ``manage_db=False``, over
``httpx.ASGITransport``), records the statements the request sends to PostgreSQL with their
parameters, then explains each one on the same connection and prints one line a statement: its
execution time, shared buffers hit and read, and its first words. ``--plans`` writes the whole
plans to a file. The page runs twice first, so that caches are as a serving process has them.
"""

from __future__ import annotations

import argparse
import asyncio
import re
import sys
from pathlib import Path
from typing import Any

import httpx
from tortoise import connections

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.growth import PAGES
from bench.pages import SECRET
from portal import db as portal_db
from portal.app import build_app
from portal.auth import issue_access_token
from portal.models import User
from portal.settings import Settings

_TIME = re.compile(r"Execution Time: ([\d.]+) ms")
_BUFFERS = re.compile(r"Buffers: shared(?: hit=(\d+))?(?: read=(\d+))?")


async def _statements(http: httpx.AsyncClient, token: str, query: str) -> list[tuple[str, Any]]:
    seen: list[tuple[str, Any]] = []
    client = type(connections.get("default"))
    # the ORM's statements go through execute_query, the pages' hand-written ones
    # (portal.statements) through execute_query_dict
    originals = {name: getattr(client, name) for name in ("execute_query", "execute_query_dict")}

    def recording(original: Any) -> Any:
        async def recorded(self: Any, sql: str, values: Any = None) -> Any:
            seen.append((sql, values))
            return await original(self, sql, values)

        return recorded

    for name, original in originals.items():
        setattr(client, name, recording(original))
    try:
        answer = await http.post(
            "/graphql", json={"query": query}, headers={"Authorization": f"Bearer {token}"}
        )
    finally:
        for name, original in originals.items():
            setattr(client, name, original)
    answer.raise_for_status()
    if "errors" in answer.json():
        raise SystemExit(answer.text[:500])
    return seen


async def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--database-url", required=True)
    parser.add_argument(
        "--users", nargs="+", default=["hr.skala01", "atasan.skala01", "pegawai.skala01"]
    )
    parser.add_argument("--pages", nargs="+", default=list(PAGES))
    parser.add_argument("--plans", type=Path)
    args = parser.parse_args()
    await portal_db.init_db(args.database_url)
    app = build_app(Settings(database_url=args.database_url, secret_key=SECRET), manage_db=False)
    full: list[str] = []
    try:
        transport = httpx.ASGITransport(app=app)
        async with httpx.AsyncClient(transport=transport, base_url="http://bench") as http:
            for page in args.pages:
                for username in args.users:
                    user = await User.get(username=username)
                    token = issue_access_token(user=user, secret=SECRET, ttl_seconds=600)
                    for _ in range(2):
                        statements = await _statements(http, token, PAGES[page])
                    print(f"\n{page}, {username}: {len(statements)} statements")
                    conn = connections.get("default")
                    for sql, values in statements:
                        _, rows = await conn.execute_query(
                            f"EXPLAIN (ANALYZE, BUFFERS) {sql}", values
                        )
                        plan = [row[0] for row in rows]
                        took = next(m.group(1) for line in plan if (m := _TIME.search(line)))
                        hit = read = 0
                        if first := _BUFFERS.search(" ".join(plan)):
                            hit, read = int(first.group(1) or 0), int(first.group(2) or 0)
                        words = " ".join(sql.split())[:110]
                        print(f"  {float(took):8.2f} ms  hit {hit:6d} read {read:6d}  {words}")
                        full += [f"-- {page}, {username}", sql, str(values), *plan, ""]
    finally:
        await portal_db.close_db()
    if args.plans:
        args.plans.write_text("\n".join(full))


if __name__ == "__main__":
    asyncio.run(main())
