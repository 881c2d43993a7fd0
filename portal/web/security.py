"""Security headers on every response of the application, as one ASGI middleware.

A page's own ``Content-Security-Policy`` (GraphiQL's) is kept; every other response gets the strict
policy: scripts and styles only from our own static files, no framing. Over TLS (the scope's
scheme is https, e.g. behind a proxy that uvicorn trusts) HSTS is added and cookies get ``Secure``.
"""

from __future__ import annotations

from starlette.datastructures import MutableHeaders
from starlette.types import ASGIApp, Message, Receive, Scope, Send

STRICT_CSP = (
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
    "font-src 'self'; connect-src 'self'; form-action 'self'; frame-ancestors 'none'; "
    "base-uri 'none'; object-src 'none'"
)
HSTS = "max-age=63072000; includeSubDomains"


class SecurityHeaders:
    """Adds CSP, nosniff, frame and referrer policies (and HSTS over TLS) to every response."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        tls = scope.get("scheme") == "https"

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers = MutableHeaders(scope=message)
                headers.setdefault("Content-Security-Policy", STRICT_CSP)
                headers["X-Content-Type-Options"] = "nosniff"
                headers["X-Frame-Options"] = "DENY"
                headers["Referrer-Policy"] = "same-origin"
                headers.setdefault("Permissions-Policy", "camera=(), microphone=(), geolocation=()")
                if tls:
                    headers["Strict-Transport-Security"] = HSTS
                    _secure_cookies(headers)
            await send(message)

        await self.app(scope, receive, send_with_headers)


def _secure_cookies(headers: MutableHeaders) -> None:
    cookies = headers.getlist("set-cookie")
    if not cookies:
        return
    del headers["set-cookie"]
    for cookie in cookies:
        if "secure" not in [part.strip().lower() for part in cookie.split(";")]:
            cookie = f"{cookie}; Secure"
        headers.append("set-cookie", cookie)
