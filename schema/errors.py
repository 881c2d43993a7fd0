"""Typed errors of mutation payloads, and errors of the request itself.

Expected failures of a mutation are members of its payload union, each with a ``message``
(``NotEligible`` with its failed checks, ``StaleVersion`` with the current version).
:func:`from_domain` maps a ``workflows.errors.DomainError`` to its GraphQL type, worded in the
caller's language. Bad arguments of a query (a page size over the cap, a malformed ID) raise
:func:`bad_input_text`, a ``GraphQLError`` that error masking lets through, worded from a
catalogue key in the operation's language by ``schema.extensions.WordErrors`` (the raising code
need not know the language); :func:`forbidden_text`, :func:`not_authenticated` and
:func:`refusal` (a domain refusal of a query) are worded the same way.
"""

from __future__ import annotations

from typing import Any

import strawberry
from graphql import GraphQLError

from portal.i18n import DEFAULT_LANGUAGE
from schema.context import Info
from workflows import errors as domain
from workflows.messages import Text, localise, text_of


class CatalogueError(GraphQLError):
    """A client error worded from the catalogue (``text``); ``code`` is its extensions' code."""

    def __init__(self, text: Text, code: str) -> None:
        super().__init__(text.word(DEFAULT_LANGUAGE), extensions={"code": code})
        self.text = text


def bad_input_text(key: str, **params: object) -> GraphQLError:
    """A client error in the arguments (never masked): the catalogue's text of ``key``, in the
    operation's language."""
    return CatalogueError(Text(key, params), "BAD_USER_INPUT")


def forbidden_text(key: str, **params: object) -> GraphQLError:
    """The viewer may not ask this: the catalogue's text of ``key``, in the operation's
    language."""
    return CatalogueError(Text(key, params), "FORBIDDEN")


def not_authenticated() -> GraphQLError:
    return CatalogueError(Text("errors.authentication_required"), "UNAUTHENTICATED")


def refusal(error: domain.DomainError) -> GraphQLError:
    """A domain refusal of a query as an error of the request: FORBIDDEN for NotPermitted, else
    BAD_USER_INPUT, worded in the operation's language."""
    code = "FORBIDDEN" if isinstance(error, domain.NotPermitted) else "BAD_USER_INPUT"
    text = text_of(error)
    if text is None:  # not from the catalogue: the guard test keeps this from happening
        return GraphQLError(error.message, extensions={"code": code})
    return CatalogueError(text, code)


@strawberry.interface(description="An expected failure of a mutation.")
class Error:
    message: str


@strawberry.type(description="One eligibility check and its outcome, with the rule it encodes.")
class EligibilityCheck:
    code: str
    passed: bool
    reason_id: str = strawberry.field(description="Reason in Bahasa Indonesia.")
    reason_en: str = strawberry.field(description="Reason in English.")
    reference: str = strawberry.field(description="The regulation, e.g. PP 11/2017 Pasal 190.")

    @strawberry.field(description="The reason in the language of the request (Accept-Language).")
    def reason(self, info: Info) -> str:
        return self.reason_en if info.context.language == "en" else self.reason_id

    @classmethod
    def from_dict(cls, data: Any) -> EligibilityCheck:
        get = data.get if isinstance(data, dict) else lambda k, d="": getattr(data, k, d)
        return cls(
            code=str(get("code", "")),
            passed=bool(get("passed", False)),
            reason_id=str(get("reason_id", "")),
            reason_en=str(get("reason_en", "")),
            reference=str(get("reference", "")),
        )


@strawberry.type(description="A rule of the regulation refuses the request.")
class NotEligible(Error):
    checks: list[EligibilityCheck] = strawberry.field(description="The checks that failed.")


@strawberry.type(description="The viewer may not do this.")
class NotPermitted(Error):
    pass


@strawberry.type(description="The record changed since the viewer saw it: reload and retry.")
class StaleVersion(Error):
    current_version: int


@strawberry.type(description="The action is not allowed in the current state.")
class InvalidTransition(Error):
    action: str
    state: str


@strawberry.type(description="Bad input; nothing was written.")
class ValidationFailed(Error):
    field: str | None


@strawberry.type(description="No such record in the viewer's agency.")
class NotFound(Error):
    pass


@strawberry.type(description="The budget does not cover this.")
class BudgetExceeded(Error):
    remaining: str | None = strawberry.field(description="What is left of the budget (decimal).")


ErrorType = (
    NotEligible
    | NotPermitted
    | StaleVersion
    | InvalidTransition
    | ValidationFailed
    | NotFound
    | BudgetExceeded
)


def from_domain(error: domain.DomainError, language: str) -> Any:
    """The payload error type for a domain failure, worded in ``language``."""
    message = localise(error, language).message
    if isinstance(error, domain.NotEligible):
        failed = [c for c in error.checks if not _passed(c)] or error.checks
        return NotEligible(message=message, checks=[EligibilityCheck.from_dict(c) for c in failed])
    if isinstance(error, domain.StaleVersion):
        return StaleVersion(message=message, current_version=error.current)
    if isinstance(error, domain.InvalidTransition):
        return InvalidTransition(message=message, action=error.action, state=error.state)
    if isinstance(error, domain.ValidationFailed):
        return ValidationFailed(message=message, field=error.field)
    if isinstance(error, domain.NotFound):
        return NotFound(message=message)
    if isinstance(error, domain.BudgetExceeded):
        remaining = error.context.get("remaining")
        left = None if remaining is None else str(remaining)
        return BudgetExceeded(message=message, remaining=left)
    return NotPermitted(message=message)


def _passed(check: Any) -> bool:
    return bool(check.get("passed") if isinstance(check, dict) else getattr(check, "passed", False))


def to_record(error: Any) -> dict[str, Any]:
    """A payload error as JSON (stored for idempotent retries)."""
    data = strawberry.asdict(error)
    return {"__typename": type(error).__name__, **data}


_BY_NAME: dict[str, type] = {
    cls.__name__: cls
    for cls in (
        NotEligible,
        NotPermitted,
        StaleVersion,
        InvalidTransition,
        ValidationFailed,
        NotFound,
        BudgetExceeded,
    )
}


def from_record(data: dict[str, Any]) -> Any:
    """The payload error stored by :func:`to_record`."""
    fields = {k: v for k, v in data.items() if k != "__typename"}
    cls = _BY_NAME[data["__typename"]]
    if cls is NotEligible:
        fields["checks"] = [EligibilityCheck.from_dict(c) for c in fields.get("checks", [])]
    return cls(**fields)
