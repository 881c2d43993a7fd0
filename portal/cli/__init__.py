"""The ``jenjang`` command line: each module registers its commands here."""

from __future__ import annotations

import typer

from portal.cli import audit, backup, demo, dispatch, importer, server, tokens, users, workflow

app = typer.Typer(help="Jenjang: competency and career workflows for ASN.", no_args_is_help=True)

for module in (server, tokens, users, audit, workflow, demo, importer, dispatch, backup):
    module.register(app)


def main() -> None:
    app()
