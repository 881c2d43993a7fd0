"""The documents of a request, on its page: the applicant's (or HR's) upload, HR's review.

``POST /requests/{id}/documents`` takes the upload form (multipart, the CSRF token first, checked
by the middleware like every form) and stores it in-process through the same domain function as
``POST /documents``;
``POST /requests/{id}/documents/review`` runs the API's ``reviewDocument``. Both return to the
request's page, with the refusal in an error summary when there is one.
"""

from __future__ import annotations

from starlette.datastructures import UploadFile
from starlette.requests import Request
from starlette.responses import RedirectResponse, Response
from starlette.routing import Route

from portal.viewer import Viewer
from portal.web.guard import PageNotFound, page
from portal.web.operations import execute
from portal.web.pages.requests import show_request
from schema.relay import from_global_id
from workflows.errors import DomainError, NotFound
from workflows.messages import localise
from workflows.personnel import documents

_FORM_OVERHEAD = 64 * 1024


def _back(request: Request, done: str) -> Response:
    return RedirectResponse(f"/requests/{request.path_params['id']}?done={done}", status_code=303)


@page()
async def upload(request: Request, viewer: Viewer) -> Response:
    decoded = from_global_id(request.path_params["id"])
    if decoded is None or decoded[0] != "CareerRequest":
        raise PageNotFound
    limit = request.app.state.settings.document_max_bytes
    declared = request.headers.get("content-length", "")
    errors: dict[str, str] = {}
    kind, filename, content = "", "", b""
    if declared.isdigit() and int(declared) > limit + _FORM_OVERHEAD:
        errors["document-file"] = "web.documents.too_large"
    else:
        async with request.form(max_files=1, max_fields=10) as form:
            file = form.get("file")
            kind = str(form.get("kind") or "")
            if isinstance(file, UploadFile) and file.filename:
                content = await file.read(limit + 1)
                filename = file.filename
    if not errors and not filename:
        errors["document-file"] = "web.documents.file_required"
    if not errors and len(content) > limit:
        errors["document-file"] = "web.documents.too_large"
    if errors:
        return await show_request(request, viewer, status_code=400, errors=errors)
    try:
        await documents.upload(
            actor=viewer, request_id=decoded[1], kind=kind, filename=filename, content=content
        )
    except NotFound as error:
        raise PageNotFound from error
    except DomainError as error:
        localise(error, request.state.language)
        return await show_request(
            request,
            viewer,
            status_code=403 if error.code == "NOT_PERMITTED" else 400,
            document_error=error.message,
        )
    return _back(request, "uploaded")


@page()
async def review(request: Request, viewer: Viewer) -> Response:
    form = await request.form()
    verdict = str(form.get("verdict") or "")
    reason = str(form.get("reason") or "").strip()
    document_id = str(form.get("document") or "")
    if verdict == "REJECTED" and not reason:
        return await show_request(
            request,
            viewer,
            status_code=400,
            errors={f"reason-{document_id}": "web.documents.reason_required"},
        )
    data = await execute(
        request,
        "ReviewDocument",
        viewer,
        input={"documentId": document_id, "verdict": verdict, "reason": reason},
        key=str(form.get("key") or "") or None,
    )
    payload = data["reviewDocument"]
    if payload["__typename"] == "NotFound":
        raise PageNotFound
    if payload["__typename"] != "DocumentReviewed":
        status = 403 if payload["__typename"] == "NotPermitted" else 400
        return await show_request(
            request, viewer, status_code=status, document_error=payload["message"]
        )
    return _back(request, "reviewed")


routes = [
    Route("/requests/{id}/documents", upload, methods=["POST"]),
    Route("/requests/{id}/documents/review", review, methods=["POST"]),
]
