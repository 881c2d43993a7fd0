"""The decree as a PDF (fpdf2), with its QR code (segno) pointing at the verification page."""

from __future__ import annotations

import io
from dataclasses import dataclass

import segno
from fpdf import FPDF

from portal.clock import clock
from portal.i18n import translate

LANGUAGE = "id"


@dataclass(frozen=True)
class DecreeText:
    agency: str
    number: str
    title: str
    decision: str
    place_and_date: str
    verify_url: str


def _qr_png(url: str) -> io.BytesIO:
    buffer = io.BytesIO()
    segno.make(url, error="m").save(buffer, kind="png", scale=6, border=2)
    buffer.seek(0)
    return buffer


def _latin1(text: str) -> str:
    """The PDF core fonts speak Latin-1; decree texts are plain Indonesian."""
    return text.encode("latin-1", "replace").decode("latin-1")


def _line(pdf: FPDF, w: float, h: float, text: str, align: str = "L") -> None:
    """A paragraph; the next one starts at the left margin below it."""
    pdf.multi_cell(w, h, text, align=align, new_x="LMARGIN", new_y="NEXT")


def render(text: DecreeText) -> bytes:
    """The decree's PDF bytes."""
    pdf = FPDF(format="A4")
    pdf.set_creation_date(clock.now())  # the application's clock: the same decree, the same bytes
    pdf.set_title(_latin1(f"{text.title} {text.number}"))
    pdf.set_author(_latin1(text.agency))
    pdf.add_page()
    pdf.set_font("Helvetica", "B", 13)
    heading = translate("decree.heading", LANGUAGE, agency=text.agency)
    _line(pdf, 0, 7, _latin1(heading.upper()), align="C")
    pdf.set_font("Helvetica", "", 11)
    _line(pdf, 0, 7, _latin1(translate("decree.number", LANGUAGE, number=text.number)), align="C")
    pdf.ln(2)
    pdf.set_font("Helvetica", "B", 11)
    _line(
        pdf, 0, 7, _latin1(translate("decree.about", LANGUAGE, title=text.title).upper()), align="C"
    )
    pdf.ln(6)
    pdf.set_font("Helvetica", "B", 11)
    pdf.cell(
        0,
        7,
        _latin1(translate("decree.decides", LANGUAGE)),
        new_x="LMARGIN",
        new_y="NEXT",
        align="C",
    )
    pdf.set_font("Helvetica", "", 11)
    pdf.ln(2)
    _line(pdf, 0, 6, _latin1(text.decision), align="J")
    pdf.ln(2)
    _line(pdf, 0, 6, _latin1(translate("decree.effect", LANGUAGE)), align="J")
    pdf.ln(10)
    _line(pdf, 0, 6, _latin1(text.place_and_date), align="R")
    _line(pdf, 0, 6, _latin1(translate("decree.signer", LANGUAGE, agency=text.agency)), align="R")
    y = pdf.get_y() + 6
    pdf.image(_qr_png(text.verify_url), x=pdf.l_margin, y=y, w=32, h=32)
    pdf.set_xy(pdf.l_margin + 36, y + 4)
    pdf.set_font("Helvetica", "", 8)
    note = translate("decree.qr_note", LANGUAGE, url=text.verify_url)
    pdf.multi_cell(0, 4, _latin1(note))
    return bytes(pdf.output())
