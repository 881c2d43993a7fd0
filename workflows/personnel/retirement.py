"""Batas usia pensiun (BUP) by position kind, and the date a retirement takes effect.

UU 20/2023 and PP 11/2017 Pasal 239 jo PP 17/2020: 58 years for administrator, pengawas and
pelaksana and for functional ahli pertama, ahli muda and keterampilan positions; 60 for JPT and
functional ahli madya; 65 for functional ahli utama. Retirement takes effect on the first day of
the month after the birthday.
"""

from __future__ import annotations

from datetime import date

from portal.vocabulary import PositionKind

DEFAULT_AGE = 58
_BY_KIND = {
    PositionKind.JPT_UTAMA: 60,
    PositionKind.JPT_MADYA: 60,
    PositionKind.JPT_PRATAMA: 60,
    PositionKind.ADMINISTRATOR: 58,
    PositionKind.PENGAWAS: 58,
    PositionKind.PELAKSANA: 58,
}
# Functional levels by name (the demo and SIASN write them in words, any case).
_FUNCTIONAL = {"ahli utama": 65, "ahli madya": 60}


def retirement_age(kind: PositionKind | None, functional_level: str | None = None) -> int:
    """The BUP of a position; without a position, that of a pelaksana."""
    if kind is None:
        return DEFAULT_AGE
    if kind == PositionKind.FUNGSIONAL:
        level = " ".join((functional_level or "").lower().replace("_", " ").split())
        return _FUNCTIONAL.get(level, DEFAULT_AGE)
    return _BY_KIND[kind]


def retirement_date(birth_date: date, age: int) -> date:
    """The first day of the month after the birthday on which ``age`` is reached."""
    year = birth_date.year + age
    if birth_date.month == 12:
        return date(year + 1, 1, 1)
    return date(year, birth_date.month + 1, 1)
