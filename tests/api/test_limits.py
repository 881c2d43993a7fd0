"""Protection: depth, alias, token and body limits, rate limit, masking, switches for tooling."""

from __future__ import annotations

import logging
from collections.abc import AsyncIterator
from typing import Any

import httpx
import pytest

from portal.app import build_app
from portal.i18n import translate
from portal.settings import Settings
from tests import factories
from tests.api.client import GraphQLClient

DEEP = "{ viewer { employee { supervisor { supervisor { supervisor { name } } } } } }"


async def _client(settings: Settings) -> AsyncIterator[GraphQLClient]:
    app = build_app(settings, manage_db=False)
    transport = httpx.ASGITransport(app=app)
    async with httpx.AsyncClient(transport=transport, base_url="http://testserver") as http:
        yield GraphQLClient(http, settings)


@pytest.fixture
async def strict(db: Any) -> AsyncIterator[GraphQLClient]:
    settings = Settings(
        database_url=db.url,
        max_query_depth=4,
        max_aliases=2,
        max_tokens=40,
        max_body_bytes=600,
        rate_limit_per_minute=5,
        introspection=False,
        graphiql=False,
    )
    async for client in _client(settings):
        yield client


async def test_too_deep_a_query_is_refused(strict: GraphQLClient) -> None:
    # when
    body = await strict.run(DEEP)
    # then
    assert "exceeds maximum operation depth of 4" in body["errors"][0]["message"]
    assert body.get("data") is None


async def test_too_many_aliases_are_refused(strict: GraphQLClient) -> None:
    # when
    body = await strict.run("{ a: __typename b: __typename c: __typename }")
    # then
    assert body["errors"][0]["message"] == "3 aliases found. Allowed: 2"


async def test_too_many_tokens_are_refused(strict: GraphQLClient) -> None:
    # when
    body = await strict.run("{ " + " ".join(["__typename"] * 50) + " }")
    # then
    assert "more than 40 tokens" in body["errors"][0]["message"]


async def test_a_large_body_is_refused(strict: GraphQLClient) -> None:
    # when
    response = await strict.post("{ __typename }", {"padding": "x" * 1000})
    # then
    assert response.status_code == 413


async def test_each_principal_is_rate_limited(strict: GraphQLClient) -> None:
    # given: 5 requests a minute
    statuses = [(await strict.post("{ __typename }")).status_code for _ in range(5)]
    # when
    refused = await strict.post("{ __typename }")
    # then
    assert statuses == [200] * 5
    assert refused.status_code == 429
    assert int(refused.headers["retry-after"]) >= 1


async def test_introspection_and_graphiql_can_be_switched_off(strict: GraphQLClient) -> None:
    # when
    body = await strict.run("{ __schema { queryType { name } } }")
    page = await strict.http.get("/graphql", headers={"accept": "text/html"})
    # then
    assert "introspection" in body["errors"][0]["message"].lower()
    assert page.status_code == 404


async def test_no_field_suggestions_when_introspection_is_off(
    strict: GraphQLClient, gql: GraphQLClient
) -> None:
    # when: misspelt field, argument and enum value
    probes = ["{ employe { id } }", "{ employees(frist: 1) { totalCount } }"]
    hidden = [(await strict.run(q))["errors"][0]["message"] for q in probes]
    shown = [(await gql.run(q))["errors"][0]["message"] for q in probes]
    # then: the open server suggests names, the closed one does not
    assert all("Did you mean" in m for m in shown), shown
    assert not any("Did you mean" in m for m in hidden), hidden
    assert hidden[0] == "Cannot query field 'employe' on type 'Query'."


async def test_graphiql_is_served_by_default(db: Any, gql: GraphQLClient) -> None:
    # when
    page = await gql.http.get("/graphql", headers={"accept": "text/html"})
    # then
    assert page.status_code == 200
    assert "graphiql" in page.text.lower()


async def test_unexpected_errors_are_masked_with_a_logged_id(
    db: Any, gql: GraphQLClient, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    # given: a resolver that fails unexpectedly
    office = await factories.office()

    def broken(*args: Any, **kwargs: Any) -> Any:
        raise RuntimeError("database password is hunter2")

    monkeypatch.setattr("schema.employees.types.Rank.from_employee", broken)
    # when
    with caplog.at_level(logging.ERROR, logger="jenjang.graphql"):
        body = await gql.run("{ viewer { employee { rank { code } } } }", as_user=office.staff_user)
    # then: no detail leaks, the id is in the logs with the cause
    error = body["errors"][0]
    assert "hunter2" not in str(body)
    error_id = error["extensions"]["errorId"]
    assert error["message"] == translate("errors.unexpected", error_id=error_id)
    assert any(error_id in r.getMessage() and "hunter2" in r.getMessage() for r in caplog.records)


async def test_permission_errors_are_not_masked(db: Any, gql: GraphQLClient) -> None:
    # when: anonymous asks for employees
    body = await gql.run("{ employees { totalCount } }")
    english = await gql.post("{ employees { totalCount } }", headers={"Accept-Language": "en"})
    # then: worded in the caller's language
    assert body["errors"][0]["message"] == "Anda perlu masuk (login) terlebih dahulu."
    assert english.json()["errors"][0]["message"] == "Authentication required."
    assert body["errors"][0]["extensions"]["code"] == "UNAUTHENTICATED"
