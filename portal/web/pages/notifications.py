"""``/notifications``: what I was told about (read and unread), marking read, and how I hear.

Preferences choose one mail per notification or a daily digest, the address and the language of
the mails; they are the API's ``setNotificationPreferences``.
"""

from __future__ import annotations

from typing import Any

from starlette.requests import Request
from starlette.responses import RedirectResponse, Response
from starlette.routing import Route

from portal.viewer import Viewer
from portal.web.guard import page
from portal.web.operations import execute
from portal.web.render import render


async def _show(
    request: Request,
    viewer: Viewer,
    *,
    errors: dict[str, str] | None = None,
    refused: dict[str, Any] | None = None,
    values: dict[str, str] | None = None,
) -> Response:
    unread_only = request.query_params.get("show") == "unread"
    data = await execute(request, "NotificationsPage", viewer, unreadOnly=unread_only)
    preferences = data["notificationPreferences"]
    request.state.unread = data["unreadNotificationCount"]
    return render(
        request,
        "notifications/index.html",
        status_code=400 if errors or refused else 200,
        viewer=viewer,
        notifications=data["notifications"]["nodes"],
        unread_only=unread_only,
        values=values
        or {
            "email": preferences["email"],
            "language": preferences["language"],
            "delivery": "digest" if preferences["dailyDigest"] else "each",
        },
        errors=errors or {},
        refused=refused,
        done=request.query_params.get("done"),
    )


@page()
async def notifications(request: Request, viewer: Viewer) -> Response:
    if request.method == "GET":
        return await _show(request, viewer)
    form = await request.form()
    if form.get("action") == "read":
        ids = [str(i) for i in form.getlist("id")]
        selection: dict[str, Any] = {"ids": ids} if ids else {"all": True}
        data = await execute(request, "MarkNotificationsRead", viewer, input=selection)
        payload = data["markNotificationsRead"]
        if payload["__typename"] != "NotificationsMarkedRead":
            return await _show(request, viewer, refused=payload)
        return RedirectResponse("/notifications?done=read", status_code=303)
    values = {
        "email": str(form.get("email") or "").strip(),
        "language": str(form.get("language") or ""),
        "delivery": str(form.get("delivery") or ""),
    }
    errors: dict[str, str] = {}
    if values["delivery"] not in {"each", "digest"}:
        errors["delivery-each"] = "web.notifications.delivery.required"
    if values["language"] not in {"id", "en"}:
        errors["language"] = "web.notifications.language.required"
    if errors:
        return await _show(request, viewer, errors=errors, values=values)
    data = await execute(
        request,
        "SetNotificationPreferences",
        viewer,
        input={
            "email": values["email"],
            "language": values["language"],
            "dailyDigest": values["delivery"] == "digest",
        },
    )
    payload = data["setNotificationPreferences"]
    if payload["__typename"] != "NotificationPreferencesSet":
        return await _show(
            request,
            viewer,
            errors={"email": "web.notifications.email.invalid"},
            refused=payload,
            values=values,
        )
    return RedirectResponse("/notifications?done=saved", status_code=303)


routes = [Route("/notifications", notifications, methods=["GET", "POST"])]
