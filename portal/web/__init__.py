"""The web portal: server-rendered pages over the GraphQL schema.

Pages live in ``pages/`` (one module per area), their templates in ``templates/``, their GraphQL
operations in ``operations/``; every asset is served from ``static/`` (vendored libraries in
``static/vendor/``, see its README). :func:`web_middleware` adds the security headers, the signed
session cookie and CSRF protection; :func:`web_routes` the pages.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from asgi_csrf import asgi_csrf
from starlette.middleware import Middleware
from starlette.middleware.sessions import SessionMiddleware
from starlette.requests import Request
from starlette.responses import PlainTextResponse, Response
from starlette.routing import BaseRoute, Mount
from starlette.staticfiles import StaticFiles
from starlette.types import Scope, Send

from portal.auth.throttle import LoginThrottle
from portal.i18n import translate
from portal.settings import Settings
from portal.web.csrf import MultipartCsrf, is_multipart
from portal.web.render import language_of
from portal.web.security import SecurityHeaders

STATIC_DIR = Path(__file__).parent / "static"
SESSION_COOKIE = "jenjang_session"
# Machine clients authenticate with a bearer token, never with the browser's cookies.
_NO_CSRF_PATHS = frozenset({"/graphql", "/auth/token"})
# Checked even without a cookie (login CSRF).
_ALWAYS_PROTECT = frozenset({"/login", "/logout"})


def _skip_csrf(scope: Scope) -> bool:
    # Multipart forms are checked by :class:`MultipartCsrf`, just inside asgi-csrf.
    return scope["path"] in _NO_CSRF_PATHS or is_multipart(scope)


@dataclass(frozen=True)
class WebState:
    """What pages need from the process: the schema to run their operations on."""

    settings: Settings
    schema: Any
    events: Any
    throttle: LoginThrottle


def _derived_key(settings: Settings, purpose: str) -> str:
    """A key per purpose, so that a session cookie can never pass as an access token."""
    return hashlib.sha256(f"jenjang:{purpose}:{settings.secret_key}".encode()).hexdigest()


async def _csrf_failed(scope: Scope, send: Send, message_id: Any) -> None:
    text = translate("web.csrf.failed", "id") + " / " + translate("web.csrf.failed", "en")
    await send(
        {
            "type": "http.response.start",
            "status": 403,
            "headers": [(b"content-type", b"text/plain; charset=utf-8")],
        }
    )
    await send({"type": "http.response.body", "body": text.encode()})


def web_middleware(settings: Settings) -> list[Middleware]:
    """Outermost first: security headers, session cookie, CSRF check of every form."""
    return [
        Middleware(SecurityHeaders),
        Middleware(
            SessionMiddleware,
            secret_key=_derived_key(settings, "session"),
            session_cookie=SESSION_COOKIE,
            max_age=settings.session_idle_seconds,  # re-set on each response: an idle timeout
            same_site="lax",
            https_only=settings.secure_cookies,
        ),
        Middleware(
            asgi_csrf,
            signing_secret=_derived_key(settings, "csrf"),
            always_protect=_ALWAYS_PROTECT,
            skip_if_scope=_skip_csrf,
            cookie_secure=settings.secure_cookies,
            send_csrf_failed=_csrf_failed,
        ),
        Middleware(
            MultipartCsrf,
            signing_secret=_derived_key(settings, "csrf"),
            send_csrf_failed=_csrf_failed,
            skip_paths=_NO_CSRF_PATHS,
            always_protect=_ALWAYS_PROTECT,
        ),
    ]


async def not_found_page(request: Request, exc: Exception) -> Response:
    """Starlette's 404 as our page (in the chosen language), for a browser."""
    from portal.web.guard import not_found, session_viewer

    if "text/html" not in request.headers.get("accept", ""):
        return PlainTextResponse("Not Found", status_code=404)
    request.state.language = language_of(request)
    return not_found(request, await session_viewer(request))


def web_routes() -> list[BaseRoute]:
    from portal.web.pages import (
        accounts,
        admin,
        auth,
        chains,
        delegation,
        documents,
        employee,
        hr,
        notifications,
        queue,
        records,
        requests,
        webhooks,
    )

    return [
        *auth.routes,
        *employee.routes,
        *documents.routes,
        *requests.routes,
        *queue.routes,
        *delegation.routes,
        *hr.routes,
        *accounts.routes,
        *records.routes,
        *admin.routes,
        *chains.routes,
        *webhooks.routes,
        *notifications.routes,
        Mount("/static", StaticFiles(directory=STATIC_DIR), name="static"),
    ]


__all__ = [
    "SESSION_COOKIE",
    "STATIC_DIR",
    "WebState",
    "not_found_page",
    "web_middleware",
    "web_routes",
]
