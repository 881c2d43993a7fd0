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
from schema.employees import queries as employee_queries
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
    user = await User.get(username=username)
    prefilled: list[str] = []
    for module, name in ((employee_queries, "employee_page"), (request_queries, "request_page")):
        monkeypatch.setattr(module, name, _counted(getattr(module, name), prefilled))
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


def _counted(page: Any, calls: list[str]) -> Any:
    async def counted(*args: Any, **kwargs: Any) -> Any:
        calls.append(page.__name__)
        return await page(*args, **kwargs)

    return counted
