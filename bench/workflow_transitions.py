"""Benchmark: latency of workflow transitions on SQLite and PostgreSQL, side by side.

Loads the demo (reduced scale) into a fresh SQLite file and a fresh PostgreSQL database, then on
each: the demo ``pegawai`` submits a rotation and withdraws it N times (two transitions, each one
transaction with compare-and-set, decision, audit entry and outbox event), and a promotion runs
once through every stage. Prints medians per backend and the PostgreSQL/SQLite ratio.

    .venv/bin/python bench/workflow_transitions.py [--rounds 40] [--postgres postgres://...]
"""

from __future__ import annotations

import argparse
import asyncio
import functools
import os
import statistics
import tempfile
import time
import uuid
from collections.abc import Awaitable, Callable
from pathlib import Path
from typing import Any

import asyncpg

os.environ.setdefault("JENJANG_SECRET_KEY", "bench-secret-key-long-enough-0123456789abcdef")

from portal import db
from portal.auth import viewer_for_user
from portal.demo import load_demo
from portal.models import Position, User
from portal.vocabulary import RequestKind
from workflows.career import service
from workflows.errors import DomainError


async def timed(samples: list[float], work: Callable[[], Awaitable[Any]]) -> Any:
    start = time.perf_counter()
    result = await work()
    samples.append((time.perf_counter() - start) * 1000)
    return result


async def _rotation_target(actor: Any) -> int:
    for position in await Position.filter(agency_id=actor.agency_id).order_by("id"):
        details = {"target_position_id": position.id, "reason": "benchmark"}
        try:
            request = await service.submit(actor=actor, kind=RequestKind.ROTATION, details=details)
        except DomainError:
            continue
        await service.withdraw(actor=actor, request_id=request.id, expected_version=request.version)
        return position.id
    raise SystemExit("no rotation target is open to the demo pegawai")


async def run_backend(url: str, rounds: int) -> dict[str, list[float]]:
    await db.init_db(url)
    try:
        await db.migrate()
        await load_demo(scale=0.3)
        user = await User.get(username="pegawai.serang")
        actor = await viewer_for_user(user)
        target = await _rotation_target(actor)
        samples: dict[str, list[float]] = {"submit": [], "withdraw": []}
        details = {"target_position_id": target, "reason": "benchmark"}
        for _ in range(rounds):
            request = await timed(
                samples["submit"],
                lambda: service.submit(actor=actor, kind=RequestKind.ROTATION, details=details),
            )
            await timed(
                samples["withdraw"],
                functools.partial(
                    service.withdraw,
                    actor=actor,
                    request_id=request.id,
                    expected_version=request.version,
                ),
            )
        return samples
    finally:
        await db.close_db()


async def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--rounds", type=int, default=40)
    parser.add_argument(
        "--postgres",
        default=os.environ.get(
            "JENJANG_TEST_POSTGRES_URL", "postgres://postgres@127.0.0.1:5432/postgres"
        ),
    )
    args = parser.parse_args()
    results: dict[str, dict[str, list[float]]] = {}
    with tempfile.TemporaryDirectory() as tmp:
        results["sqlite"] = await run_backend(
            f"sqlite://{Path(tmp) / 'bench.sqlite3'}", args.rounds
        )
    name = f"jenjang_bench_{uuid.uuid4().hex[:8]}"
    admin = args.postgres.rsplit("/", 1)[0] + "/postgres"
    conn = await asyncpg.connect(admin.replace("postgres://", "postgresql://", 1))
    await conn.execute(f'CREATE DATABASE "{name}"')
    try:
        results["postgres"] = await run_backend(
            args.postgres.rsplit("/", 1)[0] + f"/{name}", args.rounds
        )
    finally:
        await conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        await conn.close()
    print(
        f"{'transition':<10} {'sqlite ms':>10} {'postgres ms':>12} {'pg/sqlite':>10}"
        f"  (median of {args.rounds})"
    )
    for key in ("submit", "withdraw"):
        lite = statistics.median(results["sqlite"][key])
        pg = statistics.median(results["postgres"][key])
        print(f"{key:<10} {lite:>10.2f} {pg:>12.2f} {pg / lite:>10.2f}")


if __name__ == "__main__":
    asyncio.run(main())
