"""Decisions per second with one and with two server processes on one PostgreSQL, side by side.

    .venv/bin/python bench/decisions.py [--employees 4000] [--clients 16] [--seconds 20]
        [--keep-template | --template NAME] [--py-spy DIR] [--without-notify]

Generates a fresh agency (``bench/generate.py``) into a new database (or clones ``--template``),
then the supervisors and HR officers approve the requests waiting for them over GraphQL
(``decideCareerRequest``): first half of the work with one ``jenjang serve`` process, the other
half with two (the clients split between them), the same number of clients each time, each
timed after a warm-up of four decisions a client (connections opened, statements prepared). For
each half it prints the CPU milliseconds a decision cost the servers, PostgreSQL and the load
generator, the CPU other work on the machine took meanwhile, and what the database backends
waited for. Afterwards every decided request must have moved exactly once (none lost, none
doubled) and ``jenjang audit verify`` must pass; the last line (``SUMMARY``) sums it up.
"""

from __future__ import annotations

import argparse
import asyncio
import collections
import functools
import json
import os
import subprocess
import sys
import time
import uuid
from pathlib import Path

import asyncpg
import jwt

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.cpu import Meter
from bench.generate import generate, migrate
from bench.loadgen import free_port, start, wait_ready

SECRET = "bench-secret-key-long-enough-0123456789abcdef"
DECIDE = """mutation ($id: ID!, $v: Int!) { decideCareerRequest(input: {requestId: $id,
    expectedVersion: $v, decision: APPROVE}) { __typename } }"""
WORK = """
SELECT r.id, r.version, r.agency_id, min(a.user_id) AS user_id FROM career_request r
JOIN request_assignment a ON a.request_id = r.id
WHERE r.state IN ('SUPERVISOR_REVIEW', 'HR_REVIEW') GROUP BY r.id ORDER BY r.id
"""


def token(user_id: int, agency_id: int) -> str:
    now = int(time.time())
    claims = {
        "sub": str(user_id),
        "agency": agency_id,
        "iat": now,
        "exp": now + 3600,
        "typ": "access",
    }
    return jwt.encode(claims, SECRET, algorithm="HS256")


@functools.cache
def tokens(user_id: int, agency_id: int) -> str:
    """One token a user for the whole run: signing one for every request costs the load CPU."""
    return token(user_id, agency_id)


def global_id(pk: int) -> str:
    import base64

    return base64.urlsafe_b64encode(f"CareerRequest:{pk}".encode()).decode().rstrip("=")


async def decide_all(ports: list[int], work: list, clients: int, seconds: float) -> tuple:
    """Clients take items off one list, each to its own server (round robin); (done, failed, s)."""
    queue = list(reversed(work))
    done: list[int] = []
    failed: list[str] = []
    stop = time.monotonic() + seconds

    async def client(port: int) -> None:
        reader, writer = await asyncio.open_connection("127.0.0.1", port)
        try:
            while queue and time.monotonic() < stop:
                rid, version, agency_id, user_id = queue.pop()
                body = json.dumps(
                    {"query": DECIDE, "variables": {"id": global_id(rid), "v": version}}
                ).encode()
                head = (
                    f"POST /graphql HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
                    f"Authorization: Bearer {tokens(user_id, agency_id)}\r\n"
                    f"Content-Length: {len(body)}\r\n\r\n"
                )
                writer.write(head.encode() + body)
                raw = await reader.readuntil(b"\r\n\r\n")
                length = next(
                    int(line.split(b":")[1])
                    for line in raw.split(b"\r\n")
                    if line.lower().startswith(b"content-length")
                )
                answer = await reader.readexactly(length)
                if b"CareerRequestDecided" in answer:
                    done.append(rid)
                else:
                    failed.append(answer[:200].decode())
        finally:
            writer.close()

    began = time.perf_counter()
    await asyncio.gather(*(client(ports[n % len(ports)]) for n in range(clients)))
    return done, failed, time.perf_counter() - began


