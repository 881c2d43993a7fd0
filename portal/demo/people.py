"""One demo employee with a career that fits their position: ranks, postings, assessments."""

from __future__ import annotations

import random
from dataclasses import dataclass, field
from datetime import date, timedelta

from portal.demo.grades import grade_of
from portal.demo.names import degree, full_name, person_name
from portal.demo.specs import AssessmentSpec, EmployeeSpec, PositionSpec, PostingSpec, RankStep
from portal.vocabulary import (
    EDUCATION_RANK_CAP,
    Education,
    EmployeeType,
    Gender,
    PositionKind,
    Rank,
)
from workflows.nip import make_nip
from workflows.personnel.retirement import retirement_age, retirement_date

# PP 99/2000: the first rank of a new appointee by education.
START_RANK: dict[Education, Rank] = {
    Education.SLTA: Rank.II_A,
    Education.D3: Rank.II_C,
    Education.S1: Rank.III_A,
    Education.D4: Rank.III_A,
    Education.S2: Rank.III_B,
    Education.S3: Rank.III_C,
}
# Typical age at CPNS appointment by education: (youngest, oldest).
APPOINTMENT_AGE: dict[Education, tuple[int, int]] = {
    Education.SLTA: (19, 25),
    Education.D3: (22, 28),
    Education.S1: (23, 30),
    Education.D4: (23, 30),
    Education.S2: (26, 33),
    Education.S3: (30, 35),
}
ASSESSORS = (
    "UPT Penilaian Kompetensi BKPSDM",
    "Assessment Center BKN Kantor Regional III",
    "Assessment Center BPSDM Provinsi Banten",
)
_FEMALE_TITLES = ("Bidan",)
_MOSTLY_FEMALE_TITLES = ("Perawat", "Guru", "Nutrisionis", "Apoteker")


def years_before(day: date, years: float) -> date:
    return day - timedelta(days=round(365.25 * years))


def rank_tmt(day: date) -> date:
    """The latest rank effective date (1 April or 1 October) on or before ``day``."""
    if day.month >= 10:
        return date(day.year, 10, 1)
    if day.month >= 4:
        return date(day.year, 4, 1)
    return date(day.year - 1, 10, 1)


@dataclass
class Numbering:
    """Unique NIP sequences and e-mail addresses within one plan."""

    agency_index: int
    domain: str
    _counts: dict[str, int] = field(default_factory=dict)
    _emails: set[str] = field(default_factory=set)
    _decrees: int = 0

    def nip(self, birth: date, appointed: date, gender: Gender) -> str:
        prefix = f"{birth:%Y%m%d}{appointed:%Y%m}{gender.value}"
        count = self._counts.get(prefix, 0)
        self._counts[prefix] = count + 1
        # Two agencies share the NIP space: odd sequences for the first, even for the second.
        sequence = 2 * count + 1 + self.agency_index
        return make_nip(
            birth_date=birth, appointment_date=appointed, gender=gender, sequence=sequence
        )

    def email(self, name: str) -> str:
        base = ".".join(name.lower().split()[:2])
        candidate, n = base, 1
        while candidate in self._emails:
            n += 1
            candidate = f"{base}{n}"
        self._emails.add(candidate)
        return f"{candidate}@{self.domain}"

    def decree(self, kind: str, year: int) -> str:
        """An SK number: 823.3 rank, 821.2 posting (klasifikasi arsip kepegawaian)."""
        self._decrees += 1
        return f"{kind}/{self._decrees:04d}/BKPSDM/{year}"


def _gender(rng: random.Random, title: str) -> Gender:
    if any(t in title for t in _FEMALE_TITLES):
        return Gender.FEMALE
    female_share = 0.75 if any(t in title for t in _MOSTLY_FEMALE_TITLES) else 0.45
    return Gender.FEMALE if rng.random() < female_share else Gender.MALE


def _education(rng: random.Random, position: PositionSpec) -> Education:
    base = position.min_education
    higher = {PositionKind.JPT_PRATAMA: 0.75, PositionKind.ADMINISTRATOR: 0.45}
    if base == Education.S1 and rng.random() < higher.get(position.kind, 0.08):
        return Education.S2
    if base == Education.SLTA and rng.random() < 0.15:
        return Education.D3
    return base


def _rank(rng: random.Random, position: PositionSpec, education: Education) -> Rank:
    grade = grade_of(position.kind, position.functional_level or _tier(position))
    rank = Rank(min(Rank.IV_E, position.min_rank + rng.randint(0, grade.rank_span)))
    if not position.kind.managerial:
        # PP 99/2000: regular promotion stops at the education cap (managers get pilihan).
        rank = min(rank, EDUCATION_RANK_CAP[education])
    return max(rank, START_RANK[education])


def _tier(position: PositionSpec) -> str | None:
    if position.kind != PositionKind.PELAKSANA:
        return None
    return {Education.S1: "S1", Education.D3: "D3"}.get(position.min_education, "SLTA")


@dataclass(frozen=True)
class Career:
    """The dates that define one employee's career, chosen before the rows are made."""

    gender: Gender
    education: Education
    employee_type: EmployeeType
    birth: date
    appointed: date
    rank: Rank | None
    rank_dates: tuple[date, ...]  # since-dates of each rank step, last = current rank
    position_since: date
    previous_position: PositionSpec | None


def pns_date(employee_type: EmployeeType, appointed: date) -> date | None:
    """TMT PNS of a demo PNS: after the one-year CPNS probation (PP 11/2017 Pasal 34)."""
    if employee_type != EmployeeType.PNS:
        return None
    return appointed.replace(year=appointed.year + 1)


