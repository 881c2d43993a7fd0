"""Reading CSV exports of the national system (SIASN) into rows, and the import report."""

from __future__ import annotations

import csv
import datetime as dt
import io
from dataclasses import dataclass, field
from enum import StrEnum
from typing import TypeVar

from workflows.errors import ValidationFailed
from workflows.importer._cells import cell_problems

E = TypeVar("E", bound=StrEnum)
_DATE_FORMATS = ("%d-%m-%Y", "%Y-%m-%d", "%d/%m/%Y")


class RowInvalid(Exception):
    """One row cannot be imported; the message says why."""


@dataclass(frozen=True)
class RowError:
    line: int  # line in the file; the header is line 1
    key: str  # the row's NIP or code, as written
    message: str


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
            raise RowInvalid(f"{column} is empty")
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
        raise RowInvalid(f"{column} {value!r} is not a date (DD-MM-YYYY or YYYY-MM-DD)")

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
            raise RowInvalid(f"{column} {value!r} is not a whole number") from None

    def choice(self, column: str, enum: type[E], aliases: dict[str, E] | None = None) -> E:
        value = self.required(column).upper().replace("-", "").replace(" ", "_")
        if aliases and value in aliases:
            return aliases[value]
        try:
            return enum(value)
        except ValueError:
            allowed = ", ".join(e.value for e in enum)
            raise RowInvalid(f"{column} {self.get(column)!r} is not one of {allowed}") from None


def read_rows(
    text: str, *, required: tuple[str, ...], bad_lines: dict[int, str] | None = None
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
    except csv.Error as exc:
        raise ValidationFailed(f"the header is not valid CSV: {exc}", field="file") from None
    if fieldnames is None:
        raise ValidationFailed("the file is empty", field="file")
    headers = [(h or "").strip().upper() for h in fieldnames]
    missing = [column for column in required if column not in headers]
    if missing:
        raise ValidationFailed(f"the header lacks the column(s) {', '.join(missing)}", field="file")
    rows: list[Row] = []
    refused: list[RowError] = [RowError(1, "", bad_lines[1])] if 1 in bad_lines else []
    while True:
        start = reader.line_num + 1
        try:
            record = next(reader)
        except StopIteration:
            break
        except csv.Error as exc:
            refused.append(RowError(start, "", f"malformed CSV from here on ({exc})"))
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
            refused.append(RowError(row.line, key, "; ".join(problems)))
        else:
            rows.append(row)
    return rows, refused
