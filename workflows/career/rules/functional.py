"""Functional positions: the credit-point path of a rank promotion (PermenPANRB 1/2023).

Credit points (angka kredit) come from the annual predikat as a share of the level's yearly
coefficient; a functional officer rises in rank after 2 years in it with the points the rank
requires, not after the 4 years of the regular path. Every number is a setting (unverified).
"""

from __future__ import annotations

from decimal import Decimal

from portal.settings import RuleSettings
from portal.vocabulary import Predikat, Rank
from workflows.career.rules import regulations as reg
from workflows.career.rules.checks import Check, check
from workflows.career.rules.facts import Facts, years_between


def level_key(level: str | None) -> str:
    """A functional level as the settings name it ("Ahli_Muda" -> "ahli muda")."""
    return " ".join((level or "").lower().replace("_", " ").split())


def converted_points(level: str | None, predikat: Predikat | None, s: RuleSettings) -> Decimal:
    """The credit points of one year: the predikat's share of the level's yearly coefficient."""
    if predikat is None:
        return Decimal(0)
    coefficient = s.credit_point_coefficient.get(level_key(level), 0)
    share = s.credit_point_share.get(Predikat(predikat).name, 0)
    return (Decimal(str(coefficient)) * Decimal(str(share))).quantize(Decimal("0.001"))


def is_functional(f: Facts) -> bool:
    return f.functional_level is not None


def years_in_rank(f: Facts, s: RuleSettings) -> Check | None:
    # PermenPANRB 1/2023: 2 years in rank (the 4-year rule is the regular path's).
    if not is_functional(f):
        return None
    need = float(s.functional_min_years_in_rank)
    since = f.person.rank_since
    years = years_between(since, f.today) if since is not None else 0.0
    ok = f.person.rank is not None and years >= need
    return check("YEARS_IN_RANK", ok, reg.FUNCTIONAL, years=years, need=need)


def credit_points(f: Facts, s: RuleSettings) -> Check | None:
    # PermenPANRB 1/2023: the credit points the current rank requires for the next one.
    if not is_functional(f):
        return None
    rank = f.person.rank
    need = s.credit_points_for_rank.get(Rank(rank).code, 0) if rank is not None else 0
    has = f.credit_points
    ok = rank is not None and need > 0 and has >= Decimal(str(need))
    return check(
        "CREDIT_POINTS", ok, reg.FUNCTIONAL,
        has=float(has), need=float(need), level=level_key(f.functional_level),
    )  # fmt: skip
