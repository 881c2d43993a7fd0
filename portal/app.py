"""The Starlette application: routes, middleware and lifespan."""

from __future__ import annotations

import contextlib
import gc
import logging
from collections.abc import AsyncIterator

from starlette.applications import Starlette
from starlette.middleware import Middleware
from starlette.requests import Request
from starlette.responses import JSONResponse
from starlette.routing import Route, WebSocketRoute
from tortoise import connections

from portal import db, decrees, documents, passwords, scheduler
from portal.auth import TokenEndpoint, login_throttle
from portal.auth.password_link import set_password
from portal.counters import build_counters
from portal.events import EventHub
from portal.graphql_app import GraphQLEndpoint
from portal.integrations import dispatcher
from portal.me import export_my_data
from portal.observability.metrics import MetricsEndpoint
from portal.observability.middleware import ObservabilityMiddleware
from portal.settings import Settings, get_settings
from portal.unavailable import DatabaseUnavailable
from portal.web import WebState, not_found_page, web_middleware, web_routes

log = logging.getLogger("jenjang")


def _settle_garbage_collector() -> None:
    """A serving process: what startup made lives for good, so full collections skip it.

    Each page allocates tens of thousands of short-lived objects (rows, GraphQL results); with
    the startup heap frozen and young collections less frequent, a page costs less CPU. The
    middle generation is collected every 5 young collections, so what it gathers (what was in
    flight at a young collection and ended in a reference cycle) stays small: left for 50 it
    grew to some 90,000 objects, a 45 ms pause that showed in the pages' p99 (before
    schema/acyclic_execution.py removed the executor's cycle).
    """
    gc.collect()
    gc.freeze()
    gc.set_threshold(20_000, 5, 1000)


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
    schema = build_schema(settings)
    counters = build_counters(settings.database_url, settings.redis_url)
    graphql = GraphQLEndpoint(schema, settings, counters, events)
    throttle = login_throttle(settings, counters)  # the form and /auth/token share it

    @contextlib.asynccontextmanager
    async def lifespan(app: Starlette) -> AsyncIterator[None]:
        if manage_db:
            await db.init_db(settings.database_url)
        ticker = None
        sender = None
        try:
            await db.ensure_migrated()
            passwords.prepare()
            if settings.scheduler_enabled:  # escalation of overdue stages; off unless enabled
                ticker = scheduler.start(settings.scheduler_interval_seconds)
            if settings.dispatcher_enabled:  # webhooks and email; or run `jenjang dispatch`
                sender = dispatcher.start(settings)
            await events.start()
            if manage_db:
                _settle_garbage_collector()
            yield
        finally:
            await events.stop()
            await dispatcher.stop(sender)
            await scheduler.stop(ticker)
            await counters.close()
            if manage_db:
                await db.close_db()

    routes = [
        Route("/healthz", healthz),
        Route("/readyz", readyz),
        # A bound method, so Starlette passes a Request (an instance would be called as ASGI).
        Route("/auth/token", TokenEndpoint(settings, throttle).__call__, methods=["POST"]),
        Route("/auth/password", set_password, methods=["POST"]),
        Route("/verify/{code}", decrees.verify, methods=["GET"]),
        Route("/documents", documents.upload, methods=["POST"]),
        Route("/documents/{document_id}", documents.download, methods=["GET"]),
        Route("/decrees/{code}.pdf", decrees.download, methods=["GET"]),
        Route("/graphql", graphql, methods=["GET", "POST"]),
        WebSocketRoute("/graphql", graphql),
        *web_routes(),
        Route("/me/export.json", export_my_data, methods=["GET"]),
    ]
    if settings.metrics_enabled:
        routes.insert(0, Route("/metrics", MetricsEndpoint(settings.metrics_token).__call__))
    app = Starlette(
        routes=routes,
        lifespan=lifespan,
        middleware=[
            Middleware(ObservabilityMiddleware, routes=routes),
            Middleware(DatabaseUnavailable),
            *web_middleware(settings),
        ],
        exception_handlers={404: not_found_page},
    )
    app.state.settings = settings
    app.state.counters = counters
    app.state.web = WebState(settings=settings, schema=schema, events=events, throttle=throttle)
    return app
