"""``jenjang audit verify|checkpoint``: check the audit hash chains, sign their heads."""

from __future__ import annotations

import json
import time
from pathlib import Path

import typer

from portal.cli._common import console, fail, run_with_db
from portal.models import Agency
from portal.settings import get_settings
from workflows.audit import verify_chain
from workflows.checkpoints import check_against, make_checkpoint

app = typer.Typer(help="The append-only audit log: verify chains, sign checkpoints.")


def _secret() -> str:
    settings = get_settings()
    settings.require_secret()
    return settings.secret_key


@app.command()
def verify(
    agency: str | None = typer.Option(None, help="Only this agency (code)"),
    checkpoint: Path | None = typer.Option(None, help="A checkpoint file saved earlier"),
    workers: int | None = typer.Option(
        None, help="Processes walking a long chain at once (PostgreSQL; default: one a core)"
    ),
) -> None:
    """Walk every chain from its start and name the first broken entry."""
    saved = json.loads(checkpoint.read_text()) if checkpoint else None
    secret = _secret() if saved is not None else ""

    async def work() -> list[str]:
        query = Agency.all().order_by("id")
        if agency:
            query = query.filter(code=agency)
        agencies = await query
        if agency and not agencies:
            raise fail(f"unknown agency {agency!r}")
        failures = []
        for item in agencies:
            began = time.perf_counter()
            report = await verify_chain(item.id, workers=workers)
            rate = report.entries / max(time.perf_counter() - began, 1e-9)
            if report.ok:
                console.print(
                    f"{item.code}: ok, {report.entries} entries ({rate:,.0f} a second), "
                    f"head {report.head[:16]}…"
                )
            else:
                failures.append(
                    f"{item.code}: broken at entry {report.first_broken_seq}: {report.problem}"
                )
        if saved is not None:
            for problem in await check_against(saved, secret=secret, agency=agency):
                failures.append(f"{problem.agency}: entry {problem.seq}: {problem.problem}")
        return failures

    failures = run_with_db(work)
    for line in failures:
        console.print(f"[red]{line}[/red]")
    if failures:
        raise typer.Exit(1)


@app.command("checkpoint")
def checkpoint_command() -> None:
    """Print each chain's head signed with the server secret (keep it outside the database)."""
    secret = _secret()
    print(json.dumps(run_with_db(lambda: make_checkpoint(secret=secret)), indent=2))


def register(root: typer.Typer) -> None:
    root.add_typer(app, name="audit")
