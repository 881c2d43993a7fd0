"""What a CSV file and its cells must be before a row is even parsed.

- The file is UTF-8 (a byte-order mark is fine); each line that is not names its line. A UTF-16
  file is refused as a whole with the advice to save it as UTF-8.
- A cell has no NUL character and is no longer than its column (``column_length`` of the model
  field it lands in; free text ``TEXT_MAX_LENGTH``).
- A cell does not start with ``=``, ``+``, ``-``, ``@``, a tab or a carriage return, unless it is
  a plain number: such a cell is a formula to a spreadsheet (CSV injection, OWASP), and anything
  imported may be exported again one day. It is refused with its row, never stored.
"""

from __future__ import annotations

import re

from portal.models import Assessment, Competency, Employee, OrgUnit, Position
from portal.models.base import TEXT_MAX_LENGTH, column_length
from portal.text import text_problem
from workflows.errors import ValidationFailed

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
_NUMBER = re.compile(r"[+-]?\d+([.,]\d+)?")
_EMAIL = re.compile(r"[^@\s]+@[^@\s]+\.[^@\s]+")
LINE_MAX_LENGTH = 200  # a cell of a column not stored as such (codes, dates, choices)

COLUMN_LIMITS: dict[str, int] = {
    "NIP_BARU": column_length(Employee, "nip"),
    "NAMA": column_length(Employee, "name"),
    "EMAIL": column_length(Employee, "email"),
    "JURUSAN": column_length(Employee, "education_major"),
    "KODE_UNOR": column_length(OrgUnit, "code"),
    "NAMA_UNOR": column_length(OrgUnit, "name"),
    "KODE_JABATAN": column_length(Position, "code"),
    "KODE_JABATAN_ATASAN": column_length(Position, "code"),
    "NAMA_JABATAN": column_length(Position, "title"),
    "JENJANG": column_length(Position, "functional_level"),
    "KODE_KOMPETENSI": column_length(Competency, "code"),
    "METODE": column_length(Assessment, "method"),
    "ASESOR": column_length(Assessment, "assessor"),
    "CATATAN": TEXT_MAX_LENGTH,
}


def decode(data: bytes) -> tuple[str, dict[int, str]]:
    """The text of a CSV file, and the lines (1-based) that are not UTF-8 with why."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise ValidationFailed(
            "the file is UTF-16; save it as CSV UTF-8 and import it again", field="file"
        )
    bad: dict[int, str] = {}
    lines = []
    for number, raw in enumerate(data.split(b"\n"), 1):
        try:
            lines.append(raw.decode("utf-8"))
        except UnicodeDecodeError as exc:
            byte = raw[exc.start : exc.start + 1].hex()
            bad[number] = f"line is not UTF-8 (byte 0x{byte} at column {exc.start + 1})"
            lines.append(raw.decode("utf-8", errors="replace"))
    return "\n".join(lines).lstrip("\ufeff"), bad


def cell_problems(values: dict[str, str]) -> list[str]:
    """Why the cells of one row cannot be stored, column by column (empty when they can)."""
    problems = []
    for column, value in values.items():
        limit = COLUMN_LIMITS.get(column, LINE_MAX_LENGTH)
        found = text_problem(value.strip(), limit)
        if found is not None:
            reason, _ = found
            why = {
                "NUL_CHARACTER": "contains a NUL character",
                "INVALID_UNICODE": "is not valid Unicode",
                "TOO_LONG": f"is longer than {limit} characters",
            }[reason]
            problems.append(f"{column} {why}")
        elif value.lstrip(" ").startswith(FORMULA_STARTS) and not _NUMBER.fullmatch(value.strip()):
            problems.append(
                f"{column} starts with {value.lstrip(' ')[:1]!r}, which a spreadsheet would run "
                "as a formula"
            )
    return problems


def is_email(value: str) -> bool:
    return bool(_EMAIL.fullmatch(value))
