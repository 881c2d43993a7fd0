"""``POST /auth/password``: the owner of a one-time link sets their password.

Form fields ``token`` (from the link's ``#token=`` part) and ``password``. Answers 200 with a
message, or 400 with ``error`` and ``error_description`` in the caller's language.
"""

from __future__ import annotations

from starlette.requests import Request
from starlette.responses import JSONResponse

from portal.i18n import negotiate, translate
from workflows.errors import DomainError
from workflows.messages import localise
from workflows.personnel.accounts import set_password_by_link

_NO_STORE = {"Cache-Control": "no-store"}


async def set_password(request: Request) -> JSONResponse:
    language = negotiate(request.headers.get("accept-language"))
    form = await request.form()
    token = str(form.get("token") or "")
    password = str(form.get("password") or "")
    try:
        await set_password_by_link(token=token, password=password)
    except DomainError as error:
        localise(error, language)
        body = {"error": error.code.lower(), "error_description": error.message}
        return JSONResponse(body, status_code=400, headers=_NO_STORE)
    message = translate("records.password.set", language)
    return JSONResponse({"status": "ok", "message": message}, headers=_NO_STORE)
