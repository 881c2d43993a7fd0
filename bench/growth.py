"""How each page's cost grows with the agency: one server per database, measured side by side.

    .venv/bin/python bench/growth.py --database-url 1k=postgres://.../scale_1k \\
        10k=postgres://.../scale_10k 100k=postgres://.../scale_100k [--clients 4]
        [--requests 40] [--rounds 2] [--users hr.skala01 atasan.skala01 pegawai.skala01]

Each database is one that ``bench/generate.py`` filled (its agency ``skala01``). Starts one
``jenjang serve`` process per database on free 127.0.0.1 ports, logs each user in, then for every
page and user runs ``--requests`` requests from ``--clients`` clients against each server in
turn, ``--rounds`` times (so that a busy moment of the machine hits every size alike), and
prints the median of the rounds' p50 per size with its ratio to the first size. Afterwards the
resident memory of each server process (``VmRSS`` and its peak ``VmHWM`` from ``/proc``).
Requests and time are bounded; the servers are stopped at the end.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import statistics
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.floor import EMPLOYEES, QUEUE
from bench.loadgen import free_port, hammer, same, start, wait_ready
from bench.pages import SECRET, login

SEARCH = """
{ employees(first: 50, filter: {search: "wahyu"}) { totalCount nodes { nip name } } }
"""
PAGES = {"queue": QUEUE, "employees": EMPLOYEES, "search": SEARCH}


def memory(pid: int) -> dict[str, int]:
    """VmRSS and VmHWM of a process, in kB."""
    out = {}
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        key, _, value = line.partition(":")
        if key in ("VmRSS", "VmHWM"):
            out[key] = int(value.split()[0])
    return out


async def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--database-url", nargs="+", required=True, help="LABEL=URL ...")
    parser.add_argument("--clients", type=int, default=4)
    parser.add_argument("--requests", type=int, default=40)
    parser.add_argument("--seconds", type=float, default=60, help="at most, per measurement")
    parser.add_argument("--rounds", type=int, default=2)
    parser.add_argument(
        "--users", nargs="+", default=["hr.skala01", "atasan.skala01", "pegawai.skala01"]
    )
    parser.add_argument("--pages", nargs="+", default=list(PAGES))
    args = parser.parse_args()
    sizes = [tuple(item.split("=", 1)) for item in args.database_url]
    servers = {}
    try:
        for label, url in sizes:
            port = free_port()
            env = {
                **os.environ,
                "JENJANG_DATABASE_URL": url,
                "JENJANG_SECRET_KEY": SECRET,
                "JENJANG_RATE_LIMIT_PER_MINUTE": "100000000",
                "JENJANG_LOG_LEVEL": "WARNING",
            }
            servers[label] = (port, start(["-m", "portal.cli", "serve", "--port", str(port)], env))
        for port, _ in servers.values():
            await wait_ready(f"http://127.0.0.1:{port}/healthz")
        idle = {label: memory(process.pid) for label, (_, process) in servers.items()}
        tokens = {
            (label, user): await login(port, user)
            for label, (port, _) in servers.items()
            for user in args.users
        }
        labels = [label for label, _ in sizes]
        print(
            f"p50 ms at {args.clients} clients, median of {args.rounds} rounds of "
            f"{args.requests} requests"
        )
        print(
            "| page | user | "
            + " | ".join(labels)
            + " | "
            + " | ".join(f"{label} ÷ {labels[0]}" for label in labels[1:])
            + " |"
        )
        print("| --- " * (2 + 2 * len(labels) - 1) + "|")
        for page in args.pages:
            body = {"query": PAGES[page]}
            for user in args.users:
                p50s: dict[str, list[float]] = {label: [] for label in labels}
                for label in labels:  # warm up: caches, connections, the first plan
                    port = servers[label][0]
                    await hammer(
                        port,
                        tokens[label, user],
                        same(body),
                        clients=args.clients,
                        total=args.clients,
                        seconds=args.seconds,
                    )
                for _ in range(args.rounds):
                    for label in labels:
                        figures = await hammer(
                            servers[label][0],
                            tokens[label, user],
                            same(body),
                            clients=args.clients,
                            total=args.requests,
                            seconds=args.seconds,
                        )
                        p50s[label].append(figures.p50_ms)
                medians = [statistics.median(p50s[label]) for label in labels]
                print(
                    f"| {page} | {user.split('.')[0]} | "
                    + " | ".join(f"{m:.0f}" for m in medians)
                    + " | "
                    + " | ".join(f"{m / medians[0]:.2f}" for m in medians[1:])
                    + " |",
                    flush=True,
                )
        print()
        print("| database | VmRSS idle | VmRSS after | VmHWM (peak) |")
        print("| --- | --- | --- | --- |")
        for label, (_, process) in servers.items():
            now = memory(process.pid)
            print(
                f"| {label} | {idle[label]['VmRSS'] / 1024:.0f} MB | "
                f"{now['VmRSS'] / 1024:.0f} MB | {now['VmHWM'] / 1024:.0f} MB |"
            )
    finally:
        for _, process in servers.values():
            process.terminate()
            process.wait(timeout=20)


if __name__ == "__main__":
    asyncio.run(main())
