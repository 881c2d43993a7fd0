"""``jenjang workflow draw`` and ``jenjang tick``: drawings, scheduled changes, escalation."""

from __future__ import annotations

from pathlib import Path

import typer

from portal.cli._common import console, fail, run_with_db
from workflows.career.deadlines import escalate_overdue
from workflows.career.definitions import get_definition
from workflows.career.drawing import to_mermaid, to_svg, to_table
from workflows.career.scheduled import apply_due

app = typer.Typer(help="Workflow definitions.")


@app.command()
def draw(
    name: str = typer.Argument(..., help="rotation, promotion or further_study"),
    format: str = typer.Option("svg", "--format", help="svg, mermaid or table (Markdown)"),
    version: int | None = typer.Option(None, help="Definition version (default: latest)"),
    current: str | None = typer.Option(None, help="A state to highlight"),
    output: Path | None = typer.Option(
        None, "-o", "--output", help="File to write (default: stdout)"
    ),
) -> None:
    """Draw a definition's states and transitions."""
    if format not in ("svg", "mermaid", "table"):
        raise fail("format must be svg, mermaid or table")
    try:
        definition = get_definition(name, version)
    except (KeyError, ValueError) as exc:
        raise fail(str(exc).strip("'\"")) from None
    if format == "table":
        text = to_table(definition)
    else:
        text = (to_svg if format == "svg" else to_mermaid)(definition, current=current)
    if output is None:
        print(text, end="")
    else:
        output.write_text(text)
        console.print(f"wrote {output}")


def tick() -> None:
    """Apply the changes whose date has come, then escalate every stage past its due time.

    Safe to run from several processes: each change is applied once, each stage escalated once.
    """
    applied = run_with_db(apply_due)
    escalated = run_with_db(escalate_overdue)
    console.print(f"applied {len(applied)} scheduled change(s)")
    console.print(f"escalated {len(escalated)} request(s)")


def register(root: typer.Typer) -> None:
    root.add_typer(app, name="workflow")
    root.command("tick")(tick)
