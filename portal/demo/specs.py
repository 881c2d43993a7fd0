"""Plain data the demo generator produces and the loader writes (no ORM here).

Rows refer to each other by natural keys (unit and position codes, competency codes, NIPs), so the
same seed gives equal plans that can be compared directly.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from portal.vocabulary import (
    CompetencyCategory,
    Education,
    EmployeeType,
    Gender,
    OrgUnitKind,
    PenaltyLevel,
    PositionKind,
    Rank,
    Rating,
    Role,
)


@dataclass(frozen=True)
class LevelSpec:
    """One of the five levels of a competency (PermenPANRB 38/2017)."""

    level: int
    description: str
    indicators: tuple[str, ...]


@dataclass(frozen=True)
class CompetencySpec:
    code: str
    name: str
    name_en: str
    category: CompetencyCategory
    description: str
    levels: tuple[LevelSpec, ...]


@dataclass(frozen=True)
class UnitSpec:
    code: str
    name: str
    kind: OrgUnitKind
    parent_code: str | None


@dataclass(frozen=True)
class PositionSpec:
    code: str
    title: str
    kind: PositionKind
    functional_level: str | None
    position_class: int
    unit_code: str
    parent_code: str | None
    min_education: Education
    min_rank: Rank
    min_years_experience: int
    capacity: int
    # Competency code -> required level (standar kompetensi jabatan).
    standard: tuple[tuple[str, int], ...]
    # Sector of the position, used for education majors and degrees.
    sector: str


@dataclass(frozen=True)
class RankStep:
    rank: Rank
    since: date
    until: date | None
    decree_number: str


@dataclass(frozen=True)
class PostingSpec:
    position_code: str
    unit_code: str
    since: date
    until: date | None
    decree_number: str


@dataclass(frozen=True)
class AssessmentSpec:
    competency_code: str
    level: int
    method: str
    assessed_on: date
    assessor: str


@dataclass(frozen=True)
class EvaluationSpec:
    year: int
    work_result: Rating
    behaviour: Rating
    evaluator_nip: str | None


@dataclass(frozen=True)
class PenaltySpec:
    level: PenaltyLevel
    starts_on: date
    ends_on: date | None
    decree_number: str
    description: str


@dataclass(frozen=True)
class EmployeeSpec:
    nip: str
    name: str
    gender: Gender
    birth_date: date
    appointment_date: date
    employee_type: EmployeeType
    education: Education
    education_major: str
    rank: Rank | None
    rank_since: date | None
    position_code: str
    position_since: date
    unit_code: str
    email: str
    rank_history: tuple[RankStep, ...] = ()
    postings: tuple[PostingSpec, ...] = ()
    assessments: tuple[AssessmentSpec, ...] = ()
    evaluations: tuple[EvaluationSpec, ...] = ()
    penalties: tuple[PenaltySpec, ...] = ()


@dataclass(frozen=True)
class TalentSpec:
    nip: str
    year: int
    performance_level: int
    potential_level: int
    box: int


@dataclass(frozen=True)
class ProgramSpec:
    code: str
    title: str
    competency_code: str
    target_level: int
    provider: str
    hours: int
    cost: Decimal
    seats: int
    year: int


@dataclass(frozen=True)
class NominationSpec:
    program_code: str
    nip: str
    year: int
    cost: Decimal
    status: str


@dataclass(frozen=True)
class BudgetSpec:
    year: int
    ceiling: Decimal
    committed: Decimal
    spent: Decimal


@dataclass(frozen=True)
class AccountSpec:
    """A demo login; ``nip`` links it to an employee record."""

    username: str
    roles: tuple[Role, ...]
    nip: str | None
    what_to_try: str


@dataclass(frozen=True)
class AgencyPlan:
    """Everything one demo agency holds, in insertion order."""

    code: str
    name: str
    competencies: tuple[CompetencySpec, ...]
    units: tuple[UnitSpec, ...]
    positions: tuple[PositionSpec, ...]
    employees: tuple[EmployeeSpec, ...]
    talents: tuple[TalentSpec, ...]
    programs: tuple[ProgramSpec, ...]
    nominations: tuple[NominationSpec, ...]
    budgets: tuple[BudgetSpec, ...]
    accounts: tuple[AccountSpec, ...]
    # Positions kept vacant on purpose (e.g. the pegawai's rotation target).
    vacancies: tuple[str, ...] = field(default=())
