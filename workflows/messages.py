"""Refusals worded from the message catalogue, in the caller's language.

A refusal carries its catalogue key and parameters, so the layer that knows the caller's
language words it again (:func:`localise`); the message it is built with is Indonesian. A
parameter may itself be a :class:`Text` (a reused validator's refusal inside another one): it is
worded in the same language.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from portal.i18n import DEFAULT_LANGUAGE, translate
from workflows.errors import (
    DomainError,
    InvalidTransition,
    NotFound,
    NotPermitted,
    ValidationFailed,
)


@dataclass(frozen=True)
class Text:
    """A text of the catalogue not yet worded: its key and its parameters."""

    key: str
    params: Mapping[str, Any] = field(default_factory=dict)

    def word(self, language: str = DEFAULT_LANGUAGE) -> str:
        shown = {k: v.word(language) if isinstance(v, Text) else v for k, v in self.params.items()}
        return translate(self.key, language, **shown)

    def __str__(self) -> str:
        return self.word()


def word(key: str, language: str = DEFAULT_LANGUAGE, /, **params: Any) -> str:
    """A text of the catalogue (Indonesian unless ``language`` says otherwise)."""
    return Text(key, params).word(language)


def invalid(key: str, *, field: str | None = None, **params: Any) -> ValidationFailed:
    """Bad input named by ``field`` (also a parameter of the text); nothing was written."""
    params = {"field": field or "", **params}
    return ValidationFailed(word(key, **params), field=field, message_key=key, params=params)


def missing(key: str, **params: Any) -> NotFound:
    """No such record in the actor's agency (another agency's records look the same)."""
    return NotFound(word(key, **params), message_key=key, params=params)


def refused(key: str, **params: Any) -> NotPermitted:
    return NotPermitted(word(key, **params), message_key=key, params=params)


def not_now(key: str, action: str, state: str, /, **params: Any) -> InvalidTransition:
    """Not possible in this state; ``action`` and ``state`` stay codes for the API's fields."""
    return InvalidTransition(
        action=action,
        state=state,
        message=word(key, **params),
        message_key=key,
        params=params,
    )


def action_and_state(action: str, state: str, *, states: str = "state") -> dict[str, Text]:
    """The parameters naming an action and a state in words (``label.action.*``, ``label.*``)."""
    return {"action": Text(f"label.action.{action}"), "state": Text(f"label.{states}.{state}")}


def text_of(error: DomainError) -> Text | None:
    """The catalogue text of a refusal, None when it was not worded from the catalogue."""
    key = error.context.get("message_key")
    return Text(key, error.context.get("params", {})) if key else None


def localise(error: DomainError, language: str) -> DomainError:
    """The same error worded in ``language`` when it came from the catalogue."""
    text = text_of(error)
    if text is not None:
        error.message = text.word(language)
    return error
