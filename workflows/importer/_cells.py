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
from workflows.messages import Text, invalid

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


def decode(data: bytes) -> tuple[str, dict[int, Text]]:
    """The text of a CSV file, and the lines (1-based) that are not UTF-8 with why."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise invalid("import.file.utf16", field="file")
    bad: dict[int, Text] = {}
    lines = []
    for number, raw in enumerate(data.split(b"\n"), 1):
        try:
            lines.append(raw.decode("utf-8"))
        except UnicodeDecodeError as exc:
            byte = raw[exc.start : exc.start + 1].hex()
            bad[number] = Text("import.row.not_utf8", {"byte": byte, "position": exc.start + 1})
            lines.append(raw.decode("utf-8", errors="replace"))
    return "\n".join(lines).lstrip("\ufeff"), bad


def cell_problems(values: dict[str, str]) -> list[Text]:
    """Why the cells of one row cannot be stored, column by column (empty when they can)."""
    problems = []
    for column, value in values.items():
        limit = COLUMN_LIMITS.get(column, LINE_MAX_LENGTH)
        found = text_problem(value.strip(), limit)
        if found is not None:
            reason, _ = found
            key = {
                "NUL_CHARACTER": "import.cell.nul",
                "INVALID_UNICODE": "import.cell.invalid_unicode",
                "TOO_LONG": "import.cell.too_long",
            }[reason]
            problems.append(Text(key, {"column": column, "limit": limit}))
        elif value.lstrip(" ").startswith(FORMULA_STARTS) and not _NUMBER.fullmatch(value.strip()):
            start = repr(value.lstrip(" ")[:1])[1:-1]  # a tab shows as \t
            problems.append(Text("import.cell.formula", {"column": column, "start": start}))
    return problems


def is_email(value: str) -> bool:
    return bool(_EMAIL.fullmatch(value))
