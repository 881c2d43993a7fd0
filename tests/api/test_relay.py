"""Relay conventions: global IDs, node/nodes, connections with a stable order and a page cap."""

from __future__ import annotations

from typing import Any

from tests import factories
from tests.api.client import GraphQLClient

EMPLOYEES = """
query Page($first: Int, $after: String) {
  employees(first: $first, after: $after) {
    totalCount
    pageInfo { hasNextPage hasPreviousPage startCursor endCursor }
    edges { cursor node { id nip name } }
  }
}
"""

NODE = """
query One($id: ID!) { node(id: $id) { __typename id ... on Employee { nip } } }
"""

NODES = """
query Many($ids: [ID!]!) { nodes(ids: $ids) { __typename id } }
"""


async def test_pages_walk_the_whole_list_once_in_a_stable_order(
    db: Any, gql: GraphQLClient
) -> None:
    # given: an office (4 employees) and 3 more
    office = await factories.office()
    for _ in range(3):
        await factories.employee(office.agency, office.unit)
    # when: HR walks the list two at a time
    seen: list[str] = []
    after = None
    pages = 0
    while True:
        data = await gql.data(EMPLOYEES, {"first": 2, "after": after}, as_user=office.hr_user)
        page = data["employees"]
        assert page["totalCount"] == 7
        seen += [edge["node"]["nip"] for edge in page["edges"]]
        pages += 1
        if not page["pageInfo"]["hasNextPage"]:
            break
        after = page["pageInfo"]["endCursor"]
    # then: every employee once, four pages
    assert pages == 4
    assert len(seen) == len(set(seen)) == 7


async def test_page_size_over_the_cap_is_a_clear_error(db: Any, gql: GraphQLClient) -> None:
    # given
    office = await factories.office()
    # when
    body = await gql.run(EMPLOYEES, {"first": 101}, as_user=office.hr_user)
    english = (
        await gql.post(
            EMPLOYEES, {"first": 101}, as_user=office.hr_user, headers={"Accept-Language": "en"}
        )
    ).json()
    # then: worded from the catalogue in the caller's language (Indonesian by default)
    assert body["errors"][0]["message"] == "first harus antara 0 dan 100; tertulis 101."
    assert english["errors"][0]["message"] == "first must be between 0 and 100, got 101."
    assert body["errors"][0]["extensions"]["code"] == "BAD_USER_INPUT"


async def test_node_finds_by_global_id_and_hides_other_agencies(
    db: Any, gql: GraphQLClient
) -> None:
    # given: two agencies
    serang = await factories.office("serang")
    tangsel = await factories.office("tangsel")
    page = await gql.data(EMPLOYEES, {"first": 1}, as_user=serang.hr_user)
    own_id = page["employees"]["edges"][0]["node"]["id"]
    other = await gql.data(EMPLOYEES, {"first": 1}, as_user=tangsel.hr_user)
    other_id = other["employees"]["edges"][0]["node"]["id"]
    # when
    own = await gql.data(NODE, {"id": own_id}, as_user=serang.hr_user)
    foreign = await gql.data(NODE, {"id": other_id}, as_user=serang.hr_user)
    many = await gql.data(NODES, {"ids": [other_id, own_id, "garbage"]}, as_user=serang.hr_user)
    # then
    assert own["node"]["__typename"] == "Employee"
    assert own["node"]["id"] == own_id
    assert foreign["node"] is None
    assert [n and n["id"] for n in many["nodes"]] == [None, own_id, None]
