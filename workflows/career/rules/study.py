"""Rules of tugas belajar (SE MenPANRB 4/2013 as summarised by BKN)."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from portal.settings import RuleSettings
from portal.vocabulary import EmployeeType
from workflows.career.details import Accreditation, FurtherStudyDetails
from workflows.career.rules import regulations as reg
from workflows.career.rules.checks import Check, check
from workflows.career.rules.common import performance
from workflows.career.rules.facts import Facts, years_between


def _study(f: Facts) -> FurtherStudyDetails:
    if not isinstance(f.details, FurtherStudyDetails):
        raise ValueError("this rule needs further-study details")
    return f.details


def pns_only(f: Facts, s: RuleSettings) -> Check:
    # Tugas belajar is for PNS: not a CPNS, not a PPPK.
    kind = f.person.employee_type
    return check("EMPLOYEE_TYPE", kind == EmployeeType.PNS, reg.STUDY, variant="study", type=kind)


def service_years(f: Facts, s: RuleSettings) -> Check:
    # At least 1 year of service (some cities: 2) at the start of study.
    need = float(s.study_min_service_years)
    years = years_between(f.person.service_since, _study(f).start_date)
    return check("SERVICE_YEARS", years >= need, reg.STUDY, years=years, need=need)


def age_limit(f: Facts, s: RuleSettings) -> Check:
    study = _study(f)
    age = int(years_between(f.person.birth_date, study.start_date))
    most = s.study_max_age.get(study.level.value, 0)
    return check("AGE_LIMIT", age <= most, reg.STUDY, age=age, most=most, level=study.level)


def higher_level(f: Facts, s: RuleSettings) -> Check:
    study = _study(f)
    ok = study.level.education.order > f.person.education.order
    return check("HIGHER_LEVEL", ok, reg.STUDY, level=study.level, has=f.person.education)


def last_year_performance(f: Facts, s: RuleSettings) -> Check | None:
    # Predikat at least Baik in the last year (unverified source: a setting, on by default).
    return performance(f, s, 1) if s.study_requires_good_predikat else None


def start_in_future(f: Facts, s: RuleSettings) -> Check:
    start = _study(f).start_date
    return check("START_IN_FUTURE", start > f.today, reg.STUDY, start=start)


def accreditation(f: Facts, s: RuleSettings) -> Check:
    # Programme accreditation at least B (Baik Sekali / Unggul on the new scale).
    study = _study(f)
    least = Accreditation(s.study_min_accreditation)
    ok = study.accreditation.order >= least.order
    return check("ACCREDITATION", ok, reg.STUDY, has=study.accreditation, least=least)


def max_duration(f: Facts, s: RuleSettings) -> Check:
    study = _study(f)
    most = s.study_max_months.get(study.level.value, 0)
    months = study.duration_months
    return check(
        "MAX_DURATION", 0 < months <= most, reg.STUDY, months=months, most=most, level=study.level
    )


def budget(f: Facts, s: RuleSettings) -> Check:
    # The start year's budget must cover that year's share of the cost (each year's share is
    # committed to its own year at approval).
    study = _study(f)
    left = f.budget_left
    year = study.start_date.year
    share = cost_by_year(study.start_date, study.duration_months, study.estimated_cost)[year]
    ok = left is not None and left >= share
    variant = "none" if left is None else ""
    return check(
        "BUDGET", ok, reg.BUDGET, variant=variant, year=year, left=left, cost=share,
    )  # fmt: skip


def cost_by_year(start: date, months: int, cost: Decimal) -> dict[int, Decimal]:
    """The cost split over the budget years the study's months fall in (whole rupiah cents).

    A study from August 2025 for 24 months: 5/24 in 2025, 12/24 in 2026, 7/24 in 2027. The
    rounding remainder goes to the last year, so the shares add up to the cost exactly.
    """
    if months <= 0:
        return {start.year: cost}
    counts: dict[int, int] = {}
    for i in range(months):
        year = start.year + (start.month - 1 + i) // 12
        counts[year] = counts.get(year, 0) + 1
    shares = {y: (cost * n / months).quantize(Decimal("0.01")) for y, n in counts.items()}
    last = max(shares)
    shares[last] = cost - sum(v for y, v in shares.items() if y != last)
    return shares
