"""A small GraphQL test client: runs an operation as a user or API token over the ASGI app."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

import httpx

from portal.auth import issue_access_token
from portal.clock import clock
from portal.models import User
from portal.settings import Settings


def bearer_token(settings: Settings, user: User) -> str:
    """An access token for ``user`` signed with the settings' secret, valid for ten minutes."""
    # Valid by portal.clock (tests may freeze it in the past) and by the wall clock of a
    # server subprocess alike: issued at the later of the two.
    issued_at = max(clock.now(), datetime.now(UTC))
    secret = settings.secret_key
    return issue_access_token(user=user, secret=secret, ttl_seconds=600, issued_at=issued_at)


class GraphQLClient:
    def __init__(self, http: httpx.AsyncClient, settings: Settings) -> None:
        self.http = http
        self.settings = settings

    def bearer_for(self, user: User) -> str:
        return bearer_token(self.settings, user)

    async def post(
        self,
        query: str,
        variables: dict[str, Any] | None = None,
        *,
        as_user: User | None = None,
        token: str | None = None,
        headers: dict[str, str] | None = None,
    ) -> httpx.Response:
        sent = dict(headers or {})
        bearer = token or (self.bearer_for(as_user) if as_user is not None else None)
        if bearer:
            sent["Authorization"] = f"Bearer {bearer}"
        return await self.http.post(
            "/graphql", json={"query": query, "variables": variables or {}}, headers=sent
        )

    async def run(
        self,
        query: str,
        variables: dict[str, Any] | None = None,
        *,
        as_user: User | None = None,
        token: str | None = None,
    ) -> dict[str, Any]:
        """The response JSON; fails the test on a non-200 status."""
        response = await self.post(query, variables, as_user=as_user, token=token)
        assert response.status_code == 200, response.text
        return response.json()

    async def data(self, query: str, variables: dict[str, Any] | None = None, **who: Any) -> Any:
        """The ``data`` of a response that must have no errors."""
        body = await self.run(query, variables, **who)
        assert not body.get("errors"), body
        return body["data"]