def spy(pid: int, where: str | None, processes: int, seconds: float) -> subprocess.Popen | None:
    """py-spy recording the server ``pid`` for the run (it stops by itself)."""
    if where is None:
        return None
    out = Path(where) / f"{processes}proc-{pid}.speedscope.json"
    command = [
        str(Path(sys.executable).parent / "py-spy"),
        "record",
        "--pid",
        str(pid),
        "-f",
        "speedscope",
        "-o",
        str(out),
    ]
    command += ["--duration", str(int(seconds)), "--rate", "200"]
    return subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)


async def sample_waits(
    admin: asyncpg.Connection, database: str, stop: asyncio.Event
) -> collections.Counter[str]:
    """What the busy backends of ``database`` wait for, sampled every 50 ms until ``stop``."""
    seen: collections.Counter[str] = collections.Counter()
    query = (
        "SELECT coalesce(wait_event_type || ':' || wait_event, 'running') FROM pg_stat_activity "
        "WHERE datname = $1 AND state <> 'idle' AND pid <> pg_backend_pid()"
    )
    while not stop.is_set():
        seen.update(r[0] for r in await admin.fetch(query, database))
        await asyncio.sleep(0.05)
    return seen


async def backends(admin: asyncpg.Connection, database: str) -> list[int]:
    """The PostgreSQL server processes serving ``database`` (same host)."""
    rows = await admin.fetch("SELECT pid FROM pg_stat_activity WHERE datname = $1", database)
    return [r["pid"] for r in rows]


async def check(dsn: str, decided: list[int], before: dict[int, int]) -> str:
    conn = await asyncpg.connect(dsn)
    try:
        rows = await conn.fetch(
            "SELECT r.id, r.version, (SELECT count(*) FROM decision d WHERE d.request_id = r.id "
            "AND d.version = r.version) AS last FROM career_request r WHERE r.id = ANY($1::int[])",
            decided,
        )
    finally:
        await conn.close()
    wrong = [r["id"] for r in rows if r["version"] != before[r["id"]] + 1 or r["last"] != 1]
    return f"{len(wrong)} requests not moved exactly once" if wrong else "none lost or doubled"


