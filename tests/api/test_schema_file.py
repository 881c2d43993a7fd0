"""schema.graphql at the repository root is the exported SDL; `jenjang export-schema` prints it."""

from __future__ import annotations

from pathlib import Path

from typer.testing import CliRunner

from portal.cli import app
from schema import export_sdl

SCHEMA_FILE = Path(__file__).resolve().parents[2] / "schema.graphql"
FIX = "run `jenjang export-schema > schema.graphql` (or `make schema`) and commit it"


def test_the_committed_schema_matches_the_code() -> None:
    assert SCHEMA_FILE.read_text() == export_sdl(), f"schema.graphql is stale: {FIX}"


def test_export_schema_prints_the_sdl() -> None:
    result = CliRunner().invoke(app, ["export-schema"])
    assert result.exit_code == 0, result.output
    assert result.output == export_sdl()


def test_the_api_contract_names_are_in_the_schema() -> None:
    sdl = export_sdl()
    for name in (
        "interface Node",
        "node(id: ID!): Node",
        "employees(",
        "approvalQueue(",
        "careerRequestEvents(requestId: ID!)",
        "approvalQueueChanged",
        "submitCareerRequest(\n    input: CareerRequestInput!",
        "input CareerRequestInput @oneOf",
        "decideCareerRequest(\n    input: DecideCareerRequestInput!",
        "union SubmitCareerRequestPayload",
    ):
        assert name in sdl, name
