"""A small load generator: keep-alive HTTP/1.1 clients on asyncio streams, latency per request.

Cheaper per request than a full HTTP client library, so on a 2-core machine the clients take
little of the CPU the servers are measured on. Requests and time are both bounded.
"""

from __future__ import annotations

import asyncio
import json
import socket
import statistics
import subprocess
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import httpx


@dataclass(frozen=True)
class Figures:
    requests: int
    per_second: float
    p50_ms: float
    p99_ms: float


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def start(args: list[str], env: dict[str, str]) -> subprocess.Popen[bytes]:
    return subprocess.Popen(
        [sys.executable, *args], env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
    )


async def wait_ready(url: str, deadline_seconds: float = 60) -> None:
    deadline = time.monotonic() + deadline_seconds
    async with httpx.AsyncClient() as client:
        while time.monotonic() < deadline:
            try:
                await client.get(url)
                return
            except httpx.TransportError:
                await asyncio.sleep(0.2)
    raise SystemExit(f"{url} did not answer")


def _request(port: int, path: str, body: bytes, token: str) -> bytes:
    head = (
        f"POST {path} HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\nContent-Type: application/json\r\n"
        f"Authorization: Bearer {token}\r\nContent-Length: {len(body)}\r\n\r\n"
    )
    return head.encode() + body


async def _exchange(
    reader: asyncio.StreamReader, writer: asyncio.StreamWriter, raw: bytes
) -> tuple[int, bytes]:
    writer.write(raw)
    head = await reader.readuntil(b"\r\n\r\n")
    status = int(head.split(b" ", 2)[1])
    length = 0
    for line in head.split(b"\r\n"):
        if line.lower().startswith(b"content-length:"):
            length = int(line.split(b":", 1)[1])
    return status, await reader.readexactly(length)


def same(body: dict[str, Any]) -> Callable[[int], dict[str, Any]]:
    """A ``body`` for :func:`hammer` that sends the same request every time."""
    return lambda _: body


async def hammer(
    port: int,
    token: str,
    body: Callable[[int], dict[str, Any]],
    *,
    clients: int,
    total: int,
    seconds: float,
    check: Callable[[int, bytes], None] | None = None,
) -> Figures:
    """``clients`` connections send ``body(n)`` until ``total`` requests or ``seconds`` pass."""
    latencies: list[float] = []
    counter = iter(range(total))
    stop = time.monotonic() + seconds

    async def client() -> None:
        reader, writer = await asyncio.open_connection("127.0.0.1", port)
        try:
            for n in counter:
                if time.monotonic() > stop:
                    break
                raw = _request(port, "/graphql", json.dumps(body(n)).encode(), token)
                began = time.perf_counter()
                status, payload = await _exchange(reader, writer, raw)
                latencies.append((time.perf_counter() - began) * 1000)
                if check is not None:
                    check(status, payload)
                elif status != 200 or payload.startswith(b'{"errors"'):
                    raise SystemExit(f"{status}: {payload[:300]!r}")
        finally:
            writer.close()

    began = time.perf_counter()
    await asyncio.gather(*(client() for _ in range(clients)))
    elapsed = time.perf_counter() - began
    latencies.sort()
    p99 = latencies[min(len(latencies) - 1, int(len(latencies) * 0.99))]
    return Figures(len(latencies), len(latencies) / elapsed, statistics.median(latencies), p99)
