"""A prefilled page (schema.prefill) answers exactly what the ordinary, loader-based path does."""

from __future__ import annotations

from collections.abc import AsyncIterator
from typing import Any

import httpx
import pytest

from bench.generate import generate
from portal.app import build_app
from portal.models import User
from portal.settings import Settings
from schema.employees import page as employee_page_module
from schema.employees import queries as employee_queries
from schema.prefill_execution import PrefilledExecution
from schema.requests import page as request_page_module
from schema.requests import queries as request_queries
from tests.api.client import GraphQLClient

QUEUE = """
query Queue($after: String) { approvalQueue(first: 30, after: $after) {
  totalCount pageInfo { hasNextPage hasPreviousPage startCursor endCursor }
  edges { cursor node { id } }
  nodes {
    id __typename kind state requestState version workflowName workflowVersion dueAt
    submittedAt closedAt createdAt
    applicant { id nip name gender employeeType status education positionSince cpnsDate
      pnsDate rank { code name since }
      position { id code title kind functionalLevel positionClass minEducation minRank
                 minYearsExperience capacity }
      orgUnit { id code name kind }
      ...Profile }
    decisions { action fromState toState stage reasonCode comment version createdAt
      actor { username name } onBehalfOf { username name } }
  } } }
fragment Profile on Employee {
  competencyProfile { matchRatio matchCategory
    scores { level requiredLevel assessedOn method
      competency { id code name nameEn category description active } } } }
"""

EMPLOYEES = """
query Employees($after: String) { employees(first: 40, after: $after) {
  totalCount pageInfo { hasNextPage endCursor }
  nodes { id nip name rank { code } position { title minRank } orgUnit { code }
    ... on Employee { competencyProfile { matchRatio matchCategory
      scores { level requiredLevel competency { code name } } } } }
} }
"""


SHAPES = """
query Shapes($withNip: Boolean!, $skipDecisions: Boolean!) {
  q: approvalQueue(first: 12) {
    count: totalCount
    list: nodes {
      __typename key: id ... on CareerRequest { state version } ...RequestBits
      applicant { __typename who: name nip @include(if: $withNip) name rank { code }
        position { ... on Position { title } t2: title __typename }
        ... on Employee { orgUnit { name __typename } }
        ...ProfileBits }
      decisions @skip(if: $skipDecisions) { action a2: action actor { username who: name } }
      again: decisions { version }
    }
    edges { cursor node { id __typename } }
  }
  e: employees(first: 12) {
    nodes { ...EmployeeBits name @skip(if: $withNip) n2: name @include(if: true) ...ProfileBits }
  }
}
fragment RequestBits on CareerRequest { kind createdAt dueAt }
fragment EmployeeBits on Employee { __typename id nip rank { code __typename } pnsDate }
fragment ProfileBits on Employee {
  competencyProfile { matchRatio scores { c: competency { code __typename } level } }
}
"""


@pytest.fixture
async def ordinary(settings: Settings) -> AsyncIterator[GraphQLClient]:
    """The same API with the prefilled pages switched off."""
    off = settings.model_copy(update={"prefilled_pages": False})
    app = build_app(off, manage_db=False)
    transport = httpx.ASGITransport(app=app)
    async with httpx.AsyncClient(transport=transport, base_url="http://testserver") as client:
        yield GraphQLClient(client, off)


@pytest.mark.parametrize("username", ["hr.skala01", "atasan.skala01", "pegawai.skala01"])
async def test_prefilled_pages_equal_the_ordinary_pages(
    db: Any,
    gql: GraphQLClient,
    ordinary: GraphQLClient,
    monkeypatch: pytest.MonkeyPatch,
    username: str,
) -> None:
    # given
    await generate(db.url, employees=120, requests=4, audit=5)
    user, prefilled = await _watched(username, monkeypatch)
    for query, field in ((QUEUE, "approvalQueue"), (EMPLOYEES, "employees")):
        after = None
        for _ in range(2):  # the first two pages
            variables = {"after": after}
            # when
            fast = await gql.data(query, variables, as_user=user)
            slow = await ordinary.data(query, variables, as_user=user)
            # then
            pairs = zip(fast[field]["nodes"], slow[field]["nodes"], strict=True)
            for mine, theirs in pairs:
                assert mine == theirs
            assert fast == slow
            after = fast[field]["pageInfo"]["endCursor"]
    assert "employee_page" in prefilled  # the prefilled path ran
    assert "request_page" in prefilled or username == "pegawai.skala01"


