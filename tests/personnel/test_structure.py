"""Org units and positions: codes unique in the agency, no loops, bounds, closing rules."""

from __future__ import annotations

from portal.models import OrgUnit, Position
from tests.factories import position_of
from tests.personnel.world import run, world

UNIT = """
mutation Unit($input: CreateOrgUnitInput!) {
  createOrgUnit(input: $input) {
    __typename
    ... on OrgUnitSaved { orgUnit { id code parent { code } } }
    ... on ValidationFailed { message field }
  }
}
"""
MOVE = """
mutation Move($input: MoveOrgUnitInput!) {
  moveOrgUnit(input: $input) {
    __typename
    ... on OrgUnitSaved { orgUnit { code parent { code } } }
    ... on ValidationFailed { message field }
  }
}
"""
POSITION = """
mutation Position($input: CreatePositionInput!) {
  createPosition(input: $input) {
    __typename
    ... on PositionSaved { position { code kind functionalLevel minRank capacity parent { code } } }
    ... on ValidationFailed { message field }
  }
}
"""
REQUIREMENTS = """
mutation Requirements($input: SetPositionRequirementsInput!) {
  setPositionRequirements(input: $input) {
    __typename
    ... on PositionSaved { position { minEducation minRank minYearsExperience capacity } }
    ... on ValidationFailed { message field }
  }
}
"""
CLOSE = """
mutation Close($input: ClosePositionInput!) {
  closePosition(input: $input) {
    __typename
    ... on ValidationFailed { message field }
  }
}
"""


async def test_a_unit_cannot_move_under_itself_or_its_subtree(db) -> None:
    # given: SETDA > BKPSDM > BIDANG
    w = await world()
    hr = w.viewers["hr"]
    unit_id = w.gid("OrgUnit", w.office.unit.id)
    setda_id = w.gid("OrgUnit", w.setda.id)
    await run(hr, MOVE, input={"orgUnitId": unit_id, "parentId": setda_id})
    bidang = await run(
        hr, UNIT, input={"code": "BID-1", "name": "Bidang 1", "kind": "BIDANG", "parentId": unit_id}
    )
    bidang_id = bidang["createOrgUnit"]["orgUnit"]["id"]
    # when
    into_child = await run(hr, MOVE, input={"orgUnitId": setda_id, "parentId": bidang_id})
    into_self = await run(hr, MOVE, input={"orgUnitId": unit_id, "parentId": unit_id})
    to_root = await run(hr, MOVE, input={"orgUnitId": bidang_id, "parentId": None})
    # then
    assert into_child["moveOrgUnit"]["field"] == "parentId"
    assert "di bawah dirinya sendiri" in into_child["moveOrgUnit"]["message"]
    assert into_self["moveOrgUnit"]["field"] == "parentId"
    assert to_root["moveOrgUnit"]["orgUnit"] == {"code": "BID-1", "parent": None}
    assert (await OrgUnit.get(id=w.setda.id)).parent_id is None


async def test_unit_and_position_codes_are_unique_within_the_agency_only(db) -> None:
    # given
    w = await world()
    data = {"code": w.office.unit.code, "name": "Lagi", "kind": "BADAN"}
    # when
    same_agency = await run(w.viewers["hr"], UNIT, input=data)
    other_agency = await run(w.viewers["other_agency_hr"], UNIT, input=data)
    # then
    assert same_agency["createOrgUnit"]["field"] == "code"
    assert other_agency["createOrgUnit"]["__typename"] == "OrgUnitSaved"


async def test_a_position_checks_its_class_formasi_and_functional_level(db) -> None:
    # given
    w = await world()
    base = {
        "code": "serang-JF",
        "title": "Analis SDM Aparatur",
        "kind": "FUNGSIONAL",
        "functionalLevel": "Ahli Muda",
        "orgUnitId": w.gid("OrgUnit", w.office.unit.id),
        "positionClass": 9,
        "minEducation": "S1",
        "minRank": "III/c",
        "parentId": w.gid("Position", w.vacancy.id),
    }
    # when
    no_level = await run(w.viewers["hr"], POSITION, input={**base, "functionalLevel": None})
    class_18 = await run(w.viewers["hr"], POSITION, input={**base, "positionClass": 18})
    no_formasi = await run(w.viewers["hr"], POSITION, input={**base, "capacity": 0})
    created = await run(w.viewers["hr"], POSITION, input=base)
    # then
    assert no_level["createPosition"]["field"] == "functionalLevel"
    assert class_18["createPosition"]["field"] == "positionClass"
    assert no_formasi["createPosition"]["field"] == "capacity"
    assert created["createPosition"]["position"] == {
        "code": "serang-JF",
        "kind": "FUNGSIONAL",
        "functionalLevel": "Ahli Muda",
        "minRank": "III/c",
        "capacity": 1,
        "parent": {"code": "serang-VACANT"},
    }


async def test_a_held_position_neither_closes_nor_shrinks_below_its_holders(db) -> None:
    # given: the staff member holds serang-ANALIS
    w = await world()
    held = w.gid("Position", (await position_of(w.staff)).id)
    # when
    closed = await run(
        w.viewers["hr"], CLOSE, input={"positionId": held, "closedOn": "2026-06-30", "reason": "x"}
    )
    shrunk = await run(
        w.viewers["hr"],
        REQUIREMENTS,
        input={"positionId": held, "minEducation": "S1", "minRank": "III/a", "capacity": 0},
    )
    spare = w.gid("Position", w.spare.id)
    closing = {"positionId": spare, "closedOn": "2026-06-30", "reason": "Perampingan"}
    first = await run(w.viewers["hr"], CLOSE, input=closing)
    twice = await run(w.viewers["hr"], CLOSE, input=closing)
    # then
    assert closed["closePosition"]["field"] == "positionId"
    assert shrunk["setPositionRequirements"]["field"] == "capacity"
    assert first["closePosition"]["__typename"] == "PositionSaved"
    assert twice["closePosition"]["__typename"] == "ValidationFailed"
    assert (await Position.get(id=w.spare.id)).closed_on is not None
