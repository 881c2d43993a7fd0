"""Refusals worded from the message catalogue, in the caller's language.

A refusal carries its catalogue key and parameters, so the layer that knows the caller's
language words it again (:func:`localise`); the message it is built with is Indonesian. A
parameter may itself be a :class:`Text` (a reused validator's refusal inside another one) or
anything else :class:`Worded` (a list of reasons): it is worded in the same language. Codes
(stage, decision, event type) stay out of the text: name them in words (``label.*``) or keep
them in the error's structured fields.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any, Protocol, runtime_checkable

from portal.i18n import DEFAULT_LANGUAGE, translate
from workflows.errors import (
    BudgetExceeded,
    DomainError,
    InvalidTransition,
    NotEligible,
    NotFound,
    NotPermitted,
    ValidationFailed,
)


@runtime_checkable
class Worded(Protocol):
    """A parameter worded in the language of the text it is shown in."""

    def word(self, language: str) -> str: ...


@dataclass(frozen=True)
class Text:
    """A text of the catalogue not yet worded: its key and its parameters."""

    key: str
    params: Mapping[str, Any] = field(default_factory=dict)

    def word(self, language: str = DEFAULT_LANGUAGE) -> str:
        params = self.params.items()
        shown = {k: v.word(language) if isinstance(v, Worded) else v for k, v in params}
        return translate(self.key, language, **shown)

    def __str__(self) -> str:
        return self.word()


@dataclass(frozen=True)
class Listing:
    """Several texts shown as one parameter (the reasons of a refusal, the choices there are)."""

    texts: tuple[Worded, ...]
    separator: str = ", "

    def word(self, language: str = DEFAULT_LANGUAGE) -> str:
        return self.separator.join(text.word(language) for text in self.texts)


def word(key: str, language: str = DEFAULT_LANGUAGE, /, **params: Any) -> str:
    """A text of the catalogue (Indonesian unless ``language`` says otherwise)."""
    return Text(key, params).word(language)


def invalid(key: str, *, field: str | None = None, **params: Any) -> ValidationFailed:
    """Bad input named by ``field`` (also a parameter of the text); nothing was written."""
    params = {"field": field or "", **params}
    return ValidationFailed(word(key, **params), field=field, message_key=key, params=params)


# A value a (pydantic) model refused, by the type of the fault: its key and its parameters.
_INPUT_FAULTS: dict[str, tuple[str, str | None]] = {
    "missing": ("records.invalid.required", None),
    "string_too_short": ("records.invalid.required", None),
    "extra_forbidden": ("errors.input.unknown_field", None),
    "string_too_long": ("errors.input.too_long", "max_length"),
    "too_long": ("errors.input.too_many", "max_length"),
    "greater_than": ("errors.input.greater_than", "gt"),
    "greater_than_equal": ("errors.input.greater_than_equal", "ge"),
    "less_than": ("errors.input.less_than", "lt"),
    "less_than_equal": ("errors.input.less_than_equal", "le"),
}


def invalid_input(
    fault: Mapping[str, Any], *, field: str, shown: str | None = None
) -> ValidationFailed:
    """A value a model refused (one of pydantic's ``errors()``), worded by the kind of fault.

    ``field`` is the error's field; ``shown`` names it in the text when that is more precise
    (a path into a nested value).
    """
    key, limit = _INPUT_FAULTS.get(str(fault.get("type")), ("errors.input.invalid_value", None))
    params: dict[str, Any] = {"field": shown or field}
    if limit is not None:
        params["max" if limit == "max_length" else "limit"] = (fault.get("ctx") or {}).get(limit)
    return ValidationFailed(word(key, **params), field=field, message_key=key, params=params)


def missing(key: str, *, field: str | None = None, **params: Any) -> NotFound:
    """No such record in the actor's agency (another agency's records look the same).

    ``field`` names the argument that pointed at it (kept in the context, not the text).
    """
    context = {} if field is None else {"field": field}
    return NotFound(word(key, **params), message_key=key, params=params, **context)


def refused(key: str, **params: Any) -> NotPermitted:
    return NotPermitted(word(key, **params), message_key=key, params=params)


def ineligible(key: str, *, checks: list[Any] | None = None, **params: Any) -> NotEligible:
    """A rule refuses; ``checks`` are the checks behind it (codes and reasons, for the API)."""
    return NotEligible(word(key, **params), checks=checks, message_key=key, params=params)


def over_budget(key: str, *, remaining: Decimal, year: int, **params: Any) -> BudgetExceeded:
    """The budget of ``year`` does not cover it; ``remaining`` is what is left (for the API)."""
    params = {"year": year, **params}
    return BudgetExceeded(
        word(key, **params), remaining=remaining, year=year, message_key=key, params=params
    )


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
