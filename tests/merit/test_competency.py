"""The competency dictionary and position standards: HR edits them, every change is audited."""

from dataclasses import replace
from typing import Any

import pytest

from portal.models import AuditEntry, Competency, CompetencyLevel, PositionCompetency
from portal.vocabulary import CompetencyCategory
from tests.merit import factories as mf
from tests.words import english
from workflows.errors import NotFound, NotPermitted, ValidationFailed
from workflows.merit.competency import (
    CompetencyInput,
    LevelInput,
    list_competencies,
    save_competency,
    set_position_standard,
)


def _integritas(**overrides: Any) -> CompetencyInput:
    """The competency Integritas, with ``overrides`` (field values) in place of its own."""
    valid = CompetencyInput(
        code="M.01",
        name="Integritas",
        category=CompetencyCategory.MANAGERIAL,
        levels=[
            LevelInput(level, f"Level {level}: jujur", [f"menunjukkan perilaku {level}"])
            for level in range(1, 6)
        ],
    )
    return replace(valid, **overrides)


async def test_hr_creates_then_edits_a_competency_with_audit(db) -> None:
    # given
    mf.freeze()
    m = await mf.merit_office()
    # when
    created = await save_competency(actor=m.hr, data=_integritas(code="M.09", name="Baru"))
    await save_competency(actor=m.hr, data=_integritas(code="M.09", name="Integritas Plus"))
    # then
    record = await Competency.get(id=created.id)
    assert record.name == "Integritas Plus"
    assert await CompetencyLevel.filter(competency=record).count() == 5
    actions = await AuditEntry.filter(
        subject_type="competency", subject_id=str(created.id)
    ).values_list("action", flat=True)
    assert actions == ["competency.create", "competency.update"]


@pytest.mark.parametrize(
    ("overrides", "fragment"),
    [
        ({"levels": [LevelInput(1, "x", ["y"])]}, "five levels"),
        ({"code": " "}, "code"),
        (
            {"levels": [LevelInput(n, "d", [] if n == 3 else ["i"]) for n in range(1, 6)]},
            "indicator",
        ),
    ],
)
async def test_bad_dictionary_entries_change_nothing(db, overrides, fragment) -> None:
    # given
    m = await mf.merit_office()
    before = await Competency.all().count()
    # when / then
    with pytest.raises(ValidationFailed) as refused:
        await save_competency(actor=m.hr, data=_integritas(**{"code": "M.08", **overrides}))
    assert fragment in english(refused.value)
    assert await Competency.all().count() == before


async def test_only_hr_edits_the_dictionary(db) -> None:
    # given
    m = await mf.merit_office()
    # when / then
    with pytest.raises(NotPermitted):
        await save_competency(actor=m.supervisor, data=_integritas())
    with pytest.raises(NotPermitted):
        await save_competency(
            actor=mf.token_viewer(m.office.agency, write=True), data=_integritas()
        )


async def test_dictionary_is_per_agency(db) -> None:
    # given
    m = await mf.merit_office()
    other = await mf.merit_office("tangsel")
    await save_competency(actor=other.hr, data=_integritas(code="T.01", name="Hanya Tangsel"))
    # when
    codes = [c.code for c in await list_competencies(actor=m.staff)]
    # then
    assert codes == ["M.01", "M.02", "M.03"]


async def test_hr_sets_a_position_standard(db) -> None:
    # given
    m = await mf.merit_office()
    position_id = m.office.staff.position_id
    assert position_id is not None
    # when
    await set_position_standard(
        actor=m.hr, position_id=position_id, requirements={"M.01": 3, "M.02": 2}
    )
    await set_position_standard(actor=m.hr, position_id=position_id, requirements={"M.01": 4})
    # then
    rows = await PositionCompetency.filter(position_id=position_id).values_list(
        "competency__code", "required_level"
    )
    assert rows == [("M.01", 4)]
    assert await AuditEntry.filter(action="position.standard").count() == 2


async def test_position_standard_refusals(db) -> None:
    # given
    m = await mf.merit_office()
    other = await mf.merit_office("tangsel")
    position_id = m.office.staff.position_id
    assert position_id is not None
    # when / then
    with pytest.raises(ValidationFailed, match="1-5"):
        await set_position_standard(actor=m.hr, position_id=position_id, requirements={"M.01": 6})
    with pytest.raises(NotFound, match=r"M\.99"):
        await set_position_standard(actor=m.hr, position_id=position_id, requirements={"M.99": 2})
    with pytest.raises(NotPermitted):
        await set_position_standard(
            actor=m.supervisor, position_id=position_id, requirements={"M.01": 2}
        )
    with pytest.raises(NotFound):
        await set_position_standard(
            actor=other.hr, position_id=position_id, requirements={"M.01": 2}
        )
    assert await PositionCompetency.all().count() == 0
