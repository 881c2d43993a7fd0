"""503 with ``Retry-After`` while the database cannot be reached, instead of a bare 500.

Any request whose handler fails because the database is unreachable (see
:func:`portal.faults.classify`) is answered ``503 Service Unavailable`` with ``Retry-After`` and
an error with ``extensions.code = "UNAVAILABLE"``: the caller knows that nothing is wrong with
its request and that a retry is safe. Nothing needs restarting: the connection pool reconnects by
itself on the next request once the database is back.
"""

from __future__ import annotations

import logging

from starlette.datastructures import Headers
from starlette.responses import JSONResponse
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from portal.faults import classify
from portal.i18n import negotiate, translate

log = logging.getLogger("jenjang")

RETRY_AFTER_SECONDS = 5


def unavailable_response(language: str) -> JSONResponse:
    """The 503 answer, in GraphQL's error shape (and OAuth's ``temporarily_unavailable``)."""
    message = translate("errors.unavailable", language)
    return JSONResponse(
        {
            "errors": [{"message": message, "extensions": {"code": "UNAVAILABLE"}}],
            "error": "temporarily_unavailable",
            "error_description": message,
        },
        status_code=503,
        headers={"Retry-After": str(RETRY_AFTER_SECONDS), "Cache-Control": "no-store"},
    )


class DatabaseUnavailable:
    """ASGI middleware: an unreachable database becomes 503 + Retry-After (not 500)."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        started = False

        async def tracked(message: Message) -> None:
            nonlocal started
            started = started or message["type"] == "http.response.start"
            await send(message)

        try:
            await self.app(scope, receive, tracked)
        except Exception as exc:
            if started or classify(exc) != "UNAVAILABLE":
                raise
            log.warning("database unavailable at %s: %r", scope.get("path"), exc)
            language = negotiate(Headers(scope=scope).get("accept-language"))
            await unavailable_response(language)(scope, receive, send)
