"""``/admin``: API tokens (shown once, revoked), the audit log with its verification status,
and the workflow definitions drawn."""

from __future__ import annotations

import base64
from typing import Any

from starlette.requests import Request
from starlette.responses import RedirectResponse, Response
from starlette.routing import Route

from portal.viewer import Viewer
from portal.vocabulary import Role
from portal.web.guard import page
from portal.web.operations import execute
from portal.web.render import render


def drawing_address(svg: str) -> str:
    """An SVG as an image address: drawn by the browser, no inline markup or style in the page."""
    return "data:image/svg+xml;base64," + base64.b64encode(svg.encode()).decode()


async def _show(request: Request, viewer: Viewer, **extra: Any) -> Response:
    data = await execute(request, "AdminPage", viewer)
    workflows = [{**w, "image": drawing_address(w["diagram"])} for w in data["workflowDefinitions"]]
    return render(
        request,
        "admin.html",
        status_code=400 if extra.get("refused") else 200,
        viewer=viewer,
        tokens=data["apiTokens"],
        chain=data["auditChainStatus"],
        log=data["auditLog"],
        workflows=workflows,
        done=request.query_params.get("done"),
        **extra,
    )


@page(Role.ADMIN)
async def admin(request: Request, viewer: Viewer) -> Response:
    if request.method == "GET":
        return await _show(request, viewer)
    form = await request.form()
    if form.get("revoke"):
        data = await execute(
            request, "RevokeApiToken", viewer, input={"prefix": str(form.get("revoke"))}
        )
        payload = data["revokeApiToken"]
        if payload["__typename"] != "ApiTokenRevoked":
            return await _show(request, viewer, refused=payload)
        return RedirectResponse("/admin?done=revoked", status_code=303)
    name = str(form.get("name") or "").strip()
    scopes = [str(s) for s in form.getlist("scopes")]
    data = await execute(request, "CreateApiToken", viewer, input={"name": name, "scopes": scopes})
    payload = data["createApiToken"]
    if payload["__typename"] != "ApiTokenCreated":
        return await _show(request, viewer, refused=payload, name=name)
    # shown on this response only: never stored, never in a URL
    return await _show(request, viewer, created=payload)


routes = [Route("/admin", admin, methods=["GET", "POST"])]
