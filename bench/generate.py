"""Generate agencies at national scale into a Jenjang database, fast (bulk inserts / COPY).

    .venv/bin/python bench/generate.py --employees 100000 [--agencies 1] [--requests 10]
        [--audit 50] [--database-url postgres://...|sqlite://path]

Migrates the database, then adds new agencies (codes ``skala01``, ``skala02``, ...) with an org
tree, positions and competency standards, employees with valid NIPs and supervisors, accounts
(password ``jenjang-demo``; ``hr.<code>``, ``hrhead.<code>``, ``atasan.<code>``,
``pegawai.<code>``, ``komite1-3.<code>``, ``admin.<code>``), assessments, two annual
evaluations, ``--requests`` career requests per employee in every state with their decisions,
votes and assignments, and about ``--audit`` audit entries per employee in a valid hash chain.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.scale.chain import AUDIT_COLUMNS, Chain
from bench.scale.requests import RequestBuilder
from bench.scale.shape import Builder, utc_now
from bench.scale.sink import sink_for
from bench.scale.tables import Ids, RequestTables, Tables
from portal import db as portal_db
from portal.auth import hash_password
from portal.demo.accounts import DEMO_PASSWORD

TABLES = (
    "agency",
    "competency",
    "competency_level",
    "org_unit",
    "position",
    "position_competency",
    "employee",
    "rank_history",
    "position_history",
    "user_account",
    "user_role",
    "assessment",
    "performance_evaluation",
    "career_request",
    "decision",
    "committee_vote",
    "request_assignment",
    "audit_entry",
)


@dataclass
class Summary:
    agencies: list[str] = field(default_factory=list)
    rows: dict[str, int] = field(default_factory=dict)
    seconds: float = 0.0


async def migrate(url: str) -> None:
    await portal_db.init_db(url, global_fallback=False)
    try:
        await portal_db.migrate()
    finally:
        await portal_db.close_db()


async def generate(
    url: str,
    *,
    employees: int,
    agencies: int = 1,
    requests: int = 10,
    audit: int = 50,
    open_share: float = 0.15,
    seed: int = 2017,
    log: bool = False,
) -> Summary:
    """Add ``agencies`` agencies of ``employees`` employees each to the migrated database."""
    began = time.perf_counter()
    summary = Summary()
    password_hash = hash_password(DEMO_PASSWORD)
    sink = sink_for(url)
    await sink.open()
    try:
        ids = Ids({t: await sink.max_id(t) for t in TABLES})
        taken = await sink.codes()
        codes = (f"skala{n:02d}" for n in range(1, 1000))
        for n in range(agencies):
            code = next(c for c in codes if c not in taken)
            now = utc_now()
            tables, request_tables = Tables(), RequestTables()
            agency = Builder(
                code=code,
                employees=employees,
                ids=ids,
                tables=tables,
                seed=seed,
                password_hash=password_hash,
                now=now,
                serial=(ids.last("employee") + 1) * 7 + n,
            ).build()
            made = RequestBuilder(
                agency,
                per_employee=requests,
                open_share=open_share,
                ids=ids,
                tables=request_tables,
                seed=seed,
                now=now,
            ).build()
            for table in (*tables.all(), *request_tables.all()):
                for chunk in table.drain():
                    await sink.write(table.name, table.columns, chunk)
                    summary.rows[table.name] = summary.rows.get(table.name, 0) + len(chunk)
            chain = Chain(
                agency,
                made,
                per_employee=audit,
                seed=seed,
                now=now,
                first_id=ids.take("audit_entry", 0),
            )
            total = len(chain)
            ids.take("audit_entry", total)
            for chunk in chain.rows():
                await sink.write("audit_entry", AUDIT_COLUMNS, chunk)
            summary.rows["audit_entry"] = summary.rows.get("audit_entry", 0) + total
            summary.agencies.append(code)
            if log:
                print(
                    f"{code}: {len(agency.people)} employees, {len(made)} requests, "
                    f"{total} audit entries ({time.perf_counter() - began:.0f} s)"
                )
    finally:
        await sink.close()
    summary.seconds = time.perf_counter() - began
    return summary


async def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawTextHelpFormatter
    )
    parser.add_argument("--employees", type=int, default=1000, help="employees per agency")
    parser.add_argument("--agencies", type=int, default=1)
    parser.add_argument("--requests", type=int, default=10, help="career requests per employee")
    parser.add_argument("--audit", type=int, default=50, help="audit entries per employee")
    parser.add_argument("--seed", type=int, default=2017)
    parser.add_argument("--database-url", default=os.environ.get("JENJANG_DATABASE_URL", ""))
    args = parser.parse_args()
    if not args.database_url:
        raise SystemExit("give --database-url or set JENJANG_DATABASE_URL")
    await migrate(args.database_url)
    summary = await generate(
        args.database_url,
        employees=args.employees,
        agencies=args.agencies,
        requests=args.requests,
        audit=args.audit,
        seed=args.seed,
        log=True,
    )
    for table, count in summary.rows.items():
        print(f"{table:24} {count:>10}")
    print(f"{summary.seconds:.1f} s")


if __name__ == "__main__":
    asyncio.run(main())
