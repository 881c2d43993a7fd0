"""Schema extensions: limits (depth, aliases, tokens, introspection), caches and error masking.

Validation rule classes are built once per schema so ``ValidationCache`` hits; extensions are
passed as classes or zero-argument factories (instances are deprecated in strawberry).
"""

from __future__ import annotations

import logging
import uuid
from collections.abc import Callable
from typing import Any

from graphql import GraphQLError
from graphql.validation import NoSchemaIntrospectionCustomRule
from strawberry.extensions import (
    AddValidationRules,
    MaskErrors,
    MaxTokensLimiter,
    ParserCache,
    ValidationCache,
)
from strawberry.extensions.max_aliases import create_validator as aliases_validator
from strawberry.extensions.query_depth_limiter import create_validator as depth_validator
from tortoise.exceptions import OperationalError

from portal.observability import current_request_id
from portal.observability.graphql import OperationMetrics
from portal.settings import Settings
from workflows.errors import DomainError

log = logging.getLogger("jenjang.graphql")


def should_mask(error: GraphQLError) -> bool:
    """Mask unexpected exceptions only: not validation, permission or domain errors."""
    original = error.original_error
    return original is not None and not isinstance(original, GraphQLError | DomainError)


def _path(error: GraphQLError) -> str:
    return ".".join(str(p) for p in error.path or ())


def _out_of_range(original: BaseException | None) -> bool:
    """PostgreSQL refused a value for its column type (e.g. a year beyond SMALLINT): bad input."""
    cause = original.__cause__ if isinstance(original, OperationalError) else None
    inner = original.args[0] if isinstance(original, OperationalError) and original.args else None
    return any(type(e).__name__ == "DataError" for e in (cause, inner) if e is not None)


class MaskUnexpected(MaskErrors):
    """Replace an unexpected error by a message with an error id, logged with its traceback."""

    def __init__(self) -> None:
        super().__init__(should_mask_error=should_mask, error_message="Unexpected error.")

    def anonymise_error(self, error: GraphQLError) -> GraphQLError:
        original = error.original_error
        if _out_of_range(original):
            log.warning("value out of range at %s: %s", _path(error), original)
            return GraphQLError(
                message="A value is out of range for its field.",
                nodes=error.nodes,
                source=error.source,
                positions=error.positions,
                path=error.path,
                extensions={"code": "BAD_USER_INPUT"},
            )
        error_id = uuid.uuid4().hex[:12]
        request_id = current_request_id()
        log.error(
            "unexpected error %s (request %s) at %s: %r",
            error_id,
            request_id or "-",
            _path(error),
            original,
            exc_info=(type(original), original, original.__traceback__) if original else None,
        )
        return GraphQLError(
            message=f"Unexpected error (error id {error_id}).",
            nodes=error.nodes,
            source=error.source,
            positions=error.positions,
            path=error.path,
            original_error=None,
            extensions={
                "code": "INTERNAL_SERVER_ERROR",
                "errorId": error_id,
                "requestId": request_id or None,
            },
        )


def build_extensions(settings: Settings) -> list[Callable[[], Any] | type]:
    """The extensions for a schema serving with ``settings``."""
    rules: list[Any] = [
        depth_validator(settings.max_query_depth, None, None),
        aliases_validator(settings.max_aliases),
    ]
    if not settings.introspection:
        rules.append(NoSchemaIntrospectionCustomRule)

    class Limits(AddValidationRules):
        """Depth and alias limits (and no introspection when switched off), built once."""

        def __init__(self) -> None:
            super().__init__(rules)

    max_tokens = settings.max_tokens
    return [
        lambda: MaxTokensLimiter(max_token_count=max_tokens),
        lambda: ParserCache(maxsize=256),
        Limits,
        lambda: ValidationCache(maxsize=256),
        MaskUnexpected,
        OperationMetrics,
    ]
