"""Who is browsing (the session's user) and the wrapper every page goes through.

The session cookie (Starlette's signed ``SessionMiddleware``) holds only the user's id and
agency; the viewer is read again on every request, so a deactivated user is out at once. The
cookie is re-signed on every response and expires after the idle timeout.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from functools import wraps
from urllib.parse import quote

from starlette.requests import Request
from starlette.responses import RedirectResponse, Response

from portal.auth import viewer_for_user, viewer_from_request
from portal.models import User
from portal.viewer import Viewer
from portal.vocabulary import Role
from portal.web.operations import OperationFailed, execute
from portal.web.render import keep_language, language_of, render

Handler = Callable[[Request, Viewer], Awaitable[Response]]


class PageNotFound(Exception):
    """Unknown here, or another agency's or another employee's: the same 404 page."""


class PageForbidden(Exception):
    """The viewer lacks the role the page needs."""


async def session_viewer(request: Request) -> Viewer | None:
    user_id = request.session.get("uid")
    if not isinstance(user_id, int):
        return None
    user = await User.get_or_none(id=user_id, is_active=True)
    if user is None or user.agency_id != request.session.get("aid"):
        request.session.clear()
        return None
    return await viewer_for_user(user)


async def unread_count(request: Request, viewer: Viewer) -> int | None:
    """The viewer's unread notifications, for the header of every page."""
    try:
        data = await execute(request, "UnreadCount", viewer)
    except OperationFailed:  # the header goes without the count; the page itself still answers
        return None
    return int(data["unreadNotificationCount"])


async def bearer_or_session_viewer(request: Request) -> Viewer | None:
    """A bearer token's viewer, else the portal session's: for the downloads a page links to.

    Raises ``InvalidToken`` for a bearer token that is not valid (the caller answers 401). Only
    for GET or for forms the CSRF middleware has checked (a request with cookies is checked).
    """
    viewer = await viewer_from_request(request, request.app.state.settings)
    if viewer is None and "session" in request.scope:
        viewer = await session_viewer(request)
    return viewer


def not_found(request: Request, viewer: Viewer | None) -> Response:
    return render(request, "errors/404.html", status_code=404, viewer=viewer)


def forbidden(request: Request, viewer: Viewer | None) -> Response:
    return render(request, "errors/403.html", status_code=403, viewer=viewer)


def page(*roles: Role) -> Callable[[Handler], Callable[[Request], Awaitable[Response]]]:
    """A page for logged-in users (with one of ``roles`` when given); anonymous go to /login."""

    def wrap(handler: Handler) -> Callable[[Request], Awaitable[Response]]:
        @wraps(handler)
        async def endpoint(request: Request) -> Response:
            request.state.language = language_of(request)
            viewer = await session_viewer(request)
            if viewer is None:
                target = quote(request.url.path, safe="/")
                response: Response = RedirectResponse(f"/login?next={target}", status_code=303)
            elif roles and not viewer.has_role(*roles):
                response = forbidden(request, viewer)
            else:
                try:
                    request.state.unread = await unread_count(request, viewer)
                    response = await handler(request, viewer)
                except PageNotFound:
                    response = not_found(request, viewer)
                except PageForbidden:
                    response = forbidden(request, viewer)
                except OperationFailed as failure:
                    if failure.codes & {"FORBIDDEN", "UNAUTHENTICATED"}:
                        response = forbidden(request, viewer)
                    elif failure.codes & {"BAD_USER_INPUT", "NOT_FOUND"}:
                        response = not_found(request, viewer)
                    else:
                        raise
            keep_language(request, response)
            return response

        return endpoint

    return wrap
