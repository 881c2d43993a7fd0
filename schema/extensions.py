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

from portal.settings import Settings
from workflows.errors import DomainError

log = logging.getLogger("jenjang.graphql")


def should_mask(error: GraphQLError) -> bool:
    """Mask unexpected exceptions only: not validation, permission or domain errors."""
    original = error.original_error
    return original is not None and not isinstance(original, GraphQLError | DomainError)


class MaskUnexpected(MaskErrors):
    """Replace an unexpected error by a message with an error id, logged with its traceback."""

    def __init__(self) -> None:
        super().__init__(should_mask_error=should_mask, error_message="Unexpected error.")

    def anonymise_error(self, error: GraphQLError) -> GraphQLError:
        error_id = uuid.uuid4().hex[:12]
        original = error.original_error
        log.error(
            "unexpected error %s at %s: %r",
            error_id,
            ".".join(str(p) for p in error.path or ()),
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
            extensions={"code": "INTERNAL_SERVER_ERROR", "errorId": error_id},
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
    ]
