"""Idempotent mutations: a retried call with the same key returns the first result, changes nothing.

The key is claimed (a row in ``IdempotencyRecord``, unique per principal and key) before the
mutation runs, so two concurrent calls with one key cannot both act; the result is stored as JSON
and rebuilt on a retry. A key is bound to its operation: reusing it for another one is refused.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import Annotated, Any

import strawberry
from tortoise.exceptions import IntegrityError, ValidationError

from portal.faults import classify, field_of
from portal.models import IdempotencyRecord
from portal.viewer import Viewer
from schema.context import Info
from schema.errors import ValidationFailed, from_domain
from schema.permissions import require_viewer, require_write
from workflows.errors import DomainError

MAX_KEY_LENGTH = 200
IDEMPOTENCY_HELP = "Retrying with the same key returns the first result and changes nothing."
Key = Annotated[str | None, strawberry.argument(description=IDEMPOTENCY_HELP)]


async def run_mutation(
    info: Info,
    *,
    operation: str,
    key: str | None,
    act: Callable[[Viewer], Awaitable[Any]],
    encode: Callable[[Any], dict[str, Any]],
    decode: Callable[[Viewer], Callable[[dict[str, Any]], Awaitable[Any]]],
) -> Any:
    """Run ``act`` for a viewer who may write, idempotently, mapping domain errors to payloads."""
    viewer = require_viewer(info)

    async def run() -> Any:
        try:
            require_write(viewer)
            return await act(viewer)
        except DomainError as error:
            return from_domain(error)
        except (IntegrityError, ValidationError) as error:
            return _refused(info, error)

    return await idempotent(
        info, key=key, operation=operation, run=run, encode=encode, decode=decode(viewer)
    )


def _refused(info: Info, error: Exception) -> ValidationFailed:
    """A row the database refused (a lost race on a unique key, a value too long): typed."""
    if classify(error) == "CONFLICT":
        return ValidationFailed(message=info.context.t("errors.conflict"), field=None)
    field = field_of(error)
    return ValidationFailed(
        message=info.context.t("errors.input.invalid_value", field=field or "input"), field=field
    )


async def idempotent(
    info: Info,
    *,
    key: str | None,
    operation: str,
    run: Callable[[], Awaitable[Any]],
    encode: Callable[[Any], dict[str, Any]],
    decode: Callable[[dict[str, Any]], Awaitable[Any]],
) -> Any:
    """``run()`` once per ``key``; a retry gets ``decode(encode(first result))``."""
    viewer = info.context.viewer
    if key is None or viewer is None:
        return await run()
    key = key.strip()
    if not key or len(key) > MAX_KEY_LENGTH:
        return ValidationFailed(
            message=f"idempotencyKey must be 1 to {MAX_KEY_LENGTH} characters",
            field="idempotencyKey",
        )
    try:
        record = await IdempotencyRecord.create(
            agency_id=viewer.agency_id,
            principal=viewer.principal,
            key=key,
            operation=operation,
            response={"pending": True},
        )
    except IntegrityError:
        return await _replay(viewer.principal, key, operation, decode)
    try:
        result = await run()
    except BaseException:
        await record.delete()  # nothing was done: the key may be used again
        raise
    await IdempotencyRecord.filter(id=record.id).update(response=encode(result))
    return result


async def _replay(
    principal: str,
    key: str,
    operation: str,
    decode: Callable[[dict[str, Any]], Awaitable[Any]],
) -> Any:
    record = await IdempotencyRecord.get_or_none(principal=principal, key=key)
    if record is None or record.operation != operation:
        used = record.operation if record else "another call"
        return ValidationFailed(
            message=f"this idempotencyKey was already used for {used}", field="idempotencyKey"
        )
    if record.response.get("pending"):
        return ValidationFailed(
            message="a call with this idempotencyKey is still running; retry shortly",
            field="idempotencyKey",
        )
    return await decode(record.response)
