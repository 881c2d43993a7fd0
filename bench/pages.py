"""Pages at scale against the floor, side by side in one run: throughput, p50 and p99.

    .venv/bin/python bench/pages.py --database-url postgres://.../db [--clients 10 50]
        [--seconds 10] [--users hr.skala01 atasan.skala01] [--pool 10]

The database is one that ``bench/generate.py`` filled. Starts one ``jenjang serve`` process and
one floor process (``bench/floor.py``) on free 127.0.0.1 ports, each with a pool of ten
connections (``--pool``), logs each user in, then for each
page (the queue and the employees page with competency profiles, 50 items), user and client
count runs GraphQL and the floor one after the other for ``--seconds`` each, and prints one
table row with both and their ratios (the targets: GraphQL at least 0.25 of the floor's requests
a second, with a p99 at most 4 times the floor's), and the machine's load before and after.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import sys
from pathlib import Path

import httpx

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.floor import EMPLOYEES, QUEUE
from bench.loadgen import Figures, free_port, hammer, same, start, wait_ready

ROOT = Path(__file__).resolve().parent.parent
SECRET = "bench-secret-key-long-enough-0123456789abcdef"


async def login(port: int, username: str) -> str:
    async with httpx.AsyncClient(base_url=f"http://127.0.0.1:{port}") as client:
        answer = await client.post(
            "/auth/token", data={"username": username, "password": "jenjang-demo"}
        )
        answer.raise_for_status()
        return str(answer.json()["access_token"])


def row(page: str, user: str, clients: int, api: Figures, floor: Figures) -> str:
    return (
        f"| {page} | {user} | {clients} | {api.per_second:.0f} | {api.p50_ms:.0f} | "
        f"{api.p99_ms:.0f} | {floor.per_second:.0f} | {floor.p50_ms:.0f} | {floor.p99_ms:.0f} | "
        f"{api.per_second / floor.per_second:.2f} | {api.p99_ms / floor.p99_ms:.1f} |"
    )


def _load() -> str:
    """The machine's load (1, 5, 15 minutes): it shares its cores with the servers measured."""
    return ", ".join(f"{value:.2f}" for value in os.getloadavg())


async def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--database-url", required=True)
    parser.add_argument("--clients", type=int, nargs="+", default=[10, 50])
    parser.add_argument("--seconds", type=float, default=10)
    parser.add_argument("--users", nargs="+", default=["hr.skala01", "atasan.skala01"])
    parser.add_argument("--pages", nargs="+", default=["queue", "employees"])
    parser.add_argument(
        "--pool",
        type=int,
        default=10,
        help="the server's pool (JENJANG_DATABASE_POOL_SIZE, 5 by default; the floor's: 10)",
    )
    args = parser.parse_args()
    env = {
        **os.environ,
        "JENJANG_DATABASE_URL": args.database_url,
        "JENJANG_SECRET_KEY": SECRET,
        "JENJANG_RATE_LIMIT_PER_MINUTE": "100000000",
        "JENJANG_LOG_LEVEL": "WARNING",
    }
    api_port, floor_port = free_port(), free_port()
    api_env = {**env, "JENJANG_DATABASE_POOL_SIZE": str(args.pool)}
    servers = [
        start(["-m", "portal.cli", "serve", "--port", str(api_port)], api_env),
        start([str(ROOT / "bench" / "floor.py"), "--port", str(floor_port)], env),
    ]
    try:
        await wait_ready(f"http://127.0.0.1:{api_port}/healthz")
        await wait_ready(f"http://127.0.0.1:{floor_port}/")
        queries = {"queue": QUEUE, "employees": EMPLOYEES}
        print(f"load average at the start: {_load()}")
        print(
            "| page | user | clients | GraphQL req/s | p50 ms | p99 ms | floor req/s | p50 ms "
            "| p99 ms | GraphQL ÷ floor (req/s) | p99 × floor |"
        )
        print("| --- " * 11 + "|")
        for page in args.pages:
            for user in args.users:
                token = await login(api_port, user)
                for clients in args.clients:
                    figures = []
                    for port in (api_port, floor_port):
                        body = {"query": queries[page]}
                        await hammer(
                            port,
                            token,
                            same(body),
                            clients=clients,
                            total=4 * clients,
                            seconds=30,
                        )
                        figures.append(
                            await hammer(
                                port,
                                token,
                                same(body),
                                clients=clients,
                                total=1_000_000,
                                seconds=args.seconds,
                            )
                        )
                    print(row(page, user, clients, *figures), flush=True)
        print(f"load average at the end: {_load()}")
    finally:
        for server in servers:
            server.terminate()
            server.wait(timeout=20)


if __name__ == "__main__":
    asyncio.run(main())
