"""CSV import from the national system: validation report, all or nothing, re-import updates."""

from pathlib import Path

import pytest

from portal.models import (
    Assessment,
    AuditEntry,
    Employee,
    OrgUnit,
    Position,
    PositionHistory,
    RankHistory,
)
from portal.vocabulary import Rank
from tests import factories
from tests.merit import factories as mf
from workflows.errors import NotPermitted, ValidationFailed
from workflows.importer import ImportKind, import_csv

SAMPLES = Path(__file__).resolve().parents[2] / "docs" / "samples"
EMPLOYEE_HEADER = (
    "NIP_BARU,NAMA,JENIS_KELAMIN,TANGGAL_LAHIR,TMT_CPNS,JENIS_PEGAWAI,GOL_AKHIR,TMT_GOLONGAN,"
    "PENDIDIKAN,KODE_UNOR,KODE_JABATAN,TMT_JABATAN\n"
)


def sample(name: str) -> str:
    return (SAMPLES / name).read_text(encoding="utf-8")


async def _agency_with_samples():
    """An empty agency whose HR imports the sample positions and employees."""
    ag = await factories.agency()
    hr = await mf.hr_viewer(ag, "hr.serang")
    for code in ("M.01", "M.02", "M.03"):
        await mf.competency(ag, code)
    await import_csv(actor=hr, kind=ImportKind.POSITIONS, text=sample("positions.csv"))
    await import_csv(actor=hr, kind=ImportKind.EMPLOYEES, text=sample("employees.csv"))
    return ag, hr


async def test_the_documented_samples_import(db) -> None:
    # given
    mf.freeze()
    ag, hr = await _agency_with_samples()
    # when
    report = await import_csv(actor=hr, kind=ImportKind.ASSESSMENTS, text=sample("assessments.csv"))
    # then
    assert report.applied and report.created == 6 and not report.errors
    assert await OrgUnit.filter(agency=ag).count() == 2
    analyst = await Position.get(agency=ag, code="BKPSDM-ANALIS-SDM").prefetch_related("parent")
    assert analyst.parent is not None
    assert analyst.parent.code == "BKPSDM-KABID-PK" and analyst.capacity == 3
    head = await Employee.get(nip="197504122000031001")
    assert head.rank == Rank.IV_B and head.name == "Drs. Ahmad Fauzi M.Si."
    assert await PositionHistory.filter(employee=head).count() == 1
    assert await Assessment.filter(employee__nip="199102052017032001").count() == 3
    assert await AuditEntry.filter(action="employee.import.create").count() == 4


async def test_reimport_updates_rather_than_duplicates(db) -> None:
    # given
    mf.freeze()
    ag, hr = await _agency_with_samples()
    promoted = sample("employees.csv").replace(
        "PNS,III/b,01-04-2021,S1,Psikologi", "PNS,III/c,01-04-2025,S1,Psikologi"
    )
    # when
    again = await import_csv(actor=hr, kind=ImportKind.EMPLOYEES, text=promoted)
    positions_again = await import_csv(
        actor=hr, kind=ImportKind.POSITIONS, text=sample("positions.csv")
    )
    # then
    assert (again.created, again.updated, again.unchanged) == (0, 1, 3)
    assert (positions_again.created, positions_again.updated) == (0, 0)
    assert await Employee.filter(agency=ag).count() == 4
    dewi = await Employee.get(nip="199102052017032001")
    history = await RankHistory.filter(employee=dewi).order_by("since").values_list("rank", "until")
    assert [(Rank(r), str(u)) for r, u in history] == [
        (Rank.III_B, "2025-04-01"),
        (Rank.III_C, "None"),
    ]
    update = await AuditEntry.get(action="employee.import.update")
    assert '"rank":10' in update.canonical and '"rank":11' in update.canonical


async def test_one_bad_row_writes_nothing_and_the_report_names_it(db) -> None:
    # given: line 3 has a NIP whose birth date disagrees, line 4 an unknown position
    mf.freeze()
    ag, hr = await _agency_with_samples()
    before = await AuditEntry.all().count()
    text = EMPLOYEE_HEADER + (
        "199501012020011001,Andi,L,01-01-1995,01-01-2020,PNS,III/a,01-01-2020,S1,BKPSDM-PK,,\n"
        "199501012020011002,Bayu,L,02-01-1995,01-01-2020,PNS,III/a,01-01-2020,S1,BKPSDM-PK,,\n"
        "199601012020012003,Citra,P,01-01-1996,01-01-2020,PNS,III/a,01-01-2020,S1,BKPSDM-PK,NOPE,"
        "01-01-2021\n"
        "199601012020012004,Dina,P,01-01-1996,01-01-2020,PNS,III/x,01-01-2020,S1,BKPSDM-PK,,\n"
        "199501012020011001,Andi lagi,L,01-01-1995,01-01-2020,PNS,III/a,01-01-2020,S1,BKPSDM-PK,,\n"
    )
    # when
    report = await import_csv(actor=hr, kind=ImportKind.EMPLOYEES, text=text)
    # then
    assert not report.applied
    assert [(e.line, e.key) for e in report.errors] == [
        (3, "199501012020011002"),
        (4, "199601012020012003"),
        (5, "199601012020012004"),
        (6, "199501012020011001"),
    ]
    messages = [e.message_in("en") for e in report.errors]
    assert "encodes birth date 1995-01-01, the record says 1995-01-02" in messages[0]
    assert 'Unknown position "NOPE"' in messages[1]
    assert 'unknown rank "III/x"' in messages[2]
    assert "Duplicate of line 2" in messages[3]
    indonesian = [e.message for e in report.errors]
    assert "memuat tanggal lahir 1995-01-01, data pegawai 1995-01-02" in indonesian[0]
    assert indonesian[1] == 'Jabatan "NOPE" tidak dikenal (impor jabatan lebih dulu).'
    assert indonesian[3] == "Sama dengan baris 2."
    assert await Employee.filter(agency=ag).count() == 4
    assert await AuditEntry.all().count() == before


