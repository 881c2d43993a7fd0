"""``POST /documents`` (multipart upload, bearer token) and ``GET /documents/{id}`` (download: a
bearer token or the portal session). The portal's upload form posts to its own page route.

Upload form fields: ``requestId`` (the career request's global ID), ``kind`` (a checklist item,
e.g. ``SK_PANGKAT``) and ``file``. Answers 201 with the stored document, 400 with
``error`` and ``error_description`` (in the caller's language), 401, 404 or 413.
"""

from __future__ import annotations

from starlette.datastructures import UploadFile
from starlette.requests import Request
from starlette.responses import JSONResponse, Response

from portal.auth import InvalidToken, viewer_from_request
from portal.i18n import negotiate
from portal.settings import Settings
from portal.viewer import Viewer
from portal.web.guard import bearer_or_session_viewer
from schema.relay import from_global_id
from workflows.errors import DomainError, NotFound
from workflows.messages import localise
from workflows.personnel import documents

_FORM_OVERHEAD = 64 * 1024  # the other fields and multipart boundaries


async def _viewer(request: Request, *, session: bool = True) -> Viewer | None:
    try:
        if not session:
            return await viewer_from_request(request, request.app.state.settings)
        return await bearer_or_session_viewer(request)
    except InvalidToken:
        return None


def _error(error: DomainError, language: str) -> JSONResponse:
    localise(error, language)
    status = 404 if isinstance(error, NotFound) else 403 if error.code == "NOT_PERMITTED" else 400
    body = {"error": error.code.lower(), "error_description": error.message}
    field = getattr(error, "field", None)
    if field:
        body["field"] = str(field)
    return JSONResponse(body, status_code=status)


def _unauthorized() -> JSONResponse:
    return JSONResponse(
        {"error": "unauthorized"}, status_code=401, headers={"WWW-Authenticate": "Bearer"}
    )


async def upload(request: Request) -> JSONResponse:
    language = negotiate(request.headers.get("accept-language"))
    viewer = await _viewer(request, session=False)  # the portal's form: /requests/{id}/documents
    if viewer is None:
        return _unauthorized()
    settings: Settings = request.app.state.settings
    limit = settings.document_max_bytes
    declared = request.headers.get("content-length", "")
    if declared.isdigit() and int(declared) > limit + _FORM_OVERHEAD:
        return JSONResponse({"error": "too_large", "max_bytes": limit}, status_code=413)
    async with request.form(max_files=1, max_fields=10) as form:
        file = form.get("file")
        request_id = str(form.get("requestId") or "")
        kind = str(form.get("kind") or "")
        if not isinstance(file, UploadFile):
            return JSONResponse({"error": "validation_failed", "field": "file"}, status_code=400)
        content = await file.read(limit + 1)
        filename = file.filename or ""
    decoded = from_global_id(request_id)
    if decoded is None or decoded[0] != "CareerRequest":
        return JSONResponse({"error": "validation_failed", "field": "requestId"}, status_code=400)
    try:
        document = await documents.upload(
            actor=viewer, request_id=decoded[1], kind=kind, filename=filename, content=content
        )
    except DomainError as error:
        return _error(error, language)
    return JSONResponse(
        {
            "id": document.id,
            "kind": document.kind,
            "filename": document.filename,
            "contentType": document.content_type,
            "size": document.size,
            "sha256": document.sha256,
            "status": document.status,
        },
        status_code=201,
    )


async def download(request: Request) -> Response:
    language = negotiate(request.headers.get("accept-language"))
    viewer = await _viewer(request)
    if viewer is None:
        return _unauthorized()
    raw = str(request.path_params["document_id"])
    if not raw.isdigit() or int(raw) > 2**31 - 1:
        return JSONResponse({"error": "not_found"}, status_code=404)
    try:
        document, content = await documents.download(actor=viewer, document_id=int(raw))
    except DomainError as error:
        return _error(error, language)
    name = document.filename.replace('"', "")
    return Response(
        content,
        media_type=document.content_type,
        headers={
            "Content-Disposition": f'attachment; filename="{name}"',
            "X-Content-Type-Options": "nosniff",
            "Cache-Control": "no-store",
        },
    )
