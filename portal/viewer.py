"""Who is asking: a logged-in user or an external system's API token, always within one agency."""

from __future__ import annotations

from dataclasses import dataclass, field

from portal.vocabulary import Role, Scope


@dataclass(frozen=True)
class Viewer:
    """The caller of one request; every query and mutation is checked against it."""

    agency_id: int
    agency_code: str
    user_id: int | None = None
    username: str = ""
    employee_id: int | None = None
    roles: frozenset[Role] = field(default_factory=frozenset)
    # API tokens carry scopes; users may do whatever their roles allow.
    token_id: int | None = None
    scopes: frozenset[Scope] = field(default_factory=frozenset)

    @property
    def is_token(self) -> bool:
        return self.token_id is not None

    @property
    def principal(self) -> str:
        """A stable key for rate limits and idempotency records."""
        return f"token:{self.token_id}" if self.is_token else f"user:{self.user_id}"

    @property
    def can_write(self) -> bool:
        return not self.is_token or Scope.WRITE in self.scopes

    def has_role(self, *roles: Role) -> bool:
        return any(role in self.roles for role in roles)

    @property
    def is_hr(self) -> bool:
        return self.has_role(Role.HR, Role.HR_HEAD, Role.ADMIN)