async def test_skip_invalid_imports_the_valid_rows(db) -> None:
    # given
    mf.freeze()
    ag, hr = await _agency_with_samples()
    text = EMPLOYEE_HEADER + (
        "199501012020011001,Andi,L,01-01-1995,01-01-2020,PNS,III/a,01-01-2020,S1,BKPSDM-PK,,\n"
        "199501012020011002,Bayu,L,01-01-1995,01-01-2020,PNS,,,S1,BKPSDM-PK,,\n"
    )
    # when
    report = await import_csv(actor=hr, kind=ImportKind.EMPLOYEES, text=text, skip_invalid=True)
    # then
    assert report.applied and report.created == 1 and report.skipped == 1
    assert report.errors[0].message_in("en") == "A PNS or CPNS needs GOL_AKHIR (golongan/ruang)."
    assert report.errors[0].message == "PNS dan CPNS wajib memiliki GOL_AKHIR (golongan/ruang)."
    assert await Employee.filter(agency=ag).count() == 5
    summary = await AuditEntry.filter(action="import.employees").order_by("-seq").first()
    assert summary is not None and '"skipped_lines":[3]' in summary.canonical


async def test_position_loops_and_orphans_are_refused(db) -> None:
    # given
    mf.freeze()
    ag = await factories.agency()
    hr = await mf.hr_viewer(ag, "hr.serang")
    header = sample("positions.csv").splitlines()[0] + "\n"
    text = header + (
        "A,Jabatan A,PELAKSANA,,5,U1,Unit 1,BIDANG,B,SLTA,II/a,0,1\n"
        "B,Jabatan B,PELAKSANA,,5,U1,Unit 1,BIDANG,A,SLTA,II/a,0,1\n"
        "C,Jabatan C,PELAKSANA,,5,U1,Unit 1,BIDANG,D,SLTA,II/a,0,1\n"
        "D,Jabatan D,PELAKSANA,,20,U1,Unit 1,BIDANG,,SLTA,II/a,0,1\n"
    )
    # when
    report = await import_csv(actor=hr, kind=ImportKind.POSITIONS, text=text, skip_invalid=True)
    # then: A and B loop, D's class is out of range, so C's parent is gone too
    assert {e.key: e.message for e in report.errors}.keys() == {"A", "B", "C", "D"}
    assert "loops" in next(e.message_in("en") for e in report.errors if e.key == "A")
    assert await Position.filter(agency=ag).count() == 0


async def test_import_refusals(db) -> None:
    # given
    mf.freeze()
    m = await mf.merit_office()
    # when / then
    with pytest.raises(NotPermitted):
        await import_csv(actor=m.supervisor, kind=ImportKind.EMPLOYEES, text=EMPLOYEE_HEADER)
    with pytest.raises(ValidationFailed, match=r"tidak memuat kolom .*NAMA"):
        await import_csv(actor=m.hr, kind=ImportKind.EMPLOYEES, text="NIP_BARU;KODE_UNOR\n1;2\n")


async def test_an_employee_of_another_agency_is_not_taken_over(db) -> None:
    # given: the NIP belongs to Tangsel
    mf.freeze()
    await _agency_with_samples()
    tangsel = await factories.agency("tangsel", "Pemerintah Kota Tangerang Selatan")
    tangsel_hr = await mf.hr_viewer(tangsel, "hr.tangsel")
    await import_csv(actor=tangsel_hr, kind=ImportKind.POSITIONS, text=sample("positions.csv"))
    # when
    report = await import_csv(
        actor=tangsel_hr, kind=ImportKind.EMPLOYEES, text=sample("employees.csv")
    )
    # then
    assert not report.applied and len(report.errors) == 4
    assert "another agency" in report.errors[0].message_in("en")
    assert "terdaftar di instansi lain" in report.errors[0].message
    assert await Employee.filter(agency=tangsel).count() == 0
