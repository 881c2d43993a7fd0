"""Benchmark: the portal's pages beside the GraphQL operations they execute.

Loads the demo into a fresh SQLite database, starts `jenjang serve` on a free 127.0.0.1 port
(one worker), and for each main page sends a bounded number of requests with 4 concurrent
clients twice: the page itself (session cookie) and, as one unit, the same named operations from
`portal/web/operations/` over `POST /graphql` (bearer token, same user, same variables). Reports
the median latency of each and their ratio: what the page layer (session, templates, headers)
adds on top of the API.

    .venv/bin/python bench/web_pages.py [--requests 100] [--concurrency 4]
"""

from __future__ import annotations

import argparse
import asyncio
import os
import re
import statistics
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import httpx

sys.path.insert(0, str(Path(__file__).parents[1]))
from bench.graphql_api import SECRET, free_port, jenjang, start_server, wait_ready
from portal.web.operations import operations

PASSWORD = "jenjang-demo"
ROUNDS = 4


@dataclass
class Page:
    name: str
    username: str
    path: str
    calls: list[tuple[str, dict[str, Any]]] = field(default_factory=list)


async def session(base: str, username: str) -> httpx.AsyncClient:
    client = httpx.AsyncClient(base_url=base, timeout=30)
    form = await client.get("/login")
    token = re.search(r'name="csrftoken" value="([^"]+)"', form.text)
    assert token
    done = await client.post(
        "/login", data={"csrftoken": token.group(1), "username": username, "password": PASSWORD}
    )
    assert done.status_code == 303, done.text
    return client


async def bearer(base: str, username: str) -> httpx.AsyncClient:
    client = httpx.AsyncClient(base_url=base, timeout=30)
    login = await client.post("/auth/token", data={"username": username, "password": PASSWORD})
    client.headers["Authorization"] = f"Bearer {login.json()['access_token']}"
    return client


async def graphql(client: httpx.AsyncClient, name: str, variables: dict[str, Any]) -> Any:
    body = {"query": operations()[name].document, "operationName": name, "variables": variables}
    response = await client.post("/graphql", json=body)
    data = response.json()
    if response.status_code != 200 or data.get("errors"):
        raise SystemExit(f"{name}: {response.status_code} {response.text[:300]}")
    return data["data"]


async def pages(base: str, year: int) -> list[Page]:
    """The main pages and the operations (with variables) each executes, for the demo users."""
    api = await bearer(base, "pegawai.serang")
    me = (await graphql(api, "Dashboard", {}))["viewer"]["employee"]
    await api.aclose()
    hr = await bearer(base, "hr.serang")
    request_id = (await graphql(hr, "Queue", {}))["approvalQueue"]["nodes"][0]["id"]
    await hr.aclose()
    return [
        Page("dashboard", "pegawai.serang", "/", [("Dashboard", {})]),
        Page("my requests", "pegawai.serang", "/requests",
             [("MyRequests", {"applicant": me["id"]})]),
        Page("request", "hr.serang", f"/requests/{request_id}",
             [("RequestPage", {"id": request_id})]),
        Page("profile", "pegawai.serang", f"/employees/{me['nip']}",
             [("Profile", {"nip": me["nip"]}), ("ProfileMerit", {"employeeId": me["id"]})]),
        Page("queue", "hr.serang", "/queue", [("Queue", {})]),
        Page("hr", "hr.serang", "/hr", [("HrDashboard", {"year": year})]),
    ]  # fmt: skip


async def timed(total: int, concurrency: int, once: Any, latencies: list[float]) -> None:
    """``total`` calls of ``once`` from ``concurrency`` clients, milliseconds into ``latencies``."""
    remaining = iter(range(total))

    async def worker() -> None:
        for _ in remaining:
            began = time.perf_counter()
            await once()
            latencies.append((time.perf_counter() - began) * 1000)

    await asyncio.gather(*(worker() for _ in range(concurrency)))


async def measure(base: str, args: argparse.Namespace) -> list[tuple[str, str, float, float]]:
    rows = []
    for page in await pages(base, time.gmtime().tm_year):
        browser = await session(base, page.username)
        api = await bearer(base, page.username)

        async def get_page(browser: httpx.AsyncClient = browser, page: Page = page) -> None:
            response = await browser.get(page.path)
            if response.status_code != 200:
                raise SystemExit(f"{page.path}: {response.status_code}")

        async def run_ops(api: httpx.AsyncClient = api, page: Page = page) -> None:
            for name, variables in page.calls:
                await graphql(api, name, variables)

        for warm in (get_page, run_ops):
            await warm()
        page_ms: list[float] = []
        api_ms: list[float] = []
        for _ in range(ROUNDS):  # alternate, so that a busy moment of the machine hits both
            await timed(args.requests // ROUNDS, args.concurrency, get_page, page_ms)
            await timed(args.requests // ROUNDS, args.concurrency, run_ops, api_ms)
        rows.append(
            (
                page.name,
                " + ".join(n for n, _ in page.calls),
                statistics.median(page_ms),
                statistics.median(api_ms),
            )
        )
        await browser.aclose()
        await api.aclose()
    return rows


async def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--requests", type=int, default=100)
    parser.add_argument("--concurrency", type=int, default=4)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        env = {
            **os.environ,
            "JENJANG_DATABASE_URL": f"sqlite://{Path(tmp) / 'bench.sqlite3'}",
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
            rows = await measure(base, args)
        finally:
            server.terminate()
            server.wait(timeout=20)
    print(f"SQLite, {args.requests} requests each, {args.concurrency} concurrent clients, 1 worker")
    print(f"{'page':<14}{'operations':<28}{'page ms':>9}{'graphql ms':>12}{'page/graphql':>14}")
    for name, ops, page_ms, api_ms in rows:
        print(f"{name:<14}{ops:<28}{page_ms:>9.1f}{api_ms:>12.1f}{page_ms / api_ms:>14.2f}")
    ratios = [page_ms / api_ms for _, _, page_ms, api_ms in rows]
    print(f"median ratio {statistics.median(ratios):.2f}")


if __name__ == "__main__":
    asyncio.run(main())
