"""Idempotent mutations: a retried call with the same key returns the first result, changes nothing.

The key is claimed (a row in ``IdempotencyRecord``, unique per principal and key) before the
mutation runs, so two concurrent calls with one key cannot both act; the result is stored as JSON
and rebuilt on a retry. A key is bound to its operation: reusing it for another one is refused.
"""

from __future__ import annotations

import contextlib
import secrets
from collections.abc import Awaitable, Callable
from datetime import timedelta
from typing import Annotated, Any

import strawberry
from tortoise.exceptions import IntegrityError, ValidationError

from portal.clock import clock
from portal.faults import classify, field_of
from portal.models import IdempotencyRecord
from portal.viewer import Viewer
from schema.context import Info
from schema.errors import ValidationFailed, from_domain
from schema.permissions import require_viewer
from workflows import audit
from workflows.access import require_write
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
    encode: Callable[[Any], dict[str, Any]] | None = None,
    decode: Callable[[Viewer], Callable[[dict[str, Any]], Awaitable[Any]]] | None = None,
) -> Any:
    """Run ``act`` for a viewer who may write, idempotently, mapping domain errors to payloads.

    ``encode`` and ``decode`` store and rebuild the result for a retry (``schema.replay``); a
    mutation without them takes no idempotency key (idempotent by nature, or showing a secret
    once) and is simply run.
    """
    viewer = require_viewer(info)

    async def run() -> Any:
        try:
            require_write(viewer)
            # One transaction for the act; its audit entries are chained just before it commits.
            async with audit.transaction():
                return await act(viewer)
        except DomainError as error:
            return from_domain(error, info.context.language)
        except (IntegrityError, ValidationError) as error:
            return _refused(info, error)

    if encode is None or decode is None:
        assert key is None, f"{operation} stores nothing for a retry: it takes no key"
        return await run()
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
    """``run()`` once per ``key``; a retry gets ``decode(encode(first result))``.

    The claim is committed first (so a concurrent call with the key sees it); the call and its
    stored result then commit together, so a retry finds either the result or nothing done. A
    claim whose call died expires after ``Settings.idempotency_claim_seconds``; the next retry
    takes it over and runs the call.
    """
    viewer = info.context.viewer
    if key is None or viewer is None:
        return await run()
    key = key.strip()
    if not key or len(key) > MAX_KEY_LENGTH:
        return ValidationFailed(
            message=info.context.t("errors.idempotency.length", max=MAX_KEY_LENGTH),
            field="idempotencyKey",
        )
    lease = timedelta(seconds=info.context.settings.idempotency_claim_seconds)
    claim = secrets.token_hex(8)

    async def replay() -> Any:
        return await _replay(info, viewer.principal, key, operation, decode)

    try:
        record = await IdempotencyRecord.create(
            agency_id=viewer.agency_id,
            principal=viewer.principal,
            key=key,
            operation=operation,
            response={"pending": True},
            claim=claim,
            claimed_until=clock.now() + lease,
        )
        record_id = record.id
    except IntegrityError:
        existing = await IdempotencyRecord.get_or_none(principal=viewer.principal, key=key)
        if existing is None or not await _take_over(existing, claim, lease):
            return await replay()
        record_id = existing.id
    return await _run_claimed(record_id, claim, run=run, encode=encode, replay=replay)


async def _take_over(record: IdempotencyRecord, claim: str, lease: timedelta) -> bool:
    """Take a claim whose call died (expired, still without a result); False if not ours."""
    now = clock.now()
    if not record.response.get("pending") or (record.claimed_until or now) > now:
        return False
    taken = await IdempotencyRecord.filter(
        id=record.id, claim=record.claim, claimed_until__lte=now
    ).update(claim=claim, claimed_until=now + lease)
    return taken == 1


class _ClaimLost(Exception):
    """Another retry took the claim over: this call must not act."""


async def _run_claimed(
    record_id: int,
    claim: str,
    *,
    run: Callable[[], Awaitable[Any]],
    encode: Callable[[Any], dict[str, Any]],
    replay: Callable[[], Awaitable[Any]],
) -> Any:
    mine = IdempotencyRecord.filter(id=record_id, claim=claim)
    try:
        async with audit.transaction():  # the act's audit entries are chained at its end
            # Locks the claim until commit: a retry taking it over waits, then sees the result.
            if await mine.update(claim=claim) != 1:
                raise _ClaimLost
            result = await run()
            await mine.update(response=encode(result), claim="", claimed_until=None)
    except _ClaimLost:
        return await replay()
    except BaseException:
        with contextlib.suppress(Exception):  # nothing was done: the key may be used again
            await mine.delete()
        raise
    return result


async def _replay(
    info: Info,
    principal: str,
    key: str,
    operation: str,
    decode: Callable[[dict[str, Any]], Awaitable[Any]],
) -> Any:
    record = await IdempotencyRecord.get_or_none(principal=principal, key=key)
    if record is None or record.operation != operation:
        used = record.operation if record else "another call"
        return ValidationFailed(
            message=info.context.t("errors.idempotency.reused", operation=used),
            field="idempotencyKey",
        )
    if record.response.get("pending"):
        return ValidationFailed(
            message=info.context.t("errors.idempotency.pending"), field="idempotencyKey"
        )
    return await decode(record.response)
