"""The Starlette application: routes, middleware and lifespan."""

from __future__ import annotations

import contextlib
import logging
from collections.abc import AsyncIterator

from starlette.applications import Starlette
from starlette.middleware import Middleware
from starlette.requests import Request
from starlette.responses import JSONResponse
from starlette.routing import Route, WebSocketRoute
from tortoise import connections

from portal import db, scheduler
from portal.auth import TokenEndpoint
from portal.counters import build_counters
from portal.events import EventHub
from portal.graphql_app import GraphQLEndpoint
from portal.settings import Settings, get_settings
from portal.unavailable import DatabaseUnavailable

log = logging.getLogger("jenjang")


async def healthz(request: Request) -> JSONResponse:
    """The process is alive."""
    return JSONResponse({"status": "ok"})


async def readyz(request: Request) -> JSONResponse:
    """The database answers."""
    try:
        await connections.get("default").execute_query("SELECT 1")
    except Exception as exc:  # any failure means not ready
        log.warning("readiness check failed: %s", exc)
        return JSONResponse({"status": "unavailable"}, status_code=503)
    return JSONResponse({"status": "ok"})


def build_app(settings: Settings | None = None, *, manage_db: bool = True) -> Starlette:
    """The application; ``manage_db=False`` when the caller (a test) owns the ORM."""
    settings = settings or get_settings()
    settings.require_secret()
    from schema import build_schema

    events = EventHub(settings.database_url)
    counters = build_counters(settings.database_url, settings.redis_url)
    graphql = GraphQLEndpoint(build_schema(settings), settings, counters, events)

    @contextlib.asynccontextmanager
    async def lifespan(app: Starlette) -> AsyncIterator[None]:
        if manage_db:
            await db.init_db(settings.database_url)
        ticker = None
        try:
            await db.ensure_migrated()
            if settings.scheduler_enabled:  # escalation of overdue stages; off unless enabled
                ticker = scheduler.start(settings.scheduler_interval_seconds)
            await events.start()
            yield
        finally:
            await events.stop()
            await scheduler.stop(ticker)
            await counters.close()
            if manage_db:
                await db.close_db()

    routes = [
        Route("/healthz", healthz),
        Route("/readyz", readyz),
        # A bound method, so Starlette passes a Request (an instance would be called as ASGI).
        Route("/auth/token", TokenEndpoint(settings, counters).__call__, methods=["POST"]),
        Route("/graphql", graphql, methods=["GET", "POST"]),
        WebSocketRoute("/graphql", graphql),
    ]
    app = Starlette(routes=routes, lifespan=lifespan, middleware=[Middleware(DatabaseUnavailable)])
    app.state.settings = settings
    app.state.counters = counters
    return app
