"""Benchmark: GraphQL over HTTP against a real server on SQLite and on PostgreSQL, side by side.

For each backend: migrate and load the demo into a fresh database, start `jenjang serve` on a free
127.0.0.1 port (one worker), log in as hr.serang, then send a bounded number of requests with a
few concurrent clients for each query below. Reports median latency and requests/s per query and
backend, and the PostgreSQL/SQLite ratio of the medians. `/healthz` (plain Starlette JSON, no
database) is the baseline.

    .venv/bin/python bench/graphql_api.py [--requests 200] [--concurrency 4]
"""

from __future__ import annotations

import argparse
import asyncio
import os
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import uuid
from pathlib import Path

import asyncpg
import httpx

QUERIES: dict[str, str] = {
    "viewer": "{ viewer { username roles employee { nip name rank { code name since } } } }",
    "employees_20": "{ employees(first: 20) { totalCount edges { node { nip name } } } }",
    "employees_100_profile": """{ employees(first: 100) { totalCount edges { node {
        nip name rank { code } position { title } orgUnit { name }
        competencyProfile { matchRatio matchCategory } } } } }""",
    "approval_queue_100": """{ approvalQueue(first: 100) { totalCount edges { node {
        kind state version dueAt applicant { name } decisions { action } } } } }""",
}
SECRET = "bench-secret-key-long-enough-0123456789abcdef"


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def jenjang(*args: str, env: dict[str, str]) -> None:
    subprocess.run(
        [sys.executable, "-m", "portal.cli", *args], env=env, check=True, stdout=subprocess.DEVNULL
    )


async def wait_ready(base: str, deadline: float) -> None:
    async with httpx.AsyncClient() as client:
        while time.monotonic() < deadline:
            try:
                if (await client.get(f"{base}/readyz")).status_code == 200:
                    return
            except httpx.TransportError:
                pass
            await asyncio.sleep(0.2)
    raise SystemExit("server did not become ready")


async def load(
    client: httpx.AsyncClient, job: tuple[str, str, dict | None], total: int, concurrency: int
) -> tuple[float, float]:
    """Send ``total`` requests with ``concurrency`` clients; (median ms, requests/s)."""
    name, path, body = job
    latencies: list[float] = []
    remaining = iter(range(total))

    async def worker() -> None:
        for _ in remaining:
            began = time.perf_counter()
            if body is None:
                response = await client.get(path)
            else:
                response = await client.post(path, json=body)
            latencies.append((time.perf_counter() - began) * 1000)
            if response.status_code != 200 or "errors" in response.text[:20]:
                raise SystemExit(f"{name}: {response.status_code} {response.text[:300]}")

    began = time.perf_counter()
    await asyncio.gather(*(worker() for _ in range(concurrency)))
    return statistics.median(latencies), total / (time.perf_counter() - began)


async def measure(base: str, total: int, concurrency: int) -> dict[str, tuple[float, float]]:
    async with httpx.AsyncClient(base_url=base, timeout=30) as client:
        login = await client.post(
            "/auth/token", data={"username": "hr.serang", "password": "jenjang-demo"}
        )
        client.headers["Authorization"] = f"Bearer {login.json()['access_token']}"
        jobs: list[tuple[str, str, dict | None]] = [("healthz", "/healthz", None)]
        jobs += [(name, "/graphql", {"query": q}) for name, q in QUERIES.items()]
        return {job[0]: await load(client, job, total, concurrency) for job in jobs}


def start_server(env: dict[str, str], port: int) -> subprocess.Popen[bytes]:
    return subprocess.Popen(
        [sys.executable, "-m", "portal.cli", "serve", "--port", str(port)],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )


async def run_backend(url: str, args: argparse.Namespace) -> dict[str, tuple[float, float]]:
    env = {
        **os.environ,
        "JENJANG_DATABASE_URL": url,
        "JENJANG_SECRET_KEY": SECRET,
        "JENJANG_RATE_LIMIT_PER_MINUTE": "1000000",
        "JENJANG_LOG_LEVEL": "WARNING",
    }
    jenjang("demo", "--no-serve", env=env)
    port = free_port()
    server = start_server(env, port)
    try:
        base = f"http://127.0.0.1:{port}"
        await wait_ready(base, time.monotonic() + 60)
        return await measure(base, args.requests, args.concurrency)
    finally:
        server.terminate()
        server.wait(timeout=20)


async def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--requests", type=int, default=200)
    parser.add_argument("--concurrency", type=int, default=4)
    parser.add_argument(
        "--postgres",
        default=os.environ.get(
            "JENJANG_TEST_POSTGRES_URL", "postgres://postgres@127.0.0.1:5432/postgres"
        ),
    )
    args = parser.parse_args()
    results = {}
    with tempfile.TemporaryDirectory() as tmp:
        results["sqlite"] = await run_backend(f"sqlite://{Path(tmp) / 'bench.sqlite3'}", args)
    server_url = args.postgres.rsplit("/", 1)[0]
    name = f"jenjang_bench_{uuid.uuid4().hex[:8]}"
    admin = await asyncpg.connect(
        server_url.replace("postgres://", "postgresql://", 1) + "/postgres"
    )
    await admin.execute(f'CREATE DATABASE "{name}"')
    try:
        results["postgres"] = await run_backend(f"{server_url}/{name}", args)
    finally:
        await admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        await admin.close()
    print(f"{args.requests} requests per query, {args.concurrency} concurrent clients, 1 worker")
    print(
        f"{'query':<24}{'sqlite ms':>10}{'req/s':>8}"
        f"{'postgres ms':>13}{'req/s':>8}{'pg/sqlite':>11}"
    )
    for query in results["sqlite"]:
        lite_ms, lite_rps = results["sqlite"][query]
        pg_ms, pg_rps = results["postgres"][query]
        print(
            f"{query:<24}{lite_ms:>10.1f}{lite_rps:>8.0f}{pg_ms:>13.1f}{pg_rps:>8.0f}"
            f"{pg_ms / lite_ms:>11.2f}"
        )


if __name__ == "__main__":
    asyncio.run(main())
