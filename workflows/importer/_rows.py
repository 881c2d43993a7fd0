"""Reading CSV exports of the national system (SIASN) into rows, and the import report.

Why a row is refused is a text of the catalogue (``importer.po``), worded in the reader's
language when the report is shown (:meth:`RowError.message_in`).
"""

from __future__ import annotations

import csv
import datetime as dt
import io
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any, TypeVar

from portal.i18n import DEFAULT_LANGUAGE
from workflows.importer._cells import cell_problems
from workflows.messages import Text, invalid

E = TypeVar("E", bound=StrEnum)
_DATE_FORMATS = ("%d-%m-%Y", "%Y-%m-%d", "%d/%m/%Y")


class RowInvalid(Exception):
    """One row cannot be imported; ``text`` says why (a catalogue key and its parameters)."""

    def __init__(self, key: str | Text, /, **params: Any) -> None:
        self.text = key if isinstance(key, Text) else Text(key, params)
        super().__init__(self.text.key)


@dataclass(frozen=True)
class RowError:
    line: int  # line in the file; the header is line 1
    key: str  # the row's NIP or code, as written
    why: tuple[Text, ...]  # each reason the row is refused

    def message_in(self, language: str) -> str:
        return "; ".join(text.word(language) for text in self.why)

    @property
    def message(self) -> str:
        """Why, in Indonesian (:meth:`message_in` for another language)."""
        return self.message_in(DEFAULT_LANGUAGE)


@dataclass
class ImportReport:
    """What an import did, or would have done: the validation report names each bad row."""

    kind: str
    total: int = 0
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    errors: list[RowError] = field(default_factory=list)
    applied: bool = False  # False: nothing was written

    @property
    def skipped(self) -> int:
        return len(self.errors) if self.applied else 0

    @property
    def valid(self) -> int:
        return self.total - len(self.errors)


@dataclass(frozen=True)
class Row:
    line: int
    values: dict[str, str]

    def get(self, column: str) -> str:
        return (self.values.get(column) or "").strip()

    def required(self, column: str) -> str:
        value = self.get(column)
        if not value:
            raise RowInvalid("import.row.empty", column=column)
        return value

    def date(self, column: str, *, optional: bool = False) -> dt.date | None:
        value = self.get(column) if optional else self.required(column)
        if not value:
            return None
        for pattern in _DATE_FORMATS:
            try:
                return dt.datetime.strptime(value, pattern).date()
            except ValueError:
                continue
        raise RowInvalid("import.row.not_a_date", column=column, value=value)

    def required_date(self, column: str) -> dt.date:
        value = self.date(column)
        assert value is not None
        return value

    def integer(self, column: str, *, default: int | None = None) -> int:
        value = self.get(column)
        if not value and default is not None:
            return default
        try:
            return int(self.required(column))
        except ValueError:
            raise RowInvalid("import.row.not_a_number", column=column, value=value) from None

    def choice(self, column: str, enum: type[E], aliases: dict[str, E] | None = None) -> E:
        value = self.required(column).upper().replace("-", "").replace(" ", "_")
        if aliases and value in aliases:
            return aliases[value]
        try:
            return enum(value)
        except ValueError:
            allowed = ", ".join(e.value for e in enum)
            raise RowInvalid(
                "import.row.not_a_choice", column=column, value=self.get(column), allowed=allowed
            ) from None


def read_rows(
    text: str, *, required: tuple[str, ...], bad_lines: dict[int, Text] | None = None
) -> tuple[list[Row], list[RowError]]:
    """Rows of a CSV text (comma or semicolon separated, header names case-insensitive), and the
    rows refused before parsing: not UTF-8 (``bad_lines``), cells that cannot be stored
    (:func:`cell_problems`), and malformed CSV (an unterminated quote: reading stops there).
    """
    bad_lines = bad_lines or {}
    text = text.lstrip("\ufeff")
    first = text.split("\n", 1)[0]
    delimiter = ";" if first.count(";") > first.count(",") else ","
    reader = csv.DictReader(io.StringIO(text), delimiter=delimiter, strict=True)
    try:
        fieldnames = reader.fieldnames
    except csv.Error:
        raise invalid("import.file.header_invalid", field="file") from None
    if fieldnames is None:
        raise invalid("import.file.empty", field="file")
    headers = [(h or "").strip().upper() for h in fieldnames]
    missing = [column for column in required if column not in headers]
    if missing:
        raise invalid("import.file.missing_columns", field="file", columns=", ".join(missing))
    rows: list[Row] = []
    refused: list[RowError] = [RowError(1, "", (bad_lines[1],))] if 1 in bad_lines else []
    while True:
        start = reader.line_num + 1
        try:
            record = next(reader)
        except StopIteration:
            break
        except csv.Error:
            refused.append(RowError(start, "", (Text("import.row.malformed"),)))
            break
        values = {
            (key or "").strip().upper(): (value if isinstance(value, str) else "")
            for key, value in record.items()
        }
        if not any(v.strip() for v in values.values()):
            continue  # blank line
        row = Row(reader.line_num, values)
        problems = [bad_lines[n] for n in range(start, reader.line_num + 1) if n in bad_lines]
        problems += cell_problems(values)
        if problems:
            key = values.get(required[0], "")[:40] if required else ""
            refused.append(RowError(row.line, key, tuple(problems)))
        else:
            rows.append(row)
    return rows, refused
