"""Drawings of definitions: Mermaid text and SVG, with the current state highlighted."""

import xml.etree.ElementTree as ET

from typer.testing import CliRunner

from portal.cli import app as cli
from workflows.career.definitions import all_definitions, get_definition
from workflows.career.drawing import to_mermaid, to_svg


def test_mermaid_has_every_transition_and_highlight() -> None:
    definition = get_definition("rotation")
    text = to_mermaid(definition, current="HR_REVIEW")
    assert text.startswith("stateDiagram-v2")
    assert "SUPERVISOR_REVIEW --> HR_REVIEW: approve" in text
    assert "COMMITTEE_REVIEW --> APPROVED: approve / vote" in text
    assert "class HR_REVIEW current" in text


def test_svg_is_valid_and_shows_every_state() -> None:
    for definition in [*all_definitions(), get_definition("promotion+HEAD_OF_OPD_REVIEW")]:
        svg = to_svg(definition, current="COMMITTEE_REVIEW")
        root = ET.fromstring(svg)
        ids = {g.get("id") for g in root.iter("{http://www.w3.org/2000/svg}g")}
        assert ids == {f"state-{s}" for s in definition.states}
        current = root.find(
            ".//{http://www.w3.org/2000/svg}g[@id='state-COMMITTEE_REVIEW']/{http://www.w3.org/2000/svg}rect"
        )
        assert current is not None and "current" in (current.get("class") or "")


def test_cli_draw(tmp_path) -> None:
    runner = CliRunner()
    out = tmp_path / "rotation.svg"
    result = runner.invoke(cli, ["workflow", "draw", "rotation", "-o", str(out)])
    assert result.exit_code == 0, result.output
    ET.fromstring(out.read_text())
    mermaid = runner.invoke(cli, ["workflow", "draw", "further_study", "--format", "mermaid"])
    assert "stateDiagram-v2" in mermaid.stdout
    assert runner.invoke(cli, ["workflow", "draw", "nope"]).exit_code == 1
