"""Authentication reads one SQL statement a request, and still sees deactivation at once."""

from __future__ import annotations

from typing import Any

import pytest

from portal.models import User
from portal.vocabulary import Role
from tests import factories
from tests.api.client import GraphQLClient
from tests.api.test_no_n_plus_one import counting_statements

WHO = "{ viewer { username roles } }"


async def test_a_bearer_token_costs_one_statement(
    db: Any, gql: GraphQLClient, monkeypatch: pytest.MonkeyPatch
) -> None:
    # given
    office = await factories.office()
    user = await factories.user(office.agency, "hr2.serang", Role.HR, Role.EMPLOYEE)
    # when
    with counting_statements(monkeypatch) as statements:
        data = await gql.data(WHO, as_user=user)
    # then: the viewer field reads nothing more, so every statement but the shared rate limit's
    # counter (its own concern, in Redis where configured) is authentication
    assert data["viewer"] == {"username": "hr2.serang", "roles": ["EMPLOYEE", "HR"]}
    authentication = [s for s in statements if "rate_counter" not in s]
    assert len(authentication) == 1, statements
    assert len(statements) - len(authentication) <= 2  # the counter: one upsert and one read


async def test_deactivation_is_refused_at_once(db: Any, gql: GraphQLClient) -> None:
    # given a user with a valid token
    office = await factories.office()
    user = await factories.user(office.agency, "hr3.serang", Role.HR)
    token = gql.bearer_for(user)
    assert (await gql.post(WHO, token=token)).status_code == 200
    # when the account is deactivated
    await User.filter(id=user.id).update(is_active=False)
    # then the same token is refused on the next request
    assert (await gql.post(WHO, token=token)).status_code == 401
