"""Benchmark: webhook throughput of the dispatcher, from committed outbox events to a receiver.

Writes N outbox events over K subjects (requests) into a fresh migrated database (SQLite, and
PostgreSQL when given), subscribes a local receiver (uvicorn on 127.0.0.1, a free port) and runs D
dispatchers until every event is delivered. Prints deliveries per second per backend.

    .venv/bin/python bench/webhook_delivery.py [--events 500] [--subjects 50] [--dispatchers 2]
                                               [--postgres postgres://postgres@127.0.0.1/postgres]
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import os
import socket
import tempfile
import time
import uuid
from pathlib import Path

import asyncpg
import uvicorn
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route

os.environ.setdefault("JENJANG_SECRET_KEY", "bench-secret-key-long-enough-0123456789abcdef")

from portal import db
from portal.integrations.dispatcher import Dispatcher
from portal.models import Agency, OutboxEvent, WebhookDelivery, WebhookEndpoint
from portal.settings import Settings

received = 0


async def receive(request: Request) -> Response:
    global received
    await request.body()
    received += 1
    return Response(status_code=204)


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


async def run(url: str, events: int, subjects: int, workers: int, hook: str) -> float:
    await db.init_db(url)
    try:
        await db.migrate()
        agency = await Agency.create(code="bench", name="Bench")
        await WebhookEndpoint.create(
            agency=agency, url=hook, secret="whsec_bench", topics=["career_request.*"]
        )
        await OutboxEvent.bulk_create(
            [
                OutboxEvent(
                    agency=agency,
                    topic="career_request.approve",
                    subject_id=str(i % subjects),
                    payload={"state": "HR_REVIEW", "version": i},
                )
                for i in range(events)
            ]
        )
        settings = Settings(database_url=url, webhook_allow_private=True)
        dispatchers = [Dispatcher(settings) for _ in range(workers)]
        start = time.perf_counter()
        while await WebhookDelivery.filter(status="DELIVERED").count() < events:
            await asyncio.gather(*(d.run_once() for d in dispatchers))
        elapsed = time.perf_counter() - start
        for d in dispatchers:
            await d.close()
        return elapsed
    finally:
        await db.close_db()


async def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--events", type=int, default=500)
    parser.add_argument("--subjects", type=int, default=50)
    parser.add_argument("--dispatchers", type=int, default=2)
    parser.add_argument("--postgres", default="")
    args = parser.parse_args()
    port = free_port()
    server = uvicorn.Server(
        uvicorn.Config(
            Starlette(routes=[Route("/", receive, methods=["POST"])]),
            host="127.0.0.1",
            port=port,
            log_level="warning",
        )
    )
    task = asyncio.create_task(server.serve())
    for _ in range(500):  # at most 10 s
        if server.started:
            break
        await asyncio.sleep(0.02)
    hook = f"http://127.0.0.1:{port}/"
    try:
        with tempfile.TemporaryDirectory() as work:
            targets = [("sqlite", f"sqlite://{Path(work) / 'bench.sqlite3'}")]
            name = f"jenjang_bench_{uuid.uuid4().hex[:8]}"
            if args.postgres:
                admin = await asyncpg.connect(args.postgres.replace("postgres://", "postgresql://"))
                await admin.execute(f'CREATE DATABASE "{name}"')
                base = args.postgres.rsplit("/", 1)[0]
                targets.append(("postgres", f"{base}/{name}"))
            try:
                for backend, url in targets:
                    elapsed = await run(url, args.events, args.subjects, args.dispatchers, hook)
                    print(
                        f"{backend}: {args.events} events over {args.subjects} requests, "
                        f"{args.dispatchers} dispatchers: {elapsed:.2f} s, "
                        f"{args.events / elapsed:.0f} deliveries/s"
                    )
            finally:
                if args.postgres:
                    await admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
                    await admin.close()
    finally:
        server.should_exit = True
        with contextlib.suppress(asyncio.CancelledError):
            await task


if __name__ == "__main__":
    asyncio.run(main())
