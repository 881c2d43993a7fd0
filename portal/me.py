"""``GET /me/export.json``: the caller's own record as a JSON download (UU 27/2022).

Authenticated by the bearer token of a person (API tokens are refused); a page of the portal
links here with the same session.
"""

from __future__ import annotations

from starlette.requests import Request
from starlette.responses import JSONResponse

from portal.auth import InvalidToken
from portal.i18n import negotiate, translate
from portal.web.guard import bearer_or_session_viewer
from workflows.errors import NotPermitted
from workflows.personal_data import export_own_record


async def export_my_data(request: Request) -> JSONResponse:
    language = negotiate(request.headers.get("accept-language"))
    try:
        viewer = await bearer_or_session_viewer(request)
    except InvalidToken:
        viewer = None
    if viewer is None:
        return JSONResponse(
            {"error": translate("personal_data.login_required", language)},
            status_code=401,
            headers={"WWW-Authenticate": "Bearer"},
        )
    try:
        document = await export_own_record(viewer=viewer)
    except NotPermitted:
        return JSONResponse(
            {"error": translate("personal_data.people_only", language)}, status_code=403
        )
    filename = f"jenjang-{viewer.username or 'data'}.json"
    return JSONResponse(
        document,
        headers={
            "Content-Disposition": f'attachment; filename="{filename}"',
            "Cache-Control": "no-store",
        },
    )