async def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--employees", type=int, default=4000)
    parser.add_argument("--clients", type=int, default=16)
    parser.add_argument("--seconds", type=float, default=20)
    parser.add_argument(
        "--postgres",
        default=os.environ.get(
            "JENJANG_TEST_POSTGRES_URL", "postgres://postgres@127.0.0.1:5432/postgres"
        ),
    )
    parser.add_argument(
        "--prefix", default="jenjang_decisions", help="name prefix of the databases it makes"
    )
    parser.add_argument(
        "--template",
        help="clone this database (made by an earlier run with --keep-template) instead of "
        "generating a new one",
    )
    parser.add_argument(
        "--keep-template",
        action="store_true",
        help="keep a copy of the generated database as <prefix>_template for --template",
    )
    parser.add_argument(
        "--py-spy",
        metavar="DIR",
        help="profile every server process with py-spy (speedscope files in DIR)",
    )
    parser.add_argument(
        "--without-notify",
        action="store_true",
        help="disable the outbox NOTIFY trigger (diagnosis: does it serialise commits?)",
    )
    args = parser.parse_args()
    server = args.postgres.rsplit("/", 1)[0]
    name = f"{args.prefix}_{uuid.uuid4().hex[:8]}"
    admin = await asyncpg.connect(server.replace("postgres://", "postgresql://", 1) + "/postgres")
    if args.template:
        await admin.execute(f'CREATE DATABASE "{name}" TEMPLATE "{args.template}"')
    else:
        await admin.execute(f'CREATE DATABASE "{name}"')
    url = f"{server}/{name}"
    dsn = url.replace("postgres://", "postgresql://", 1)
    try:
        if not args.template:
            await migrate(url)
            await generate(url, employees=args.employees, requests=10, audit=20)
            if args.keep_template:
                kept = f"{args.prefix}_template"
                await admin.execute(f'DROP DATABASE IF EXISTS "{kept}" WITH (FORCE)')
                await admin.execute(f'CREATE DATABASE "{kept}" TEMPLATE "{name}"')
        conn = await asyncpg.connect(dsn)
        if args.without_notify:
            await conn.execute('ALTER TABLE "outbox_event" DISABLE TRIGGER outbox_event_notify')
        work = [tuple(r) for r in await conn.fetch(WORK)]
        await conn.close()
        before = {w[0]: w[1] for w in work}
        halves = [work[0::2], work[1::2]]
        env = {
            **os.environ,
            "JENJANG_DATABASE_URL": url,
            "JENJANG_SECRET_KEY": SECRET,
            "JENJANG_RATE_LIMIT_PER_MINUTE": "100000000",
            "JENJANG_LOG_LEVEL": "WARNING",
            # The generated requests carry no documents: HR approves without the berkas check.
            "JENJANG_DOCUMENTS_REQUIRED": "0",
        }
        print(f"{len(work)} requests waiting; {args.clients} clients, {args.seconds:.0f} s each")
        rates: dict[int, float] = {}
        verdicts: list[str] = []
        for processes, half in ((1, halves[0]), (2, halves[1])):
            ports = [free_port() for _ in range(processes)]
            servers = [start(["-m", "portal.cli", "serve", "--port", str(p)], env) for p in ports]
            spies: list[subprocess.Popen | None] = []
            try:
                for port in ports:
                    await wait_ready(f"http://127.0.0.1:{port}/healthz", 300)
                # Warm up: every process opens its pooled connections and prepares statements.
                warm = 4 * args.clients
                warmed, _, _ = await decide_all(ports, half[:warm], args.clients, args.seconds)
                half = half[warm:]
                spies = [spy(s.pid, args.py_spy, processes, args.seconds) for s in servers]
                meter = Meter({"servers": [s.pid for s in servers], "load": [os.getpid()]})
                meter.add("postgres", await backends(admin, name))
                meter.start()
                stop = asyncio.Event()
                sampler = asyncio.ensure_future(sample_waits(admin, name, stop))
                done, failed, took = await decide_all(ports, half, args.clients, args.seconds)
                stop.set()
                waits = await sampler
                meter.add("postgres", await backends(admin, name))
                spent = meter.stop()
            finally:
                for s in servers:
                    s.terminate()
                    s.wait(timeout=20)
                for p in spies:
                    if p is not None:
                        p.wait(timeout=60)
            verdict = await check(dsn, warmed + done, before)
            rates[processes] = len(done) / took
            verdicts.append(verdict)
            print(
                f"{processes} process(es): {len(done)} decisions in {took:.1f} s = "
                f"{len(done) / took:.1f}/s, {len(failed)} refused; {verdict}"
            )
            if failed:
                print("  first refusal:", failed[0])
            ours = spent["servers"] + spent["postgres"] + spent["load"]
            print(
                "  CPU ms a decision: "
                + ", ".join(
                    f"{g} {spent[g] * 1000 / max(len(done), 1):.1f}"
                    for g in ("servers", "postgres", "load")
                )
                + f"; other work on the machine meanwhile {(spent['machine'] - ours) / took:.2f}"
                " cores"
            )
            busy = sum(waits.values()) or 1
            print(
                "  database backends at work, by what they waited for: "
                + ", ".join(f"{k} {v * 100 / busy:.0f}%" for k, v in waits.most_common(5))
            )
        verify = await asyncio.to_thread(
            subprocess.run,
            [sys.executable, "-m", "portal.cli", "audit", "verify"],
            env=env,
            capture_output=True,
            text=True,
        )
        print(
            "audit verify:", verify.stdout.strip().splitlines()[-1], f"(exit {verify.returncode})"
        )
        wrong = [v for v in verdicts if v != "none lost or doubled"]
        print(
            f"SUMMARY 1 process {rates[1]:.1f}/s, 2 processes {rates[2]:.1f}/s, "
            f"ratio {rates[2] / rates[1]:.2f}; lost or doubled: {'; '.join(wrong) or 'none'}; "
            f"audit verify {'ok' if verify.returncode == 0 else 'FAILED'}; "
            f"load average {os.getloadavg()[0]:.2f}"
        )
    finally:
        await admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        await admin.close()


if __name__ == "__main__":
    asyncio.run(main())
