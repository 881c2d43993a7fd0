"""Decree pages: the public verification page and the PDF for those who may see the request.

``GET /verify/{code}`` (no login, the QR code's target) confirms that a decree exists and shows
its number, date, the employee's name and NIP, the decision and the SHA-256 of the original;
``?sha256=`` compares a copy's hash. ``GET /decrees/{code}.pdf`` needs a bearer token or the
portal session of someone who may see the request (``workflows.access.can_view_request``).
"""

from __future__ import annotations

from html import escape

from starlette.requests import Request
from starlette.responses import HTMLResponse, JSONResponse, Response

from portal.auth import InvalidToken
from portal.i18n import format_date, negotiate, translate
from portal.models import Agency, CareerRequest, Decree
from portal.web.guard import bearer_or_session_viewer
from workflows.access import can_view_request

_HEADERS = {"Cache-Control": "no-store", "X-Robots-Tag": "noindex"}


def _page(language: str, title: str, body: str, status: int = 200) -> HTMLResponse:
    html = (
        f'<!doctype html><html lang="{language}"><head><meta charset="utf-8">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        f"<title>{escape(title)}</title></head><body><main><h1>{escape(title)}</h1>"
        f"{body}</main></body></html>"
    )
    return HTMLResponse(html, status_code=status, headers=_HEADERS)


async def verify(request: Request) -> HTMLResponse:
    language = negotiate(request.headers.get("accept-language"))
    t = lambda key, **p: escape(translate(key, language, **p))  # noqa: E731
    code = str(request.path_params["code"])[:64]
    decree = await Decree.get_or_none(code=code)
    if decree is None:
        return _page(
            language, translate("verify.title", language), f"<p>{t('verify.missing')}</p>", 404
        )
    agency = await Agency.get(id=decree.agency_id)
    rows = [
        ("verify.number", decree.number),
        ("verify.issued", format_date(decree.issued_on, language)),
        ("verify.name", decree.employee_name),
        ("verify.nip", decree.employee_nip),
        ("verify.decision", decree.decision),
        ("verify.hash", decree.sha256),
    ]
    table = "".join(f"<tr><th scope='row'>{t(k)}</th><td>{escape(v)}</td></tr>" for k, v in rows)
    body = f"<p>{t('verify.found', agency=agency.name)}</p><table>{table}</table>"
    given = request.query_params.get("sha256", "").strip().lower()
    if given:
        verdict = "verify.match" if given == decree.sha256 else "verify.mismatch"
        body += f"<p><strong>{t(verdict)}</strong></p>"
    else:
        body += f"<p>{t('verify.how')}</p>"
    return _page(language, translate("verify.title", language), body)


async def download(request: Request) -> Response:
    try:
        viewer = await bearer_or_session_viewer(request)
    except InvalidToken:
        viewer = None
    if viewer is None:
        return JSONResponse(
            {"error": "unauthorized"}, status_code=401, headers={"WWW-Authenticate": "Bearer"}
        )
    decree = await Decree.get_or_none(
        code=str(request.path_params["code"])[:64], agency_id=viewer.agency_id
    )
    career_request = None
    if decree is not None:
        career_request = await CareerRequest.get_or_none(id=decree.career_request_id)
    if (
        decree is None
        or career_request is None
        or not await can_view_request(actor=viewer, request=career_request)
    ):
        return JSONResponse({"error": "not_found"}, status_code=404)
    filename = f"SK-{decree.number.replace('/', '-')}.pdf"
    return Response(
        decree.pdf,
        media_type="application/pdf",
        headers={
            "Content-Disposition": f'attachment; filename="{filename}"',
            "Cache-Control": "no-store",
        },
    )
