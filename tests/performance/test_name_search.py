"""Search by name or NIP through the index gives exactly what the plain LIKE scan gave."""

from __future__ import annotations

from typing import Any

from bench.generate import generate
from portal.models import Employee, User
from tests.api.client import GraphQLClient
from workflows.search import name_or_nip

SEARCH = """
query ($term: String!) { employees(first: 100, filter: {search: $term}) {
    totalCount nodes { nip name } } }
"""


async def test_indexed_search_equals_the_like_scan(db: Any, gql: GraphQLClient) -> None:
    # given a generated agency, one oddly written name among them
    await generate(db.url, employees=120, requests=1, audit=5)
    hr = await User.get(username="hr.skala01")
    agency_id = hr.agency_id
    odd = await Employee.filter(agency_id=agency_id).order_by("id").offset(7).first()
    assert odd is not None
    await Employee.filter(id=odd.id).update(name='Ni Made "Ayu" 50%_Sari, S.E.')
    some = await Employee.filter(agency_id=agency_id).order_by("-id").first()
    assert some is not None
    terms = [
        "sit",
        "SITI",
        "an",
        "a",
        "wati",
        "s.e.",
        "S.E., M",
        "ayu",
        '"ayu"',
        "50%",
        "%_s",
        "_",
        'made "a',
        some.nip[:8],
        some.nip,
        some.nip[2:9],
        "zzzz",
        "ni m",
    ]
    for term in terms:
        # when
        data = await gql.data(SEARCH, {"term": term}, as_user=hr)
        # then
        scan = (
            await Employee.filter(agency_id=agency_id)
            .filter(name_or_nip(term.strip()))
            .order_by("name", "id")
            .values_list("nip", flat=True)
        )
        found = data["employees"]
        assert found["totalCount"] == len(scan), term
        assert [n["nip"] for n in found["nodes"]] == list(scan[:100]), term
