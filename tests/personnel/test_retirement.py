"""Batas usia pensiun by position kind (PP 11/2017 Pasal 239 jo PP 17/2020), as a table."""

from __future__ import annotations

from datetime import date

import pytest

from portal.vocabulary import PositionKind
from workflows.personnel.retirement import retirement_age, retirement_date

K = PositionKind


@pytest.mark.parametrize(
    ("kind", "level", "age"),
    [
        (K.JPT_PRATAMA, None, 60),
        (K.ADMINISTRATOR, None, 58),
        (K.PENGAWAS, None, 58),
        (K.PELAKSANA, None, 58),
        (K.FUNGSIONAL, "Ahli Pertama", 58),
        (K.FUNGSIONAL, "Ahli Muda", 58),
        (K.FUNGSIONAL, "ahli_madya", 60),
        (K.FUNGSIONAL, "Ahli Utama", 65),
        (K.FUNGSIONAL, "Terampil", 58),
        (None, None, 58),
    ],
)
def test_retirement_age_by_position(kind: PositionKind | None, level: str | None, age: int) -> None:
    assert retirement_age(kind, level) == age


@pytest.mark.parametrize(
    ("birth", "age", "on"),
    [
        (date(1968, 5, 17), 58, date(2026, 6, 1)),
        (date(1968, 12, 3), 58, date(2027, 1, 1)),
        (date(1966, 1, 1), 60, date(2026, 2, 1)),
    ],
)
def test_retirement_takes_effect_the_month_after_the_birthday(
    birth: date, age: int, on: date
) -> None:
    assert retirement_date(birth, age) == on
