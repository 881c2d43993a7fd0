"""Every statement of the pages names the agency in its filter: ready for sharding by agency.

On a distributed PostgreSQL (Citus) the agency's tables are distributed by ``agency_id``; a
statement that names the agency in its WHERE clause goes to one shard, one that does not goes
to all of them. ``agency`` itself is looked up by its id, which is the agency. Not covered yet:
``availableActions`` (its checks are read per request) and mutations (the workflow service reads
a request's decisions and votes by request id).
"""

from __future__ import annotations

import re
from typing import Any

import pytest

from bench.floor import EMPLOYEES, QUEUE
from bench.generate import generate
from portal.models import Employee, User
from tests.api.client import GraphQLClient
from tests.api.test_no_n_plus_one import counting_statements

REQUESTS = """{ careerRequests(first: 20) { totalCount nodes {
    id kind state version dueAt applicant { nip name } details { __typename }
    decisions { action actor { username } } votes { vote } } } }"""
AUDIT = "{ auditLog(first: 20) { totalCount nodes { action actor subjectType } } }"
VIEWER = "{ viewer { username roles employee { nip name supervisor { name } } } }"
# Tables that hold no agency's data: the agencies themselves, and the shared rate-limit counters
# (keyed by the caller, which already carries its agency in every other statement).
REFERENCE = {"agency", "rate_counter"}


def _tables(statement: str) -> set[str]:
    """Tables read; not SQLite's ``json_each(?)``, the rows of a list given as parameter."""
    found = r'(?:FROM|JOIN)\s+"?(\w+)\b"?(?!\s*\()'
    return set(re.findall(found, statement, flags=re.IGNORECASE))


def _where(statement: str) -> str:
    parts = re.split(r"\bWHERE\b", statement, maxsplit=1, flags=re.IGNORECASE)
    return parts[1] if len(parts) == 2 else ""


@pytest.mark.parametrize("username", ["hr.skala01", "atasan.skala01", "admin.skala01"])
async def test_page_statements_filter_by_agency(
    db: Any, gql: GraphQLClient, monkeypatch: pytest.MonkeyPatch, username: str
) -> None:
    # given
    await generate(db.url, employees=80, requests=3, audit=5)
    user = await User.get(username=username)
    someone = await Employee.filter(agency_id=user.agency_id).order_by("id").first()
    assert someone is not None
    one = '{ employee(nip: "NIP") { name position { title } } }'.replace("NIP", someone.nip)
    operations = [QUEUE, EMPLOYEES, REQUESTS, VIEWER, one]
    if username != "atasan.skala01":
        operations.append(AUDIT)
    for operation in operations:
        # when
        with counting_statements(monkeypatch) as statements:
            await gql.data(operation, as_user=user)
        # then
        assert statements
        for statement in statements:
            if _tables(statement) <= REFERENCE:
                continue
            assert "agency_id" in _where(statement), statement
