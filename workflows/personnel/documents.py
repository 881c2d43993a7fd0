"""Documents (berkas) of career requests: upload, HR's check, download, the HR-stage gate.

An upload is a PDF, JPEG or PNG up to ``JENJANG_DOCUMENT_MAX_BYTES``; its type is read from the
content (magic bytes, ``filetype``), never from the client, and the file name must not claim
another type. Files are stored by SHA-256 (``workflows.personnel.store``) and the hash goes into
the audit entry. The applicant uploads while the request is open, HR at any stage before the end;
HR marks each document verified or rejected with a reason. Only those who may see the request
download its documents. A request does not pass the HR stage while a required document is
missing or its latest upload is rejected (:func:`require_complete`).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import PurePath

import filetype
from tortoise.backends.base.client import BaseDBAsyncClient
from tortoise.transactions import in_transaction

from portal.clock import clock
from portal.models import CareerRequest, Document
from portal.settings import get_settings
from portal.viewer import Viewer
from portal.vocabulary import DocumentStatus
from workflows import audit
from workflows.access import can_view_request
from workflows.errors import NotEligible
from workflows.messages import invalid, missing, refused, word
from workflows.personnel import store
from workflows.personnel.access import KEEPERS, actor_name, check_text
from workflows.personnel.checklists import RequiredDocument, checklist

# Detected type -> the file name extensions that may say so.
ALLOWED = {
    "application/pdf": (".pdf",),
    "image/jpeg": (".jpg", ".jpeg"),
    "image/png": (".png",),
}
CLOSED = ("APPROVED", "REJECTED", "WITHDRAWN")


def detect(content: bytes, filename: str) -> str:
    """The content type read from the bytes; refuses other types and names that lie."""
    limit = get_settings().document_max_bytes
    if not content or len(content) > limit:
        raise invalid("document.invalid.size", field="file", limit=limit // 1024)
    kind = filetype.guess_mime(content[:8192])
    if kind not in ALLOWED:
        raise invalid("document.invalid.type", field="file")
    suffix = PurePath(filename).suffix.lower()
    if suffix not in ALLOWED[kind]:
        raise invalid(
            "document.invalid.name", field="file", name=filename, type=ALLOWED[kind][0][1:].upper()
        )
    return kind


async def _request(actor: Viewer, request_id: int) -> CareerRequest:
    request = await CareerRequest.get_or_none(id=request_id, agency_id=actor.agency_id)
    if request is None or not await can_view_request(actor=actor, request=request):
        raise missing("document.missing.request", id=request_id)
    return request


async def upload(
    *, actor: Viewer, request_id: int, kind: str, filename: str, content: bytes
) -> Document:
    """Store one document of the request's checklist; the latest upload of a kind counts."""
    request = await _request(actor, request_id)
    keeper = not actor.is_token and actor.has_role(*KEEPERS)
    own = actor.employee_id is not None and actor.employee_id == request.applicant_id
    if not (keeper or own) or request.state in CLOSED or not actor.can_write:
        raise refused("document.refused.upload")
    kinds = {item.kind for item in checklist(request.kind, request.details)}
    if kind not in kinds:
        raise invalid("document.invalid.kind", field="kind", kinds=", ".join(sorted(kinds)))
    name = check_text(PurePath(filename.replace("\\", "/")).name, field="file", limit=200)
    content_type = detect(content, name)
    sha256 = await store.put(content)
    async with in_transaction() as conn:
        document = await Document.create(
            using_db=conn,
            agency_id=actor.agency_id,
            career_request_id=request.id,
            kind=kind,
            filename=name,
            content_type=content_type,
            size=len(content),
            sha256=sha256,
            uploaded_by=actor_name(actor),
        )
        await audit.append(
            conn,
            agency_id=actor.agency_id,
            actor=actor_name(actor),
            action="document.upload",
            subject_type="career_request",
            subject_id=request.id,
            after={
                "document_id": document.id,
                "kind": kind,
                "sha256": sha256,
                "size": len(content),
            },
        )
    return document


async def review(
    *, actor: Viewer, document_id: int, verdict: DocumentStatus, reason: str = ""
) -> Document:
    """HR marks a document verified, or rejected with a reason."""
    if actor.is_token or not actor.has_role(*KEEPERS):
        raise refused("document.refused.review")
    if verdict == DocumentStatus.PENDING:
        raise invalid("document.invalid.verdict", field="verdict")
    reason = check_text(
        reason, field="reason", limit=1000, required=verdict == DocumentStatus.REJECTED
    )
    document = await Document.get_or_none(id=document_id, agency_id=actor.agency_id)
    if document is None:
        raise missing("document.missing.document", id=document_id)
    async with in_transaction() as conn:
        before = {"status": document.status}
        document.update_from_dict(
            {
                "status": verdict,
                "reason": reason,
                "reviewed_by": actor_name(actor),
                "reviewed_at": clock.now(),
            }
        )
        await document.save(using_db=conn)
        await audit.append(
            conn,
            agency_id=actor.agency_id,
            actor=actor_name(actor),
            action="document.review",
            subject_type="career_request",
            subject_id=document.career_request_id,
            before=before,
            after={
                "document_id": document.id,
                "status": verdict,
                "reason": reason,
                "sha256": document.sha256,
            },
        )
    return document


async def download(*, actor: Viewer, document_id: int) -> tuple[Document, bytes]:
    """The document and its bytes, for those who may see its request."""
    document = await Document.get_or_none(id=document_id, agency_id=actor.agency_id)
    if document is None:
        raise missing("document.missing.document", id=document_id)
    await _request(actor, document.career_request_id)
    return document, await store.get(document.sha256)


@dataclass(frozen=True)
class ChecklistItem:
    required: RequiredDocument
    latest: Document | None

    @property
    def status(self) -> str:
        """MISSING, or the status of the latest upload."""
        return "MISSING" if self.latest is None else str(self.latest.status)


async def checklist_of(
    request: CareerRequest, conn: BaseDBAsyncClient | None = None
) -> list[ChecklistItem]:
    query = Document.filter(career_request_id=request.id).order_by("id")
    latest = {d.kind: d for d in await (query.using_db(conn) if conn else query)}
    return [
        ChecklistItem(item, latest.get(item.kind))
        for item in checklist(request.kind, request.details)
    ]


async def require_complete(conn: BaseDBAsyncClient, *, request: CareerRequest) -> None:
    """Refuse to pass the HR stage while a required document is missing or rejected."""
    if not get_settings().documents_required:
        return
    items = await checklist_of(request, conn)
    wanting = [i.required.kind for i in items if i.status in ("MISSING", DocumentStatus.REJECTED)]
    if not wanting:
        return
    params = {"kinds": ", ".join(word(f"document.kind.{k}") for k in wanting)}
    checks = [
        {
            "code": f"DOCUMENT_{i.required.kind}",
            "passed": False,
            "reason_id": word(
                "document.check",
                "id",
                kind=word(f"document.kind.{i.required.kind}"),
                status=word(f"document.status.{i.status}"),
            ),
            "reason_en": word(
                "document.check",
                "en",
                kind=word(f"document.kind.{i.required.kind}", "en"),
                status=word(f"document.status.{i.status}", "en"),
            ),
            "reference": i.required.reference,
        }
        for i in items
        if i.required.kind in wanting
    ]
    raise NotEligible(
        word("document.incomplete", **params),
        checks=checks,
        message_key="document.incomplete",
        params=params,
    )
