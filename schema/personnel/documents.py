"""Documents (berkas) of a career request: its checklist, the uploads, HR's review."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from typing import Annotated, Any

import strawberry

from portal import models
from portal.viewer import Viewer
from portal.vocabulary import DocumentStatus
from schema.context import Info
from schema.errors import ErrorType
from schema.idempotency import Key
from schema.permissions import can_see_request
from schema.personnel.payloads import mutate, register_node, success
from schema.relay import Node, node_resolver, pk_of
from workflows.personnel import documents

strawberry.enum(DocumentStatus, description="HR's check of an uploaded document.")


@strawberry.type(description="An uploaded document; the type is read from its content.")
class RequestDocument(Node):
    kind: str
    filename: str
    content_type: str
    size: int
    sha256: str
    status: DocumentStatus
    reason: str = strawberry.field(description="Why HR rejected it.")
    uploaded_by: str
    uploaded_at: datetime
    reviewed_by: str
    reviewed_at: datetime | None

    @strawberry.field(description="GET with a bearer token: the file.")
    def download_path(self) -> str:
        return f"/documents/{self.pk}"

    @classmethod
    def from_model(cls, row: models.Document) -> RequestDocument:
        return cls(
            pk=row.id,
            kind=row.kind,
            filename=row.filename,
            content_type=row.content_type,
            size=row.size,
            sha256=row.sha256,
            status=DocumentStatus(row.status),
            reason=row.reason,
            uploaded_by=row.uploaded_by,
            uploaded_at=row.uploaded_at,
            reviewed_by=row.reviewed_by,
            reviewed_at=row.reviewed_at,
        )


register_node("RequestDocument", models.Document, RequestDocument.from_model)


@strawberry.type(description="One required document of the request and where it stands.")
class DocumentChecklistItem:
    kind: str
    label: str
    reference: str = strawberry.field(description="The regulation that asks for it.")
    status: str = strawberry.field(description="MISSING, PENDING, VERIFIED or REJECTED")
    document: RequestDocument | None = strawberry.field(description="The latest upload.")


async def checklist(info: Info, request: models.CareerRequest) -> list[DocumentChecklistItem]:
    items = await documents.checklist_of(request)
    return [
        DocumentChecklistItem(
            kind=i.required.kind,
            label=info.context.t(f"document.kind.{i.required.kind}"),
            reference=i.required.reference,
            status=i.status,
            document=RequestDocument.from_model(i.latest) if i.latest else None,
        )
        for i in items
    ]


async def uploads(info: Info, request_id: int) -> list[RequestDocument]:
    loader = info.context.loaders.by_parent(models.Document, "career_request_id", order_by=("id",))
    return [RequestDocument.from_model(d) for d in await loader.load(request_id)]


@node_resolver("RequestDocument")
async def _document_nodes(info: Info, pks: Sequence[int]) -> list[RequestDocument | None]:
    rows = await info.context.loaders.by_id(models.Document).load_many(list(pks))
    found: list[RequestDocument | None] = []
    for row in rows:
        request = None
        if row is not None:
            request = await info.context.loaders.by_id(models.CareerRequest).load(
                row.career_request_id
            )
        visible = request is not None and await can_see_request(info, request)
        found.append(RequestDocument.from_model(row) if row and visible else None)
    return found


@strawberry.input(description="HR's verdict on a document: VERIFIED, or REJECTED with a reason.")
class ReviewDocumentInput:
    document_id: strawberry.ID
    verdict: DocumentStatus
    reason: str = ""


@success
@strawberry.type(description="The document was marked.")
class DocumentReviewed:
    document: RequestDocument


ReviewDocumentPayload = Annotated[
    DocumentReviewed | ErrorType, strawberry.union("ReviewDocumentPayload")
]


@strawberry.type
class Mutation:
    @strawberry.mutation(description="HR marks a document verified or rejected (with a reason).")
    async def review_document(
        self, info: Info, input: ReviewDocumentInput, idempotency_key: Key = None
    ) -> ReviewDocumentPayload:
        async def act(viewer: Viewer) -> Any:
            row = await documents.review(
                actor=viewer,
                document_id=pk_of(input.document_id, "RequestDocument", "documentId"),
                verdict=input.verdict,
                reason=input.reason,
            )
            return DocumentReviewed(document=RequestDocument.from_model(row))

        return await mutate(info, "reviewDocument", idempotency_key, act)
