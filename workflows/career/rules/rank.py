"""Rules of a regular rank promotion (kenaikan pangkat reguler)."""

from __future__ import annotations

from portal.settings import RuleSettings
from portal.vocabulary import EDUCATION_RANK_CAP, EmployeeType
from workflows.career.rules import regulations as reg
from workflows.career.rules.checks import Check, check
from workflows.career.rules.facts import Facts, years_between


def pns_rank_ladder(f: Facts, s: RuleSettings) -> Check:
    # UU 20/2023: PPPK have no golongan/ruang ladder; a CPNS first becomes PNS.
    kind = f.person.employee_type
    variant = {EmployeeType.PPPK: "pppk", EmployeeType.CPNS: "cpns"}.get(kind, "")
    return check("EMPLOYEE_TYPE", kind == EmployeeType.PNS, reg.RANK_LADDER, variant=variant)


def years_in_rank(f: Facts, s: RuleSettings) -> Check | None:
    # PP 99/2000 jo PP 12/2002 Pasal 7: a regular promotion after 4 years in the rank; a
    # functional officer follows the credit-point path instead (``functional.years_in_rank``).
    if f.functional_level is not None:
        return None
    need = float(s.promotion_min_years_in_rank)
    since = f.person.rank_since
    years = years_between(since, f.today) if since is not None else 0.0
    ok = f.person.rank is not None and years >= need
    return check("YEARS_IN_RANK", ok, reg.RANK_YEARS, years=years, need=need)


def education_cap(f: Facts, s: RuleSettings) -> Check:
    # PP 99/2000 jo PP 12/2002 Pasal 18: the highest rank a regular promotion reaches for the
    # education level (SD II/a ... S1/D-IV III/d, S2 IV/a, S3 IV/b).
    cap = EDUCATION_RANK_CAP[f.person.education]
    rank = f.person.rank
    ok = rank is not None and rank < cap
    return check(
        "EDUCATION_CAP", ok, reg.EDUCATION_CAP,
        education=f.person.education, cap=cap, rank=rank,
    )  # fmt: skip
