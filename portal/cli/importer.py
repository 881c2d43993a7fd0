"""``jenjang import employees|positions|assessments FILE.csv --agency CODE [--skip-invalid]``."""

from __future__ import annotations

from pathlib import Path

import typer
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn
from rich.table import Table

from portal.cli._common import console, err_console, fail, run_with_db
from portal.i18n import DEFAULT_LANGUAGE, LANGUAGES, translate
from portal.models import Agency
from portal.viewer import Viewer
from portal.vocabulary import Role
from workflows.errors import DomainError
from workflows.importer import ImportKind, ImportReport, import_csv
from workflows.messages import localise

app = typer.Typer(
    help="Import CSV exports of the national system (SIASN); see docs/import.md.",
    no_args_is_help=True,
)


def _run(kind: ImportKind, file: Path, agency: str, skip_invalid: bool, language: str) -> None:
    if language not in LANGUAGES:
        raise fail(f"unknown language {language!r}; expected one of {', '.join(LANGUAGES)}")
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
        raise fail(localise(exc, language).message) from None
    _print(report, language)
    if not report.applied:
        raise typer.Exit(1)


def _print(report: ImportReport, language: str) -> None:
    def t(key: str, **params: object) -> str:
        return translate(key, language, **params)

    if report.errors:
        title = t("import.report.invalid_rows", count=len(report.errors))
        table = Table(title=title, title_justify="left")
        table.add_column(t("import.report.line"), justify="right")
        table.add_column(t("import.report.key"))
        table.add_column(t("import.report.why"))
        for error in report.errors:
            table.add_row(str(error.line), error.key, error.message_in(language))
        err_console.print(table)
    if not report.applied:
        invalid, total = len(report.errors), report.total
        err_console.print(f"[red]{t('import.report.nothing', invalid=invalid, total=total)}[/red]")
        return
    console.print(
        t(
            "import.report.done",
            kind=report.kind,
            created=report.created,
            updated=report.updated,
            unchanged=report.unchanged,
            skipped=report.skipped,
        )
    )


FILE = typer.Argument(..., exists=True, dir_okay=False, help="CSV export (UTF-8)")
AGENCY = typer.Option(..., "--agency", help="Agency code, e.g. serang")
SKIP = typer.Option(False, "--skip-invalid", help="Import the valid rows even if some are not")
LANGUAGE = typer.Option(
    DEFAULT_LANGUAGE, "--language", help="Language of the report: id (default) or en"
)


_HELP = {
    ImportKind.EMPLOYEES: "Employees keyed by NIP (NIP_BARU): new ones created, known ones "
    "updated.",
    ImportKind.POSITIONS: "Positions keyed by code (KODE_JABATAN); new org units are created on "
    "the way.",
    ImportKind.ASSESSMENTS: "Competency assessment results keyed by NIP, competency, date and "
    "method.",
}


def _command(kind: ImportKind) -> None:
    """``jenjang import <kind>``: the same options for every kind of file."""

    def command(
        file: Path = FILE,
        agency: str = AGENCY,
        skip_invalid: bool = SKIP,
        language: str = LANGUAGE,
    ) -> None:
        _run(kind, file, agency, skip_invalid, language)

    app.command(name=kind.value, help=_HELP[kind])(command)


for _kind in ImportKind:
    _command(_kind)


def register(root: typer.Typer) -> None:
    root.add_typer(app, name="import")
