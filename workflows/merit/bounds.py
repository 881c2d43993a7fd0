"""Ranges of the numbers merit services accept, checked before anything touches the database.

A year or an hour count beyond its column (SMALLINT, DECIMAL(14,2)) must be refused as bad
input naming the field, not fail inside PostgreSQL; the ranges are what the domain allows,
well inside the columns.
"""

from __future__ import annotations

from decimal import Decimal, InvalidOperation

from workflows.messages import invalid

YEARS = range(2000, 2101)  # merit data of this system: plans, budgets, evaluations, grids
LEVELS = range(1, 6)  # PermenPANRB 38/2017: five competency levels
MAX_HOURS = 1000  # jam pelajaran (JP) of one programme or plan item
MAX_SEATS = 10_000  # participants of one programme
MAX_LIMIT = 500  # rows of one ranking
MAX_ID = 2**31 - 1  # primary keys are 32-bit integers
COST_DIGITS = 14  # DecimalField(max_digits=14, decimal_places=2): programme and item costs
BUDGET_DIGITS = 16  # DecimalField(max_digits=16, decimal_places=2): budget amounts
_CENT = Decimal("0.01")


def check_year(year: int | None, *, field: str = "year") -> None:
    """A year between 2000 and 2100 (None passes: the caller defaults it)."""
    if year is not None and year not in YEARS:
        first, last = YEARS.start, YEARS.stop - 1
        raise invalid("errors.input.year", field=field, first=first, last=last, value=year)


def check_level(level: int | None, *, field: str = "level") -> None:
    """A competency level 1-5 (None passes: optional levels)."""
    if level is not None and level not in LEVELS:
        raise invalid("errors.input.level", field=field, value=level)


def check_count(value: int | None, *, field: str, maximum: int, minimum: int = 1) -> None:
    """A whole number such as hours or seats within ``minimum``..``maximum``."""
    if value is not None and not minimum <= value <= maximum:
        raise invalid(
            "errors.input.range", field=field, minimum=minimum, maximum=maximum, value=value
        )


def check_id(value: int | None, *, field: str) -> None:
    """A database key: positive and within 32 bits."""
    check_count(value, field=field, maximum=MAX_ID)


def check_amount(amount: Decimal, *, field: str, digits: int = COST_DIGITS) -> None:
    """A rupiah amount: finite, not negative, at most two decimals, fitting its column."""
    limit = Decimal(10) ** (digits - 2)
    finite = amount.is_finite()
    try:
        fits = finite and 0 <= amount < limit and amount == amount.quantize(_CENT)
    except InvalidOperation:  # too many digits to quantize: far beyond the limit anyway
        fits = False
    if finite and amount < 0:
        raise invalid("errors.input.negative", field=field)
    if not fits:
        raise invalid("errors.input.amount", field=field, limit=f"{limit:,}".replace(",", "."))
