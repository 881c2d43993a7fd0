"""The documents (berkas) each kind of request needs, with the regulation that asks for them."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from portal.vocabulary import RequestKind


@dataclass(frozen=True)
class RequiredDocument:
    """One item of a checklist; its label is ``document.kind.<KIND>`` in the catalogue."""

    kind: str
    reference: str


RANK = (
    RequiredDocument("SK_PANGKAT", "Peraturan BKN 4/2023 (SK pangkat terakhir)"),
    RequiredDocument("PENILAIAN_KINERJA", "PP 99/2000 jo PermenPANRB 6/2022 (predikat 2 tahun)"),
)
POSITION = (
    RequiredDocument("SK_JABATAN", "PP 11/2017 jo PP 17/2020 (SK jabatan terakhir)"),
    RequiredDocument("HASIL_ASESMEN", "PermenPANRB 38/2017 (hasil penilaian kompetensi)"),
)
STUDY = (
    RequiredDocument("LOA", "SE MenPANRB 4/2013 (surat penerimaan)"),
    RequiredDocument("AKREDITASI", "SE MenPANRB 4/2013 (akreditasi program studi minimal B)"),
    RequiredDocument("REKOMENDASI_ATASAN", "SE MenPANRB 4/2013 (rekomendasi atasan)"),
    RequiredDocument("SURAT_PERNYATAAN", "SE MenPANRB 4/2013 (pernyataan kesanggupan)"),
)
# Pemutakhiran data mandiri: the document that proves the corrected value (ijazah, akta, SK).
CORRECTION = (
    RequiredDocument("BUKTI_DATA", "UU 20/2023 (Sistem Informasi ASN: dokumen pendukung)"),
)
ROTATION = (RequiredDocument("SURAT_PERMOHONAN", "PP 11/2017 Pasal 190 (surat permohonan)"),)


def checklist(kind: RequestKind | str, details: dict[str, Any]) -> tuple[RequiredDocument, ...]:
    """The documents a request of ``kind`` with ``details`` needs."""
    if kind == RequestKind.FURTHER_STUDY:
        return STUDY
    if kind == RequestKind.DATA_CORRECTION:
        return CORRECTION
    if kind == RequestKind.ROTATION:
        return ROTATION
    return RANK if details.get("type") == "REGULAR_RANK" else POSITION
