"""``/login`` and ``/logout``: the session of a person at a browser."""

from __future__ import annotations

from starlette.requests import Request
from starlette.responses import RedirectResponse, Response
from starlette.routing import Route

from portal.auth.routes import Throttled, authenticate, refused_field
from portal.i18n import translate
from portal.web.guard import session_viewer
from portal.web.render import language_of, render


def _safe_next(value: str | None) -> str:
    """Only a path of this site (never //host or a scheme) after login."""
    if value and value.startswith("/") and not value.startswith("//") and "\\" not in value:
        return value
    return "/"


async def login(request: Request) -> Response:
    request.state.language = language_of(request)
    target = _safe_next(request.query_params.get("next"))
    if request.method == "GET":
        if await session_viewer(request) is not None:
            return RedirectResponse(target, status_code=303)
        return render(request, "login.html", viewer=None, next=target, username="", error=False)
    form = await request.form()
    username = str(form.get("username") or "")
    target = _safe_next(str(form.get("next") or ""))
    password = str(form.get("password") or "")
    client = request.client.host if request.client else "unknown"
    language = request.state.language
    refused = refused_field(language, username=username, password=password)
    if refused is not None:
        return _failed(request, 400, target, username="", error=refused[1])
    try:
        user = await authenticate(
            request.app.state.web.throttle, username=username, password=password, client=client
        )
    except Throttled as throttled:
        message = translate("errors.login.throttled", language, seconds=throttled.retry_after)
        return _failed(request, 429, target, username=username, error=message)
    if user is None:
        return _failed(request, 401, target, username=username, error=True)
    request.session.clear()  # a fresh session at login (no fixation)
    request.session.update({"uid": user.id, "aid": user.agency_id})
    return RedirectResponse(target, status_code=303)


def _failed(
    request: Request, status: int, target: str, *, username: str, error: str | bool
) -> Response:
    return render(
        request,
        "login.html",
        status_code=status,
        viewer=None,
        next=target,
        username=username,
        error=error,
    )


async def logout(request: Request) -> Response:
    request.state.language = language_of(request)
    if request.method == "GET":
        viewer = await session_viewer(request)
        if viewer is None:
            return RedirectResponse("/login", status_code=303)
        return render(request, "logout.html", viewer=viewer)
    request.session.clear()
    return RedirectResponse("/login?bye=1", status_code=303)


routes = [
    Route("/login", login, methods=["GET", "POST"]),
    Route("/logout", logout, methods=["GET", "POST"]),
]