async def _watched(username: str, monkeypatch: pytest.MonkeyPatch) -> tuple[Any, list[str]]:
    """The user, and the names of the prefilled page builders as they run (to show they ran)."""
    user = await User.get(username=username)
    prefilled: list[str] = []
    for module, name in ((employee_queries, "employee_page"), (request_queries, "request_page")):
        monkeypatch.setattr(module, name, _counted(getattr(module, name), prefilled))
    return user, prefilled


def _counted(page: Any, calls: list[str]) -> Any:
    async def counted(*args: Any, **kwargs: Any) -> Any:
        calls.append(page.__name__)
        return await page(*args, **kwargs)

    return counted


@pytest.mark.parametrize("username", ["hr.skala01", "atasan.skala01", "pegawai.skala01"])
async def test_aliases_fragments_typename_and_directives_answer_as_the_ordinary_path(
    db: Any,
    gql: GraphQLClient,
    ordinary: GraphQLClient,
    monkeypatch: pytest.MonkeyPatch,
    username: str,
) -> None:
    # given
    await generate(db.url, employees=80, requests=4, audit=5)
    user, prefilled = await _watched(username, monkeypatch)
    for with_nip in (True, False):
        for skip_decisions in (True, False):
            variables = {"withNip": with_nip, "skipDecisions": skip_decisions}
            # when
            fast = await gql.data(SHAPES, variables, as_user=user)
            slow = await ordinary.data(SHAPES, variables, as_user=user)
            # then
            assert fast == slow
            assert list(fast["e"]["nodes"][0]) == list(slow["e"]["nodes"][0])  # key order too
    assert "employee_page" in prefilled
    assert "request_page" in prefilled or username == "pegawai.skala01"


def _null_name(employee: Any) -> None:
    employee.name = None  # the schema says String!


def _no_nip(employee: Any) -> None:
    del employee.nip


def _bad_rank(employee: Any) -> None:
    employee.rank.code = ["IV/e"]  # no String


@pytest.mark.parametrize("page", [employee_page_module, request_page_module])
@pytest.mark.parametrize("spoil", [_null_name, _no_nip, _bad_rank])
async def test_a_value_the_walk_cannot_complete_is_reported_as_graphql_core_reports_it(
    db: Any, gql: GraphQLClient, monkeypatch: pytest.MonkeyPatch, spoil: Any, page: Any
) -> None:
    # given: the third employee of one page spoilt, after the prefilled page was built (one
    # page only: which of two errors nulling the whole answer is reported depends on timing)
    await generate(db.url, employees=40, requests=4, audit=5)
    user = await User.get(username="hr.skala01")
    build = employee_page_module.employees_by_id

    async def spoilt(*args: Any, **kwargs: Any) -> dict[int, Any]:
        built = await build(*args, **kwargs)
        for employee in sorted(built.values(), key=lambda e: e.name)[2:3]:
            spoil(employee)
        return built

    monkeypatch.setattr(page, "employees_by_id", spoilt)
    # when: completed by the walk, then by graphql-core alone
    walked = await gql.run(SHAPES, {"withNip": True, "skipDecisions": False}, as_user=user)
    monkeypatch.setattr(PrefilledExecution, "_walkable", lambda *_: False)
    ordinary = await gql.run(SHAPES, {"withNip": True, "skipDecisions": False}, as_user=user)
    # then: the same data, the same errors (message, place, path)
    assert walked["errors"]
    assert _without_ids(walked) == _without_ids(ordinary)


def _without_ids(body: dict[str, Any]) -> dict[str, Any]:
    """The response without what differs on every request (a masked error's ids)."""
    for error in body.get("errors", []):
        extensions = error.get("extensions", {})
        for key in ("errorId", "requestId"):
            value = extensions.pop(key, None)
            if value:
                error["message"] = error["message"].replace(value, "<id>")
    return body
