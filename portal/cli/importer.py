"""``jenjang import employees|positions|assessments FILE.csv --agency CODE [--skip-invalid]``."""

from __future__ import annotations

from pathlib import Path

import typer
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn
from rich.table import Table

from portal.cli._common import console, err_console, fail, run_with_db
from portal.models import Agency
from portal.viewer import Viewer
from portal.vocabulary import Role
from workflows.errors import DomainError
from workflows.importer import ImportKind, ImportReport, import_csv

app = typer.Typer(
    help="Import CSV exports of the national system (SIASN); see docs/import.md.",
    no_args_is_help=True,
)


def _run(kind: ImportKind, file: Path, agency: str, skip_invalid: bool) -> None:
    try:
        text = file.read_bytes()  # decoded by the importer, which reports lines that are not UTF-8
    except OSError as exc:
        raise fail(f"cannot read {file}: {exc.strerror}") from None

    async def work() -> ImportReport:
        record = await Agency.get_or_none(code=agency)
        if record is None:
            raise fail(f"unknown agency {agency!r}")
        # The operator at the server's console acts as the agency's administrator.
        actor = Viewer(
            agency_id=record.id,
            agency_code=record.code,
            username=f"cli:import:{kind.value}",
            roles=frozenset({Role.ADMIN}),
        )
        with Progress(
            TextColumn(f"importing {kind.value}"),
            BarColumn(),
            MofNCompleteColumn(),
            console=console,
            transient=True,
        ) as bar:
            task = bar.add_task(kind.value, total=None)
            return await import_csv(
                actor=actor,
                kind=kind,
                text=text,
                skip_invalid=skip_invalid,
                progress=lambda done, total: bar.update(task, completed=done, total=total),
            )

    try:
        report = run_with_db(work)
    except DomainError as exc:
        raise fail(exc.message) from None
    _print(report)
    if not report.applied:
        raise typer.Exit(1)


def _print(report: ImportReport) -> None:
    if report.errors:
        table = Table(title=f"{len(report.errors)} invalid row(s)", title_justify="left")
        table.add_column("line", justify="right")
        table.add_column("key")
        table.add_column("why")
        for error in report.errors:
            table.add_row(str(error.line), error.key, error.message)
        err_console.print(table)
    if not report.applied:
        err_console.print(
            f"[red]nothing imported:[/red] {len(report.errors)} of {report.total} rows are "
            "invalid; fix them or pass --skip-invalid to import the valid rows"
        )
        return
    console.print(
        f"{report.kind}: {report.created} created, {report.updated} updated, "
        f"{report.unchanged} unchanged, {report.skipped} skipped"
    )


FILE = typer.Argument(..., exists=True, dir_okay=False, help="CSV export (UTF-8)")
AGENCY = typer.Option(..., "--agency", help="Agency code, e.g. serang")
SKIP = typer.Option(False, "--skip-invalid", help="Import the valid rows even if some are not")


@app.command()
def employees(file: Path = FILE, agency: str = AGENCY, skip_invalid: bool = SKIP) -> None:
    """Employees keyed by NIP (NIP_BARU): new ones created, known ones updated."""
    _run(ImportKind.EMPLOYEES, file, agency, skip_invalid)


@app.command()
def positions(file: Path = FILE, agency: str = AGENCY, skip_invalid: bool = SKIP) -> None:
    """Positions keyed by code (KODE_JABATAN); new org units are created on the way."""
    _run(ImportKind.POSITIONS, file, agency, skip_invalid)


@app.command()
def assessments(file: Path = FILE, agency: str = AGENCY, skip_invalid: bool = SKIP) -> None:
    """Competency assessment results keyed by NIP, competency, date and method."""
    _run(ImportKind.ASSESSMENTS, file, agency, skip_invalid)


def register(root: typer.Typer) -> None:
    root.add_typer(app, name="import")
