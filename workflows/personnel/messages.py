"""Refusals of record maintenance, worded from the message catalogue (``records.po``).

A refusal carries its catalogue key and parameters, so the GraphQL layer can word it again in
the caller's language (:func:`localise`); the message it is built with is Indonesian.
"""

from __future__ import annotations

from typing import Any

from portal.i18n import DEFAULT_LANGUAGE, translate
from workflows.errors import DomainError, NotFound, NotPermitted, ValidationFailed


def _text(key: str, params: dict[str, Any]) -> str:
    return translate(key, DEFAULT_LANGUAGE, **params)


def word(key: str, language: str = DEFAULT_LANGUAGE, /, **params: Any) -> str:
    """A text of the catalogue (Indonesian unless ``language`` says otherwise)."""
    return translate(key, language, **params)


def invalid(key: str, *, field: str | None = None, **params: Any) -> ValidationFailed:
    """Bad input named by ``field`` (also a parameter of the text); nothing was written."""
    params = {"field": field or "", **params}
    return ValidationFailed(_text(key, params), field=field, message_key=key, params=params)


def missing(key: str, **params: Any) -> NotFound:
    """No such record in the actor's agency (another agency's records look the same)."""
    return NotFound(_text(key, params), message_key=key, params=params)


def refused(key: str, **params: Any) -> NotPermitted:
    return NotPermitted(_text(key, params), message_key=key, params=params)


def localise(error: DomainError, language: str) -> DomainError:
    """The same error worded in ``language`` when it came from the catalogue."""
    key = error.context.get("message_key")
    if key:
        error.message = translate(key, language, **error.context.get("params", {}))
    return error
