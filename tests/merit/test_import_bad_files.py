"""Bad CSV files: every bad row in the report, nothing written, a non-zero exit; no formulas stored.

Encoding (Latin-1 lines, UTF-16), quoting, lengths (a 25-digit NIP, a 10 MB cell), NUL, email,
and cells a spreadsheet would run as formulas (OWASP CSV injection): each refused with its line.
"""

import asyncio

from typer.testing import CliRunner

from portal.cli import app
from portal.models import AuditEntry, Employee
from tests.merit import factories as mf
from tests.merit.test_import_cli import _with_db, cli_database  # noqa: F401 (fixture)
from tests.merit.test_importer import EMPLOYEE_HEADER, _agency_with_samples
from workflows.errors import ValidationFailed
from workflows.importer import ImportKind, import_csv

GOOD = "199501012020011001,Andi,L,01-01-1995,01-01-2020,PNS,III/a,01-01-2020,S1,BKPSDM-PK,,\n"


def _row(nip: str = "199501022020011002", name: str = "Bayu", tail: str = "") -> str:
    return f"{nip},{name},L,02-01-1995,01-01-2020,PNS,III/a,01-01-2020,S1,BKPSDM-PK,,,{tail}\n"


async def test_every_bad_row_is_reported_and_nothing_is_written(db) -> None:
    # given: one good row and one bad row of each class
    mf.freeze()
    ag, hr = await _agency_with_samples()
    before = (await Employee.filter(agency=ag).count(), await AuditEntry.all().count())
    header = EMPLOYEE_HEADER.replace("TMT_JABATAN\n", "TMT_JABATAN,EMAIL\n")
    lines = [
        GOOD.replace("\n", ",andi@serangkota.go.id\n"),
        _row(name="Jos\xe9").encode("latin-1").decode("latin-1"),  # replaced below by bytes
        _row(nip="1" * 25),
        _row(name='=HYPERLINK("http://x")'),
        _row(name="@SUM(A1)"),
        _row(name="-2+3"),
        _row(tail="bukan-email"),
        _row(name="A\x00B"),
        _row(name="x" * 10_000),
    ]
    data = (header + "".join(lines)).encode("utf-8")
    data = data.replace("Jos\xe9".encode(), "Jos\xe9".encode("latin-1"))
    # when
    report = await import_csv(actor=hr, kind=ImportKind.EMPLOYEES, text=data)
    # then: lines 3..10 each named with why, nothing written
    assert not report.applied
    why = {e.line: e.message_in("en") for e in report.errors}
    assert sorted(why) == [3, 4, 5, 6, 7, 8, 9, 10], why
    assert "not UTF-8" in why[3] and "bukan UTF-8" in report.errors[0].message
    assert "NIP_BARU is longer than 18" in why[4]
    assert "formula" in why[5] and "formula" in why[6] and "formula" in why[7]
    assert "not an email address" in why[8]
    assert "NUL" in why[9]
    assert "NAMA is longer than 200" in why[10]
    assert (await Employee.filter(agency=ag).count(), await AuditEntry.all().count()) == before


async def test_quoting_huge_cells_and_utf16_are_reported_not_raised(db) -> None:
    mf.freeze()
    ag, hr = await _agency_with_samples()
    unterminated = EMPLOYEE_HEADER + GOOD + '199501012020011002,"Bayu,L\n' + GOOD
    huge = EMPLOYEE_HEADER + GOOD + _row(name='"' + "y" * 10_000_000 + '"')
    # when
    quoted = await import_csv(actor=hr, kind=ImportKind.EMPLOYEES, text=unterminated)
    large = await import_csv(actor=hr, kind=ImportKind.EMPLOYEES, text=huge)
    utf16 = None
    try:
        await import_csv(actor=hr, kind=ImportKind.EMPLOYEES, text=EMPLOYEE_HEADER.encode("utf-16"))
    except ValidationFailed as refused:
        utf16 = refused.message
    # then
    assert not quoted.applied and "Malformed CSV" in quoted.errors[-1].message_in("en")
    assert quoted.errors[-1].line == 3
    assert not large.applied and large.errors[0].line == 3
    assert utf16 is not None and "UTF-16" in utf16
    assert await Employee.filter(agency=ag).count() == 4


def test_the_command_line_reports_a_latin1_file_and_exits_non_zero(
    cli_database,  # noqa: F811
    tmp_path,
) -> None:
    # given: a Latin-1 export
    bad = tmp_path / "latin1.csv"
    bad.write_bytes((EMPLOYEE_HEADER + _row(name="Jos\xe9")).encode("latin-1"))
    # when
    args = ["import", "employees", str(bad), "--agency", "serang"]
    result = CliRunner().invoke(app, [*args, "--language", "en"])
    indonesian = CliRunner().invoke(app, args)
    # then
    assert result.exit_code == 1, result.output
    assert "nothing imported" in result.output and "not UTF-8" in result.output
    assert "tidak ada yang diimpor" in indonesian.output and "bukan UTF-8" in indonesian.output
    count = asyncio.run(_with_db(cli_database, lambda: Employee.all().count()))
    assert count == 0
