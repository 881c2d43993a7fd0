"""Drawings of definitions: Mermaid text and SVG, with the current state highlighted."""

import xml.etree.ElementTree as ET
from pathlib import Path

from typer.testing import CliRunner

from portal.cli import app as cli
from workflows.career.definitions import all_definitions, all_variants, get_definition
from workflows.career.drawing import to_mermaid, to_svg, to_table


def test_mermaid_has_every_transition_and_highlight() -> None:
    definition = get_definition("rotation")
    text = to_mermaid(definition, current="HR_REVIEW")
    assert text.startswith("stateDiagram-v2")
    assert "SUPERVISOR_REVIEW --> HR_REVIEW: approve" in text
    assert "COMMITTEE_REVIEW --> APPROVED: approve / vote" in text
    assert "class HR_REVIEW current" in text


SVG = "http://www.w3.org/2000/svg"


def test_svg_is_valid_and_shows_every_state() -> None:
    for definition in [*all_definitions(), get_definition("promotion+HEAD_OF_OPD_REVIEW")]:
        last = definition.stage_names[-1]
        svg = to_svg(definition, current=last)
        root = ET.fromstring(svg)
        ids = {g.get("id") for g in root.iter("{http://www.w3.org/2000/svg}g")}
        assert ids == {f"state-{s}" for s in definition.states}
        current = root.find(f".//{{{SVG}}}g[@id='state-{last}']/{{{SVG}}}rect")
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


def test_the_documented_table_and_drawing_are_the_code() -> None:
    page = (Path(__file__).parents[2] / "docs" / "workflows.md").read_text()
    definition = get_definition("rotation")
    table = page.split("<!-- transition-table:rotation -->\n")[1].split("<!-- /transition")[0]
    drawing = page.split("<!-- drawing:rotation -->\n```mermaid\n")[1].split("```")[0]
    assert table == to_table(definition)
    assert drawing == to_mermaid(definition)
    assert len(table.splitlines()) == 2 + len(definition.transitions)
    printed = CliRunner().invoke(cli, ["workflow", "draw", "rotation", "--format", "table"])
    assert printed.exit_code == 0 and printed.stdout == to_table(definition)


def test_guards_are_named_functions_and_variants_are_written_out() -> None:
    for definition in all_variants():
        for transition in definition.transitions:
            assert transition.guard is None or callable(transition.guard)
        # every stage of the definition appears as a state of its table
        assert set(definition.stage_names) <= set(definition.states)
    assert {d.name for d in all_variants()} >= {
        "rotation+HEAD_OF_OPD_REVIEW",
        "promotion+HEAD_OF_OPD_REVIEW",
        "further_study+HEAD_OF_OPD_REVIEW",
    }
