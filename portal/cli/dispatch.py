"""``jenjang dispatch``: the dispatcher as its own worker (webhooks, notifications, email)."""

from __future__ import annotations

import logging.config

import typer

from portal.cli._common import console, run_with_db
from portal.integrations.dispatcher import Dispatcher
from portal.observability.logs import logging_config
from portal.settings import get_settings


def dispatch(
    once: bool = typer.Option(False, help="One round, then exit (for cron or a check)"),
    metrics_port: int = typer.Option(0, help="Serve /metrics of this worker on this port"),
) -> None:
    """Deliver webhooks and notifications of committed events until stopped."""
    settings = get_settings()
    logging.config.dictConfig(logging_config(settings.log_level, settings.log_format))
    if metrics_port:
        from prometheus_client import start_http_server

        start_http_server(metrics_port, addr=settings.host)

    async def work() -> None:
        dispatcher = Dispatcher(settings)
        try:
            if once:
                done = await dispatcher.run_once()
                console.print(
                    f"fanned out {done.fanned_out} event(s), delivered {done.delivered}, "
                    f"failed {done.failed}, mailed {done.mailed}"
                )
            else:
                await dispatcher.run()
        finally:
            await dispatcher.close()

    run_with_db(work)


def register(app: typer.Typer) -> None:
    app.command()(dispatch)
