"""Eligibility rules of career requests, each with the regulation it encodes.

Pure functions over snapshots of the applicant and the target; every number comes from
:class:`portal.settings.RuleSettings` merged with the agency's overrides. Each check gives a
reason in Bahasa Indonesia and in English; the list is stored with the request at submission.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass
from datetime import date
from decimal import Decimal

from portal.settings import RuleSettings
from portal.vocabulary import EDUCATION_RANK_CAP, Education, EmployeeStatus, Predikat, Rank
from workflows.career.details import Accreditation, StudyLevel
from workflows.merit.scoring import JobPersonMatch, MatchCategory


@dataclass(frozen=True)
class Check:
    code: str
    passed: bool
    reason_id: str
    reason_en: str
    reference: str

    def as_dict(self) -> dict[str, object]:
        return asdict(self)


@dataclass(frozen=True)
class Person:
    """The applicant as the rules see them."""

    birth_date: date
    appointment_date: date
    education: Education
    status: str
    rank: Rank | None
    rank_since: date | None
    position_id: int | None
    position_since: date | None


@dataclass(frozen=True)
class Target:
    """The position asked for, with how many people hold it now."""

    id: int
    title: str
    min_education: Education
    min_rank: Rank
    min_years_experience: int
    capacity: int
    holders: int


@dataclass(frozen=True)
class Study:
    level: StudyLevel
    accreditation: Accreditation
    start_date: date
    duration_months: int
    estimated_cost: Decimal


def years_between(start: date, end: date) -> float:
    return (end - start).days / 365.2425


def _check(code: str, passed: bool, reason_id: str, reason_en: str, reference: str) -> Check:
    return Check(code, passed, reason_id, reason_en, reference)


def active_status(person: Person) -> Check:
    ok = person.status == EmployeeStatus.ACTIVE
    return _check(
        "EMPLOYEE_ACTIVE",
        ok,
        "Pegawai berstatus aktif" if ok else f"Status pegawai {person.status}, bukan aktif",
        "The employee is active" if ok else f"The employee's status is {person.status}",
        "PP 11/2017 Pasal 2",
    )


def no_open_request(has_open: bool) -> Check:
    return _check(
        "NO_OPEN_REQUEST",
        not has_open,
        "Tidak ada usulan sejenis yang masih diproses"
        if not has_open
        else "Masih ada usulan sejenis yang sedang diproses",
        "No request of this kind is in progress"
        if not has_open
        else "A request of this kind is still in progress",
        "Jenjang: satu usulan per jenis",
    )


def target_vacant(person: Person, target: Target) -> list[Check]:
    different = person.position_id != target.id
    vacant = target.holders < target.capacity
    return [
        _check(
            "TARGET_DIFFERENT",
            different,
            "Jabatan tujuan berbeda dari jabatan sekarang"
            if different
            else "Jabatan tujuan sama dengan jabatan sekarang",
            "The target differs from the current position"
            if different
            else "The target is the current position",
            "PP 11/2017 Pasal 190",
        ),
        # PP 11/2017 Pasal 190 ayat (2): mutasi to a vacant position (formasi) of the agency.
        _check(
            "TARGET_VACANT",
            vacant,
            f"Formasi {target.title} lowong ({target.holders}/{target.capacity} terisi)"
            if vacant
            else f"Formasi {target.title} sudah penuh ({target.holders}/{target.capacity})",
            f"{target.title} is vacant ({target.holders}/{target.capacity} filled)"
            if vacant
            else f"{target.title} is full ({target.holders}/{target.capacity})",
            "PP 11/2017 Pasal 190",
        ),
    ]


def years_in_posting(person: Person, rules: RuleSettings, today: date) -> Check:
    # PP 11/2017 Pasal 190 ayat (3): at least 2 and at most 5 years in the current posting.
    lo, hi = rules.rotation_min_years, rules.rotation_max_years
    if person.position_since is None:
        return _check(
            "YEARS_IN_POSTING",
            False,
            "Belum memiliki jabatan",
            "Holds no position",
            "PP 11/2017 Pasal 190",
        )
    years = years_between(person.position_since, today)
    ok = lo <= years <= hi
    return _check(
        "YEARS_IN_POSTING",
        ok,
        f"{years:.1f} tahun pada jabatan sekarang (syarat {lo:g}-{hi:g} tahun)",
        f"{years:.1f} years in the current posting (required {lo:g}-{hi:g})",
        "PP 11/2017 Pasal 190",
    )


def competency_match(match: JobPersonMatch, *, code: str = "JOB_PERSON_MATCH") -> Check:
    # PermenPANRB 38/2017: >= 68 % of the standard still meets it.
    ok = match.category != MatchCategory.BELOW
    pct = f"{match.ratio * 100:.0f}%"
    return _check(
        code,
        ok,
        f"Job-person match {pct} ({match.category.value})",
        f"Job-person match {pct} ({match.category.value})",
        "PermenPANRB 38/2017",
    )


def years_in_rank(person: Person, rules: RuleSettings, today: date) -> Check:
    # PP 99/2000 jo PP 12/2002 Pasal 7: regular promotion after 4 years in rank.
    need = rules.promotion_min_years_in_rank
    years = years_between(person.rank_since, today) if person.rank_since else 0.0
    ok = person.rank is not None and years >= need
    return _check(
        "YEARS_IN_RANK",
        ok,
        f"{years:.1f} tahun dalam pangkat sekarang (syarat {need:g})",
        f"{years:.1f} years in the current rank (required {need:g})",
        "PP 99/2000 jo PP 12/2002 Pasal 7",
    )


def good_performance(predikats: dict[int, Predikat | None], rules: RuleSettings) -> Check:
    # PP 99/2000 jo PermenPANRB 6/2022: predikat at least Baik in each of the last N years.
    bad = {y: p for y, p in sorted(predikats.items()) if p is None or p.order < Predikat.BAIK.order}
    shown = ", ".join(f"{y}: {p.value if p else '-'}" for y, p in sorted(predikats.items()))
    n = rules.promotion_good_years
    return _check(
        "PERFORMANCE",
        not bad,
        f"Predikat kinerja {n} tahun terakhir minimal Baik ({shown})",
        f"Performance at least Baik in each of the last {n} years ({shown})",
        "PP 99/2000 Pasal 7 jo PermenPANRB 6/2022",
    )


def education_cap(person: Person) -> Check:
    # PP 99/2000 jo PP 12/2002: the highest rank reachable for the education level.
    cap = EDUCATION_RANK_CAP[person.education]
    ok = person.rank is not None and person.rank < cap
    return _check(
        "EDUCATION_CAP",
        ok,
        f"Pangkat tertinggi untuk pendidikan {person.education.value} adalah {cap.code}",
        f"The highest rank for education {person.education.value} is {cap.code}",
        "PP 99/2000 jo PP 12/2002 Pasal 18",
    )


def position_requirements(person: Person, target: Target, today: date) -> list[Check]:
    # PP 11/2017 jo PP 17/2020 Pasal 54-56: minimum education, rank and experience of a position.
    edu_ok = person.education.order >= target.min_education.order
    rank_ok = person.rank is not None and person.rank >= target.min_rank
    years = years_between(person.appointment_date, today)
    years_ok = years >= target.min_years_experience
    ref = "PP 11/2017 jo PP 17/2020 Pasal 54"
    return [
        _check(
            "MIN_EDUCATION",
            edu_ok,
            f"Pendidikan minimal {target.min_education.value} (dimiliki {person.education.value})",
            f"Minimum education {target.min_education.value} (has {person.education.value})",
            ref,
        ),
        _check(
            "MIN_RANK",
            rank_ok,
            f"Pangkat minimal {target.min_rank.code}",
            f"Minimum rank {target.min_rank.code}",
            ref,
        ),
        _check(
            "MIN_YEARS",
            years_ok,
            f"Masa kerja {years:.1f} tahun (syarat {target.min_years_experience})",
            f"{years:.1f} years of service (required {target.min_years_experience})",
            ref,
        ),
    ]


def study_checks(
    person: Person, study: Study, *, penalty: bool, budget_left: Decimal | None, rules: RuleSettings
) -> list[Check]:
    """Tugas belajar (SE MenPANRB 4/2013 as summarised by BKN)."""
    ref = "SE MenPANRB 4/2013"
    service = years_between(person.appointment_date, study.start_date)
    age = years_between(person.birth_date, study.start_date)
    max_age = rules.study_max_age.get(study.level, 0)
    max_months = rules.study_max_months.get(study.level, 0)
    level_order = study.level.education.order
    accreditation = study.accreditation.order
    min_name = rules.study_min_accreditation
    min_accreditation = Accreditation(min_name).order
    need = rules.study_min_service_years
    enough = budget_left is not None and budget_left >= study.estimated_cost
    left = "-" if budget_left is None else f"{budget_left:,.2f}"
    return [
        _check(
            "SERVICE_YEARS",
            service >= need,
            f"Masa kerja {service:.1f} tahun (syarat {need:g})",
            f"{service:.1f} years of service (required {need:g})",
            ref,
        ),
        _check(
            "AGE_LIMIT",
            int(age) <= max_age,
            f"Usia {int(age)} tahun saat mulai (maksimal {max_age} untuk {study.level})",
            f"Age {int(age)} at the start (at most {max_age} for {study.level})",
            ref,
        ),
        _check(
            "HIGHER_LEVEL",
            level_order > person.education.order,
            f"Jenjang {study.level} lebih tinggi dari pendidikan {person.education.value}",
            f"{study.level} is above the current education {person.education.value}",
            ref,
        ),
        # PP 94/2021: a moderate or severe penalty bars tugas belajar while it lasts.
        _check(
            "NO_PENALTY",
            not penalty,
            "Tidak sedang menjalani hukuman disiplin sedang/berat"
            if not penalty
            else "Sedang menjalani hukuman disiplin sedang/berat",
            "No active moderate or severe disciplinary penalty"
            if not penalty
            else "An active moderate or severe disciplinary penalty",
            "PP 94/2021; " + ref,
        ),
        _check(
            "ACCREDITATION",
            accreditation >= min_accreditation,
            f"Akreditasi program studi {study.accreditation} (minimal {min_name})",
            f"Programme accreditation {study.accreditation} (at least {min_name})",
            ref,
        ),
        _check(
            "MAX_DURATION",
            0 < study.duration_months <= max_months,
            f"Lama studi {study.duration_months} bulan (maksimal {max_months})",
            f"Duration {study.duration_months} months (at most {max_months})",
            ref,
        ),
        _check(
            "BUDGET",
            enough,
            f"Sisa anggaran {study.start_date.year}: {left}; biaya {study.estimated_cost:,.2f}",
            f"Budget left for {study.start_date.year}: {left}; cost {study.estimated_cost:,.2f}",
            "PP 11/2017 Pasal 203",
        ),
    ]
