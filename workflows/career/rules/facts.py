"""The facts the rules decide on, gathered once per request by ``workflows.career.eligibility``.

Plain frozen data, no ORM: the rules are pure functions of :class:`Facts` and the settings.
A fact the record does not hold yet is one field here and one line in the loader.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from portal.vocabulary import (
    ChangeKind,
    Education,
    EmployeeStatus,
    EmployeeType,
    PenaltyLevel,
    Predikat,
    Rank,
)
from workflows.career.details import RequestDetails
from workflows.merit.scoring import JobPersonMatch


@dataclass(frozen=True)
class Person:
    """The applicant as the rules see them."""

    birth_date: date
    employee_type: EmployeeType
    # Service counts from the PNS appointment (TMT PNS, SE MenPANRB 4/2013); the loader passes
    # the CPNS appointment only for old rows without it.
    service_since: date
    education: Education
    status: EmployeeStatus
    rank: Rank | None
    rank_since: date | None
    position_id: int | None
    position_since: date | None


@dataclass(frozen=True)
class Target:
    """The position asked for, and how many other people hold it now."""

    id: int
    title: str
    min_education: Education
    min_rank: Rank
    min_years_experience: int
    capacity: int
    holders: int  # not retired, the applicant not counted; approved moves not yet in effect count
    closed: bool = False  # the position is closed (it keeps its history, takes no new holder)


@dataclass(frozen=True)
class Penalty:
    """A disciplinary penalty in force on the day of the check (PP 94/2021)."""

    level: PenaltyLevel
    starts_on: date
    ends_on: date | None


@dataclass(frozen=True)
class Facts:
    """Everything one request's rules need; loaded once, then decided without the database."""

    today: date
    person: Person
    details: RequestDetails
    open_request: bool = False
    # Changes approved but not yet in effect (waiting for their TMT): kind -> the earliest date.
    scheduled: Mapping[ChangeKind, date] = field(default_factory=dict)
    target: Target | None = None
    match: JobPersonMatch | None = None
    # Annual predikat of each of the last completed years, newest first (None when missing).
    predikats: Mapping[int, Predikat | None] = field(default_factory=dict)
    penalties: tuple[Penalty, ...] = ()
    budget_left: Decimal | None = None
    # The first day of retirement (BUP of the current position); None when unknown.
    retires_on: date | None = None
    # A functional officer's level (e.g. "ahli muda") and credit points earned in the rank.
    functional_level: str | None = None
    credit_points: Decimal = Decimal(0)


def years_between(start: date, end: date) -> float:
    return (end - start).days / 365.2425
