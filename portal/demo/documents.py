"""Demo berkas: each request that reaches HR gets its checklist's documents as small PDFs,
uploaded by the applicant through the document service and reviewed by HR."""

from __future__ import annotations

from fpdf import FPDF

from portal.clock import clock
from portal.models import CareerRequest
from portal.viewer import Viewer
from portal.vocabulary import DocumentStatus
from workflows.messages import word
from workflows.personnel import documents
from workflows.personnel.checklists import checklist

REJECTION = "Pindaian buram dan tidak terbaca; mohon unggah ulang."


def _pdf(title: str, applicant: str) -> bytes:
    pdf = FPDF(format=(148, 210))  # A5, in millimetres
    pdf.set_creation_date(clock.now())
    pdf.add_page()
    pdf.set_font("Helvetica", "B", 14)
    pdf.multi_cell(0, 8, title, new_x="LMARGIN", new_y="NEXT")
    pdf.set_font("Helvetica", "", 10)
    pdf.multi_cell(0, 6, f"Contoh berkas demo untuk {applicant}.", new_x="LMARGIN", new_y="NEXT")
    return bytes(pdf.output())


async def provide(
    request: CareerRequest, applicant: Viewer, hr: Viewer, *, reject_last: bool = False
) -> None:
    """Upload every required document; HR verifies them (and rejects the last one if asked)."""
    items = checklist(request.kind, request.details)
    for index, item in enumerate(items):
        title = word(f"document.kind.{item.kind}")
        uploaded = await documents.upload(
            actor=applicant,
            request_id=request.id,
            kind=item.kind,
            filename=f"{item.kind.lower()}.pdf",
            content=_pdf(title, applicant.username),
        )
        rejected = reject_last and index == len(items) - 1
        await documents.review(
            actor=hr,
            document_id=uploaded.id,
            verdict=DocumentStatus.REJECTED if rejected else DocumentStatus.VERIFIED,
            reason=REJECTION if rejected else "",
        )
