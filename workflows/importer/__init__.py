"""CSV import of employees, positions and assessments from the national system's exports.

Every row is validated first and the report names each bad row and why. When any row is invalid
nothing is written, unless ``skip_invalid`` asks to import the valid rows anyway. Re-importing
updates rather than duplicates (employees keyed by NIP, positions by code, assessments by NIP,
competency, date and method). All writes share one transaction and each change is audited.
"""

from __future__ import annotations

from collections.abc import Callable
from enum import StrEnum
from typing import Any

from tortoise.transactions import in_transaction

from portal.viewer import Viewer
from workflows import audit
from workflows.access import require_hr
from workflows.importer import assessments, employees, positions
from workflows.importer._cells import decode
from workflows.importer._rows import ImportReport, Row, RowError, RowInvalid, read_rows
from workflows.merit.lookups import actor_name
from workflows.messages import Text

__all__ = ["ImportKind", "ImportReport", "RowError", "import_csv"]

Progress = Callable[[int, int], None]


class ImportKind(StrEnum):
    EMPLOYEES = "employees"
    POSITIONS = "positions"
    ASSESSMENTS = "assessments"


_MODULES: dict[ImportKind, Any] = {
    ImportKind.EMPLOYEES: employees,
    ImportKind.POSITIONS: positions,
    ImportKind.ASSESSMENTS: assessments,
}


def _validate(
    module: Any, rows: list[Row], known: dict[str, Any], report: ImportReport
) -> list[tuple[Row, Any]]:
    records: list[tuple[Row, Any]] = []
    first_line: dict[str, int] = {}
    for row in rows:
        key = module.key_of(row)
        try:
            if key and key in first_line:
                raise RowInvalid("import.row.duplicate", line=first_line[key])
            first_line.setdefault(key, row.line)
            records.append((row, module.parse(row, known)))
        except RowInvalid as exc:
            report.errors.append(RowError(row.line, key, (exc.text,)))
    return records


def _position_tree(
    records: list[tuple[Row, Any]], known: dict[str, Any], report: ImportReport
) -> list[tuple[Row, Any]]:
    """Drop positions whose chain loops or whose parent is itself a rejected row."""
    while True:
        bad = positions.loops([r for _, r in records], known)
        valid_codes = {r.code for _, r in records}
        for _, record in records:
            parent = record.parent_code
            if parent and parent not in valid_codes and parent not in known["parents"]:
                bad.setdefault(record.code, Text("import.row.parent_invalid", {"code": parent}))
        if not bad:
            return records
        for row, record in records:
            if record.code in bad:
                report.errors.append(RowError(row.line, record.code, (bad[record.code],)))
        records = [(row, r) for row, r in records if r.code not in bad]


async def import_csv(
    *,
    actor: Viewer,
    kind: ImportKind,
    text: str | bytes,
    skip_invalid: bool = False,
    progress: Progress | None = None,
) -> ImportReport:
    """Validate the whole file, then write it in one transaction (or nothing at all).

    ``text`` may be the file's bytes: lines that are not UTF-8 are then reported, row by row.
    """
    require_hr(actor, "errors.hr_only.import_data")
    module = _MODULES[kind]
    text, bad_lines = decode(text) if isinstance(text, bytes) else (text, {})
    rows, refused = read_rows(text, required=module.REQUIRED, bad_lines=bad_lines)
    known = await module.lookups(actor.agency_id, rows)
    report = ImportReport(kind=kind.value, total=len(rows) + len(refused), errors=refused)
    records = _validate(module, rows, known, report)
    if kind == ImportKind.POSITIONS:
        records = _position_tree(records, known, report)
    report.errors.sort(key=lambda e: e.line)
    if report.errors and not skip_invalid:
        return report
    async with in_transaction() as conn:
        outcomes = []
        for done, (_, record) in enumerate(records, 1):
            outcomes.append(await module.write(conn, actor, record))
            if progress is not None:
                progress(done, len(records))
        if kind == ImportKind.POSITIONS:
            for index, (_, record) in enumerate(records):
                if await positions.link(conn, actor, record) and outcomes[index] == "unchanged":
                    outcomes[index] = "updated"
        report.created = outcomes.count("created")
        report.updated = outcomes.count("updated")
        report.unchanged = outcomes.count("unchanged")
        await audit.append(
            conn,
            agency_id=actor.agency_id,
            actor=actor_name(actor),
            action=f"import.{kind.value}",
            subject_type="agency",
            subject_id=actor.agency_id,
            after={
                "rows": report.total,
                "created": report.created,
                "updated": report.updated,
                "unchanged": report.unchanged,
                "skipped_lines": [e.line for e in report.errors],
            },
        )
    report.applied = True
    return report
