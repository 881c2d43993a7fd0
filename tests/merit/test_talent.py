"""Talent placement per year and succession candidates ranked with their reasons."""

import pytest

from portal.models import AuditEntry, TalentPlacement
from portal.vocabulary import Predikat, Rank
from tests import factories
from tests.factories import position_of
from tests.merit import factories as mf
from tests.words import english
from workflows.errors import NotFound, NotPermitted, ValidationFailed
from workflows.merit.talent import place_talent, succession_candidates


async def test_hr_places_an_employee_from_the_annual_predikat(db) -> None:
    # given
    mf.freeze()
    m = await mf.merit_office()
    await mf.evaluation(m.office.staff, 2024, Predikat.SANGAT_BAIK)
    # when: high performance x middle potential
    placement = await place_talent(
        actor=m.hr, employee_id=m.office.staff.id, year=2024, potential_level=2
    )
    # then
    assert (placement.performance_level, placement.box) == (3, 7)
    # re-placing the same year updates it
    await place_talent(actor=m.hr, employee_id=m.office.staff.id, year=2024, potential_level=3)
    assert await TalentPlacement.filter(employee_id=m.office.staff.id).values_list(
        "box", flat=True
    ) == [9]
    assert await AuditEntry.filter(action="talent.place").count() == 2


async def test_placement_refusals(db) -> None:
    # given
    mf.freeze()
    m = await mf.merit_office()
    other = await mf.merit_office("tangsel")
    staff_id = m.office.staff.id
    # when / then
    with pytest.raises(ValidationFailed, match="Belum ada penilaian kinerja tahunan") as unrated:
        await place_talent(actor=m.hr, employee_id=staff_id, year=2024, potential_level=2)
    assert english(unrated.value).startswith("No annual evaluation for 2024")
    with pytest.raises(ValidationFailed, match="Level potensi"):
        await place_talent(
            actor=m.hr, employee_id=staff_id, year=2024, potential_level=4, performance_level=2
        )
    with pytest.raises(NotPermitted, match="BKPSDM"):
        await place_talent(
            actor=m.supervisor, employee_id=staff_id, year=2024, potential_level=2,
            performance_level=2,
        )  # fmt: skip
    with pytest.raises(NotFound):
        await place_talent(
            actor=other.hr, employee_id=staff_id, year=2024, potential_level=2, performance_level=2
        )
    assert await TalentPlacement.all().count() == 0


async def test_succession_group_ranks_first_with_reasons(db) -> None:
    # given: a vacant pengawas position needing M.01 3
    mf.freeze()
    m = await mf.merit_office()
    ag, unit = m.office.agency, m.office.unit
    vacant = await factories.position(
        ag, unit, "KASUBBAG", parent=await position_of(m.office.supervisor)
    )
    await mf.standard(vacant, {"M.01": 3})
    strong_match = await factories.employee(ag, unit, name="Cocok Sekali", rank=Rank.III_C)
    successor = await factories.employee(ag, unit, name="Kelompok Suksesi")
    await mf.assessment(strong_match, "M.01", 3)
    await mf.assessment(successor, "M.01", 2)
    await mf.placement(strong_match, 2024, 6)  # high potential, low performance
    await mf.placement(successor, 2024, 8)
    await mf.evaluation(successor, 2024, Predikat.BAIK)
    # when
    ranked = await succession_candidates(actor=m.hr, position_id=vacant.id)
    # then: box 8 (succession group) before a better match in box 6
    assert [c.name for c in ranked[:2]] == ["Kelompok Suksesi", "Cocok Sekali"]
    first = ranked[0]
    assert first.in_succession_group and first.box == 8
    assert first.reasons[0] == "talent box 8 (succession group)"
    assert "job-person match 67% (below)" in first.reasons
    assert "predikat Baik in 2024" in first.reasons
    assert any(r.endswith("years in rank") for r in first.reasons)
    assert ranked[1].match_ratio == 1.0


async def test_only_hr_ranks_successors_within_its_agency(db) -> None:
    mf.freeze()
    m = await mf.merit_office()
    other = await mf.merit_office("tangsel")
    position_id = m.office.staff.position_id
    assert position_id is not None
    with pytest.raises(NotPermitted):
        await succession_candidates(actor=m.head, position_id=position_id)
    with pytest.raises(NotFound):
        await succession_candidates(actor=other.hr, position_id=position_id)