def _before_retirement(birth: date, appointed: date, position: PositionSpec, *, ref: date) -> date:
    """Nobody in the demo is active past their BUP: move a birth date that is too early."""
    bup = retirement_age(position.kind, position.functional_level)
    if retirement_date(birth, bup) > ref:
        return birth
    # Born so as to retire between one and three years from ``ref`` (still after the age of 18
    # at appointment, which the NIP's two dates must show).
    latest = date(appointed.year - 18, birth.month, birth.day)
    moved = date(ref.year - bup + 1 + (birth.day % 3), birth.month, birth.day)
    return min(moved, latest)


def random_career(
    rng: random.Random, position: PositionSpec, *, ref: date, earlier: list[PositionSpec]
) -> Career:
    """A plausible career for a holder of ``position`` as of ``ref`` (1 January)."""
    gender = _gender(rng, position.title)
    education = _education(rng, position)
    kind = position.kind
    roll = rng.random()
    pppk_ok = kind == PositionKind.FUNGSIONAL and any(
        t in position.title for t in ("Guru", "Perawat", "Bidan")
    )
    if pppk_ok and roll < 0.25:
        employee_type = EmployeeType.PPPK
    elif not kind.managerial and position.min_rank <= Rank.III_A and roll > 0.95:
        employee_type = EmployeeType.CPNS
    else:
        employee_type = EmployeeType.PNS
    start = START_RANK[education]
    if employee_type == EmployeeType.PNS:
        held = _rank(rng, position, education)
        rank: Rank | None = held
        current_since = rank_tmt(years_before(ref, rng.uniform(0.3, 5.5)))
        steps = max(0, held - start)
        dates = [current_since]
        for _ in range(steps):
            dates.insert(0, rank_tmt(years_before(dates[0], rng.uniform(4.0, 5.5))))
        appointed = dates[0].replace(month=rng.choice((1, 3)), day=1)
        if appointed > dates[0]:
            appointed = appointed.replace(year=appointed.year - 1)
        dates[0] = appointed
    else:
        appointed = years_before(ref, rng.uniform(0.3, 0.9) if roll > 0.95 else 3.0).replace(day=1)
        rank = start if employee_type == EmployeeType.CPNS else None
        dates = [appointed] if rank else []
    low, high = APPOINTMENT_AGE[education]
    age = rng.randint(low, high)
    birth = date(appointed.year - age, rng.randint(1, 12), rng.randint(1, 28))
    birth = _before_retirement(birth, appointed, position, ref=ref)
    service_years = (ref - appointed).days / 365.25
    in_post = rng.uniform(0.3, min(7.0, max(0.3, service_years)))
    position_since = max(appointed, years_before(ref, in_post).replace(day=1))
    previous = None
    if (position_since - appointed).days > 2 * 365 and earlier:
        previous = rng.choice(earlier)
    return Career(
        gender, education, employee_type, birth, appointed, rank, tuple(dates), position_since,
        previous,
    )  # fmt: skip


def employee_from_career(
    rng: random.Random,
    position: PositionSpec,
    career: Career,
    numbering: Numbering,
    *,
    ref: date,
    assessed: dict[str, int],
) -> EmployeeSpec:
    """The employee record, histories and assessments of one career."""
    name = person_name(rng, career.gender)
    abbr, major = degree(position.sector, position.title, career.education)
    nip = numbering.nip(career.birth, career.appointed, career.gender)
    top = career.rank  # None only for PPPK, who have no rank dates either
    steps = tuple(
        RankStep(
            rank=Rank(top - (len(career.rank_dates) - 1 - i)),
            since=since,
            until=(career.rank_dates[i + 1] - timedelta(days=1))
            if i + 1 < len(career.rank_dates)
            else None,
            decree_number=numbering.decree("823.3", since.year),
        )
        for i, since in enumerate(career.rank_dates)
        if top is not None
    )
    postings: list[PostingSpec] = []
    if career.previous_position is not None:
        prev = career.previous_position
        postings.append(
            PostingSpec(
                prev.code,
                prev.unit_code,
                career.appointed,
                career.position_since - timedelta(days=1),
                numbering.decree("821.2", career.appointed.year),
            )
        )
    postings.append(
        PostingSpec(
            position.code,
            position.unit_code,
            career.position_since,
            None,
            numbering.decree("821.2", career.position_since.year),
        )
    )
    assessments = tuple(
        AssessmentSpec(
            competency_code=code,
            level=level,
            method=_method(code, position),
            assessed_on=date(ref.year - rng.randint(1, 2), rng.randint(2, 11), rng.randint(1, 28)),
            assessor=rng.choice(ASSESSORS),
        )
        for code, level in assessed.items()
    )
    return EmployeeSpec(
        nip=nip,
        name=full_name(name, abbr),
        gender=career.gender,
        birth_date=career.birth,
        appointment_date=career.appointed,
        employee_type=career.employee_type,
        education=career.education,
        education_major=major,
        rank=career.rank,
        rank_since=career.rank_dates[-1] if career.rank_dates else None,
        position_code=position.code,
        position_since=career.position_since,
        unit_code=position.unit_code,
        email=numbering.email(name),
        rank_history=steps,
        postings=tuple(postings),
        assessments=assessments,
    )


def _method(code: str, position: PositionSpec) -> str:
    if code.startswith("T."):
        return "Uji Kompetensi Teknis"
    return "Assessment Center" if position.kind.managerial else "Uji Kompetensi"


def assessed_levels(rng: random.Random, position: PositionSpec) -> dict[str, int]:
    """Assessed level per competency of the position's standard, around the required level."""
    deltas = (-2, -1, -1, 0, 0, 0, 0, 1, 1)
    return {
        code: max(1, min(5, required + rng.choice(deltas))) for code, required in position.standard
    }
