"""Subscriptions end with their token: a WebSocket is closed when its token expires or is revoked.

The token of a ``graphql-transport-ws`` connection is checked again at its expiry and every
``Settings.subscription_token_recheck_seconds`` (a revoked API token, a deactivated user); when it
is no longer valid the connection is closed with code 4401 and every subscription on it ends. A
client reconnects with a fresh token. While the database cannot be reached the check is skipped,
not failed.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging

from starlette.websockets import WebSocket, WebSocketState

from portal.auth import InvalidToken, viewer_from_bearer
from portal.clock import clock
from portal.faults import classify
from portal.i18n import translate
from portal.settings import Settings

log = logging.getLogger("jenjang.graphql")

CLOSE_UNAUTHORIZED = 4401


def _open(websocket: WebSocket) -> bool:
    return (
        websocket.client_state != WebSocketState.DISCONNECTED
        and websocket.application_state != WebSocketState.DISCONNECTED
    )


async def watch_token(
    websocket: WebSocket, token: str, *, expires_at: float | None, settings: Settings, language: str
) -> None:
    """Close ``websocket`` once ``token`` is expired or no longer valid (runs as a task)."""
    recheck = max(0.05, settings.subscription_token_recheck_seconds)
    while _open(websocket):
        left = recheck if expires_at is None else expires_at - clock.now().timestamp()
        await asyncio.sleep(min(recheck, max(left, 0.0)))
        if not _open(websocket):
            return
        try:
            await viewer_from_bearer(
                token,
                secret=settings.secret_key,
                max_ttl_seconds=settings.access_token_max_ttl_seconds,
            )
        except InvalidToken:
            log.info("closing a subscription connection: its token expired or was revoked")
            with contextlib.suppress(Exception):  # the client may be gone already
                await websocket.close(
                    CLOSE_UNAUTHORIZED, reason=translate("errors.token.closed", language)
                )
            return
        except Exception as exc:
            if classify(exc) != "UNAVAILABLE":
                raise
            log.warning("token recheck skipped: the database is unavailable")
