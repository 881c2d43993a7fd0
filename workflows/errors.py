"""Expected domain failures, each carrying its context.

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

    def __init__(
        self, *, action: str, state: str, message: str | None = None, **context: Any
    ) -> None:
        super().__init__(
            message or f"can't {action} when in {state}", action=action, state=state, **context
        )
        self.action = action
        self.state = state


class StaleVersion(DomainError):
    code = "STALE_VERSION"

    def __init__(self, *, expected: int, current: int) -> None:
        super().__init__(
            f"the request is at version {current}, not {expected}: reload and try again",
            expected=expected,
            current=current,
        )
        self.expected = expected
        self.current = current


class BudgetExceeded(DomainError):
    code = "BUDGET_EXCEEDED"
