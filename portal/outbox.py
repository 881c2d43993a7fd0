"""The outbox: domain events written in the transaction of the change, published afterwards."""

from __future__ import annotations

from typing import Any

from tortoise.backends.base.client import BaseDBAsyncClient

from portal.models import OutboxEvent


async def emit(
    connection: BaseDBAsyncClient,
    *,
    agency_id: int,
    topic: str,
    subject_id: str | int,
    payload: dict[str, Any],
) -> OutboxEvent:
    """Record an event in the caller's transaction; it exists only if the change commits."""
    return await OutboxEvent.create(
        using_db=connection,
        agency_id=agency_id,
        topic=topic,
        subject_id=str(subject_id),
        payload=payload,
    )
