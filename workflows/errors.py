"""Expected domain failures, each carrying its context.

A failure's message is worded from the message catalogue, never written here or where it is
raised: build one with ``workflows.messages`` (``invalid``, ``missing``, ``refused``, ...), which
keeps its key, so the layer that knows the caller's language words it again.

DomainError
 ├── ValidationFailed     bad input; nothing was written
 ├── NotFound             no such record in the viewer's agency
 ├── NotPermitted         the actor may not do this
 ├── NotEligible          a rule of the regulation refuses the request
 ├── InvalidTransition    the action is not allowed in the current state
 ├── StaleVersion         the record changed since the actor saw it
 └── BudgetExceeded       the nomination or study would exceed the budget
"""

from __future__ import annotations

from typing import Any

from portal.i18n import translate

STALE_VERSION = "errors.stale_version"


class DomainError(Exception):
    """Base of expected failures; ``message`` is safe to show to the caller."""

    code = "DOMAIN_ERROR"

    def __init__(self, message: str, **context: Any) -> None:
        super().__init__(message)
        self.message = message
        self.context = context


class ValidationFailed(DomainError):
    code = "VALIDATION_FAILED"

    def __init__(self, message: str, *, field: str | None = None, **context: Any) -> None:
        super().__init__(message, field=field, **context)
        self.field = field


class NotFound(DomainError):
    code = "NOT_FOUND"


class NotPermitted(DomainError):
    code = "NOT_PERMITTED"


class NotEligible(DomainError):
    code = "NOT_ELIGIBLE"

    def __init__(self, message: str, *, checks: list[Any] | None = None, **context: Any) -> None:
        super().__init__(message, **context)
        self.checks = checks or []


class InvalidTransition(DomainError):
    code = "INVALID_TRANSITION"

    def __init__(self, *, action: str, state: str, message: str, **context: Any) -> None:
        # The message names the action and the state in words: workflows.messages.not_now.
        super().__init__(message, action=action, state=state, **context)
        self.action = action
        self.state = state


class StaleVersion(DomainError):
    code = "STALE_VERSION"

    def __init__(self, *, expected: int, current: int) -> None:
        params = {"expected": expected, "current": current}
        super().__init__(
            translate(STALE_VERSION, **params),
            expected=expected,
            current=current,
            message_key=STALE_VERSION,
            params=params,
        )
        self.expected = expected
        self.current = current


class BudgetExceeded(DomainError):
    code = "BUDGET_EXCEEDED"
