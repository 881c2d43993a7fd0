"""``jenjang import``: the sample files through the command line, and a refused file."""

import asyncio
from pathlib import Path

import pytest
from typer.testing import CliRunner

from portal import db as portal_db
from portal.cli import app
from portal.models import Agency, Employee
from portal.settings import get_settings

SAMPLES = Path(__file__).resolve().parents[2] / "docs" / "samples"


async def _with_db(url: str, work):
    await portal_db.init_db(url)
    try:
        return await work()
    finally:
        await portal_db.close_db()


@pytest.fixture
def cli_database(database, monkeypatch: pytest.MonkeyPatch):
    """The test database as the CLI's configured one, with the agency Serang in it."""
    monkeypatch.setenv("JENJANG_DATABASE_URL", database.url)
    get_settings.cache_clear()
    asyncio.run(_with_db(database.url, lambda: Agency.create(code="serang", name="Kota Serang")))
    yield database.url
    get_settings.cache_clear()


def test_import_samples_then_refuse_a_bad_file(cli_database, tmp_path: Path) -> None:
    # given
    runner = CliRunner()
    bad = tmp_path / "bad.csv"
    bad.write_text(
        (SAMPLES / "employees.csv").read_text().replace("30-09-1982", "31-09-1982"),
        encoding="utf-8",
    )
    # when
    positions = runner.invoke(
        app, ["import", "positions", str(SAMPLES / "positions.csv"), "--agency", "serang"]
    )
    refused = runner.invoke(
        app, ["import", "employees", str(bad), "--agency", "serang", "--language", "en"]
    )
    employees = runner.invoke(
        app, ["import", "employees", str(SAMPLES / "employees.csv"), "--agency", "serang"]
    )
    # then
    assert positions.exit_code == 0, positions.output
    assert "4 dibuat" in positions.output
    assert refused.exit_code == 1
    assert "nothing imported" in refused.output and "TANGGAL_LAHIR" in refused.output
    assert employees.exit_code == 0 and "4 dibuat" in employees.output
    count = asyncio.run(_with_db(cli_database, lambda: Employee.all().count()))
    assert count == 4


def test_unknown_agency(cli_database) -> None:
    result = CliRunner().invoke(
        app, ["import", "employees", str(SAMPLES / "employees.csv"), "--agency", "atlantis"]
    )
    assert result.exit_code == 1 and "unknown agency" in result.output
