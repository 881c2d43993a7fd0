"""ASGI middleware: the request id (``X-Request-ID`` in and out), HTTP metrics, access log."""

from __future__ import annotations

import logging
import time
from collections.abc import Sequence

from starlette.routing import BaseRoute, Match
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from portal.observability.context import new_request_id, request_id_var
from portal.observability.metrics import HTTP_LATENCY, HTTP_REQUESTS

log = logging.getLogger("jenjang.http")
HEADER = b"x-request-id"


def route_of(routes: Sequence[BaseRoute], scope: Scope) -> str:
    """The route's path template (never the raw path: unbounded labels, ids in paths)."""
    for route in routes:
        match, _ = route.matches(scope)
        if match == Match.FULL:
            return str(getattr(route, "path", "other"))
    return "unmatched"


class ObservabilityMiddleware:
    def __init__(self, app: ASGIApp, routes: Sequence[BaseRoute] = ()) -> None:
        self.app = app
        self.routes = routes

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] not in ("http", "websocket"):
            await self.app(scope, receive, send)
            return
        offered = dict(scope.get("headers") or []).get(HEADER, b"").decode("latin-1")
        request_id = new_request_id(offered)
        token = request_id_var.set(request_id)
        scope.setdefault("state", {})["request_id"] = request_id
        status = 500
        started = time.perf_counter()

        async def send_with_id(message: Message) -> None:
            nonlocal status
            if message["type"] == "http.response.start":
                status = message["status"]
                headers = [(k, v) for k, v in message.get("headers", []) if k.lower() != HEADER]
                message = {**message, "headers": [*headers, (HEADER, request_id.encode())]}
            await send(message)

        try:
            await self.app(scope, receive, send_with_id)
        finally:
            if scope["type"] == "http":
                elapsed = time.perf_counter() - started
                route = route_of(self.routes, scope)
                method = scope.get("method", "GET")
                HTTP_REQUESTS.labels(method=method, route=route, status=str(status)).inc()
                HTTP_LATENCY.labels(method=method, route=route).observe(elapsed)
                log.info("%s %s %s %.1fms", method, route, status, elapsed * 1000)
            request_id_var.reset(token)
