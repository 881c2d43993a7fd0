"""Hand-written statements convert values exactly as the ORM's fields do (portal.statements)."""

from datetime import UTC, datetime, timedelta, timezone

import pytest

from portal.models import CareerRequest, Employee
from portal.statements import Statement, _converter
from portal.vocabulary import Rank, RequestKind, RequestState
from tests.workflows import factories as wf
from workflows.career import service

READ = Statement(
    'SELECT id, state, updated_at, submitted_at FROM "career_request" WHERE id {in1} ORDER BY id',
    [
        ("state", CareerRequest, "state"),
        ("updated_at", CareerRequest, "updated_at"),
        ("submitted_at", CareerRequest, "submitted_at"),
    ],
)


@pytest.mark.parametrize(
    ("model", "name", "values"),
    [
        (CareerRequest, "state", [s.value for s in RequestState]),
        (Employee, "rank", [r.value for r in Rank]),
        (
            CareerRequest,
            "updated_at",
            [
                datetime(2026, 3, 1, 7, 30, tzinfo=UTC),
                datetime(2026, 3, 1, 14, 30, tzinfo=timezone(timedelta(hours=7))),
                datetime(2026, 3, 1, 7, 30),
                "2026-03-01 07:30:00+00:00",
            ],
        ),
    ],
)
def test_quick_converters_give_what_the_field_gives(model, name, values) -> None:
    field = model._meta.fields_map[name]
    convert = _converter(field)
    for value in values:
        quick, general = convert(value), field.to_python_value(value)
        assert (quick, type(quick), getattr(quick, "tzinfo", None)) == (
            general,
            type(general),
            getattr(general, "tzinfo", None),
        )


def test_an_unknown_enum_value_is_refused_as_the_field_refuses_it() -> None:
    field = CareerRequest._meta.fields_map["state"]
    with pytest.raises(ValueError):
        field.to_python_value("NO_SUCH_STATE")
    with pytest.raises(ValueError):
        _converter(field)("NO_SUCH_STATE")


async def test_rows_equal_the_orms_values(db) -> None:
    wo = await wf.workflow_office()
    request = await service.submit(
        actor=await wo.staff(), kind=RequestKind.ROTATION, details=wf.rotation(wo.vacancy)
    )
    rows = await READ.rows([request.id])
    orm = await CareerRequest.filter(id=request.id).values(
        "id", "state", "updated_at", "submitted_at"
    )
    assert rows == orm
    assert isinstance(rows[0]["state"], RequestState)
    assert rows[0]["updated_at"].tzinfo is not None
