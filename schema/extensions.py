"""Schema extensions: limits (depth, aliases, tokens, introspection), caches and error masking.

Validation rule classes are built once per schema so ``ValidationCache`` hits; extensions are
passed as classes or zero-argument factories (instances are deprecated in strawberry).
"""

from __future__ import annotations

import logging
import re
import uuid
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any

from graphql import GraphQLError
from graphql.validation import NoSchemaIntrospectionCustomRule
from strawberry.extensions import (
    AddValidationRules,
    MaskErrors,
    MaxTokensLimiter,
    ParserCache,
    SchemaExtension,
    ValidationCache,
)
from strawberry.extensions.max_aliases import create_validator as aliases_validator
from strawberry.extensions.query_depth_limiter import create_validator as depth_validator

from portal.faults import classify, field_of
from portal.i18n import DEFAULT_LANGUAGE, translate
from portal.observability import current_request_id
from portal.observability.graphql import OperationMetrics
from portal.settings import Settings
from schema.errors import CatalogueError
from schema.guard import InputGuard
from workflows.errors import DomainError
from workflows.messages import text_of

log = logging.getLogger("jenjang.graphql")


def should_mask(error: GraphQLError) -> bool:
    """Mask unexpected exceptions only: not validation, permission or domain errors."""
    original = error.original_error
    return original is not None and not isinstance(original, GraphQLError | DomainError)


def _path(error: GraphQLError) -> str:
    return ".".join(str(p) for p in error.path or ())


_CLIENT_FAULTS = {
    # fault -> (extensions.code, catalogue key)
    "INVALID": ("BAD_USER_INPUT", "errors.input.invalid_value"),
    "CONFLICT": ("CONFLICT", "errors.conflict"),
    "UNAVAILABLE": ("UNAVAILABLE", "errors.unavailable"),
}


class MaskUnexpected(MaskErrors):
    """Replace an unexpected error by a message with an error id, logged with its traceback.

    Failures of a known kind (:func:`portal.faults.classify`) are not defects: a value the
    column refuses is ``BAD_USER_INPUT`` (naming the field), a lost race ``CONFLICT``, an
    unreachable database ``UNAVAILABLE`` (the HTTP answer is then 503 with ``Retry-After``).
    """

    def __init__(self) -> None:
        super().__init__(should_mask_error=should_mask, error_message="Unexpected error.")

    def _t(self, key: str, **params: object) -> str:
        context = getattr(self.execution_context, "context", None)
        return translate(key, getattr(context, "language", DEFAULT_LANGUAGE), **params)

    def anonymise_error(self, error: GraphQLError) -> GraphQLError:
        original = error.original_error
        fault = classify(original) if original is not None else None
        if fault is not None:
            code, key = _CLIENT_FAULTS[fault]
            field = (field_of(original) if original else None) or _path(error)
            log.warning("%s at %s: %r", fault.lower(), _path(error), original)
            extensions: dict[str, Any] = {"code": code}
            if fault == "INVALID":
                extensions["field"] = field
            return self._replace(error, self._t(key, field=field), extensions)
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
        return self._replace(
            error,
            self._t("errors.unexpected", error_id=error_id),
            {"code": "INTERNAL_SERVER_ERROR", "errorId": error_id, "requestId": request_id or None},
        )

    @staticmethod
    def _replace(error: GraphQLError, message: str, extensions: dict[str, Any]) -> GraphQLError:
        return GraphQLError(
            message=message,
            nodes=error.nodes,
            source=error.source,
            positions=error.positions,
            path=error.path,
            original_error=None,
            extensions=extensions,
        )


class WordErrors(SchemaExtension):
    """Word the errors of the catalogue in the operation's language (``Accept-Language``).

    A malformed ID or cursor is refused deep in ``schema.relay`` and a domain refusal deep in
    ``workflows``, where the language is not known: both carry their catalogue text.
    """

    def on_operation(self) -> Iterator[None]:
        yield
        result = self.execution_context.result
        if result is None or not result.errors:
            return
        context = getattr(self.execution_context, "context", None)
        language = getattr(context, "language", DEFAULT_LANGUAGE)
        result.errors = [_worded(error, language) for error in result.errors]


def _worded(error: GraphQLError, language: str) -> GraphQLError:
    original = error.original_error
    if isinstance(original, CatalogueError):
        message = original.text.word(language)
    elif isinstance(original, DomainError) and (text := text_of(original)) is not None:
        message = text.word(language)
    else:
        return error
    return _reworded(error, message)


def _reworded(error: GraphQLError, message: str) -> GraphQLError:
    """The same error (place, cause, extensions) with another message."""
    return GraphQLError(
        message,
        nodes=error.nodes,
        source=error.source,
        positions=error.positions,
        path=error.path,
        original_error=error.original_error,
        extensions=error.extensions,
    )


_SUGGESTION = re.compile(r"\s*Did you mean [^?]*\?")


class NoSuggestions(SchemaExtension):
    """With introspection off, "Did you mean ...?" would still reveal the schema's names."""

    def on_operation(self) -> Iterator[None]:
        yield
        result = self.execution_context.result
        if result is None or not result.errors:
            return
        result.errors = [_without_suggestion(error) for error in result.errors]


def _without_suggestion(error: GraphQLError) -> GraphQLError:
    message = _SUGGESTION.sub("", error.message)
    return error if message == error.message else _reworded(error, message)


@dataclass(frozen=True)
class Limits:
    """What of the settings a schema's extensions depend on (and so what tells schemas apart)."""

    max_query_depth: int
    max_aliases: int
    introspection: bool
    max_tokens: int

    @classmethod
    def of(cls, settings: Settings) -> Limits:
        return cls(
            settings.max_query_depth, settings.max_aliases, settings.introspection,
            settings.max_tokens,
        )  # fmt: skip


def build_extensions(settings: Limits) -> list[Callable[[], Any] | type]:
    """The extensions for a schema serving with these limits."""
    rules: list[Any] = [
        depth_validator(settings.max_query_depth, None, None),
        aliases_validator(settings.max_aliases),
    ]
    if not settings.introspection:
        rules.append(NoSchemaIntrospectionCustomRule)

    class LimitRules(AddValidationRules):
        """Depth and alias limits (and no introspection when switched off), built once."""

        def __init__(self) -> None:
            super().__init__(rules)

    max_tokens = settings.max_tokens
    hidden: list[Callable[[], Any] | type] = [] if settings.introspection else [NoSuggestions]
    return [
        *hidden,
        lambda: MaxTokensLimiter(max_token_count=max_tokens),
        lambda: ParserCache(maxsize=256),
        LimitRules,
        lambda: ValidationCache(maxsize=256),
        InputGuard,
        MaskUnexpected,
        WordErrors,
        OperationMetrics,
    ]
