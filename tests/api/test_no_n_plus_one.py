"""No N+1: the number of SQL statements of a page does not grow with the page size."""

from __future__ import annotations

import contextlib
from collections.abc import Iterator
from typing import Any

import pytest
from tortoise import connections

from tests import factories
from tests.api import factories as api_factories
from tests.api.client import GraphQLClient
from tests.workflows import factories as wf

# Every field the approval-queue page shows, availableActions included.
QUEUE = """
{ approvalQueue(first: 100) { totalCount nodes {
    id kind state requestState version dueAt submittedAt workflowName workflowVersion
    applicant { name nip rank { code } position { title kind } orgUnit { name } }
    details { __typename
      ... on RotationDetails { reason targetPosition { title vacant } }
      ... on PromotionDetails { type reason targetPosition { title } } }
    eligibility { eligible checks { code passed reasonId reasonEn reference } }
    approvalPlan { stage rule approvers { username name } }
    decisions { action version actor { username name } onBehalfOf { username } }
    votes { vote member { username } }
    availableActions
} } }
"""

EMPLOYEES = """
{ employees(first: 100) { totalCount nodes {
    nip name rank { code } position { title } orgUnit { code }
    competencyProfile { matchRatio scores { level requiredLevel competency { code name } } }
} } }
"""


@contextlib.contextmanager
def counting_statements(monkeypatch: pytest.MonkeyPatch) -> Iterator[list[str]]:
    """Every SQL statement the default connection runs inside the block."""
    statements: list[str] = []
    client_class = type(connections.get("default"))
    for name in ("execute_query", "execute_query_dict"):
        original = getattr(client_class, name)

        def wrapper(self: Any, query: str, *args: Any, _original: Any = original, **kw: Any) -> Any:
            statements.append(query)
            return _original(self, query, *args, **kw)

        monkeypatch.setattr(client_class, name, wrapper)
    yield statements
    monkeypatch.undo()


async def _count(
    gql: GraphQLClient, monkeypatch: pytest.MonkeyPatch, query: str, user: Any
) -> tuple[int, Any]:
    with counting_statements(monkeypatch) as statements:
        data = await gql.data(query, as_user=user)
    return len(statements), data


async def test_approval_queue_page_runs_a_fixed_number_of_statements(
    db: Any, gql: GraphQLClient, monkeypatch: pytest.MonkeyPatch
) -> None:
    # given: two requests waiting for the supervisor
    wo = await wf.workflow_office()
    await api_factories.reports_with_requests(wo, 2)
    small, small_data = await _count(gql, monkeypatch, QUEUE, wo.office.supervisor_user)
    # when: eight requests
    await api_factories.reports_with_requests(wo, 6)
    large, large_data = await _count(gql, monkeypatch, QUEUE, wo.office.supervisor_user)
    # then
    assert small_data["approvalQueue"]["totalCount"] == 2
    assert large_data["approvalQueue"]["totalCount"] == 8
    nodes = large_data["approvalQueue"]["nodes"]
    assert all(n["decisions"] and n["applicant"]["position"] for n in nodes)
    assert all(n["availableActions"] == ["APPROVE", "REJECT", "RETURN"] for n in nodes)
    assert all(n["details"]["type"] == "REGULAR_RANK" and n["eligibility"]["checks"] for n in nodes)
    assert small > 0
    assert large == small


async def test_employee_page_with_profiles_runs_a_fixed_number_of_statements(
    db: Any, gql: GraphQLClient, monkeypatch: pytest.MonkeyPatch
) -> None:
    # given: an office and three assessed employees
    office = await factories.office()
    await api_factories.assessed_staff(office, 3)
    small, small_data = await _count(gql, monkeypatch, EMPLOYEES, office.hr_user)
    # when: twelve more
    await api_factories.assessed_staff(office, 12)
    large, large_data = await _count(gql, monkeypatch, EMPLOYEES, office.hr_user)
    # then
    assert small_data["employees"]["totalCount"] == 7
    assert large_data["employees"]["totalCount"] == 19
    scored = [n for n in large_data["employees"]["nodes"] if n["competencyProfile"]["scores"]]
    assert len(scored) == 15
    assert small > 0
    assert large == small
