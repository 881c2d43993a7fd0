"""Rules about the position asked for: rotation (mutasi) and promotion to a position (jabatan)."""

from __future__ import annotations

from datetime import date

from portal.settings import RuleSettings
from workflows.career.rules import regulations as reg
from workflows.career.rules.checks import Check, Regulation, check
from workflows.career.rules.facts import Facts, Person, Target, years_between
from workflows.merit.scoring import MatchCategory


def _target(f: Facts) -> Target:
    if f.target is None:
        raise ValueError("this rule needs the target position among the facts")
    return f.target


def target_different(f: Facts, s: RuleSettings) -> Check:
    # PP 11/2017 Pasal 190: a move is to another position.
    target = _target(f)
    ok = f.person.position_id != target.id
    return check("TARGET_DIFFERENT", ok, reg.ROTATION, title=target.title)


def _vacancy(f: Facts, regulation: Regulation) -> Check:
    target = _target(f)
    vacant = not target.closed and target.holders < target.capacity
    return check(
        "TARGET_VACANT",
        vacant,
        regulation,
        variant="closed" if target.closed else "",
        title=target.title,
        holders=target.holders,
        capacity=target.capacity,
    )


def rotation_vacancy(f: Facts, s: RuleSettings) -> Check:
    # PP 11/2017 Pasal 190: mutasi to a vacant position (formasi) of the agency.
    return _vacancy(f, reg.ROTATION)


def position_vacancy(f: Facts, s: RuleSettings) -> Check:
    # PP 11/2017 jo PP 17/2020: a position is filled only when it is vacant (its own article).
    return _vacancy(f, reg.POSITION_VACANCY)


def years_in_posting(f: Facts, s: RuleSettings) -> Check:
    # PP 11/2017 Pasal 190: refused before 2 years in the posting; after 5 it is due, not barred.
    since = f.person.position_since
    if since is None:
        return check("YEARS_IN_POSTING", False, reg.ROTATION, variant="none")
    years = years_between(since, f.today)
    return check(
        "YEARS_IN_POSTING", years >= s.rotation_min_years, reg.ROTATION,
        years=years, need=float(s.rotation_min_years),
    )  # fmt: skip


def due_for_rotation(person: Person, s: RuleSettings, today: date) -> bool:
    """Whether the employee has been in the posting long enough that a rotation is due.

    PP 11/2017 Pasal 190: a PNS is rotated after at most 5 years (``rotation_max_years``); HR lists
    these people. Being due never bars a request.
    """
    since = person.position_since
    return since is not None and years_between(since, today) >= s.rotation_max_years


def job_person_match(f: Facts, s: RuleSettings) -> Check:
    return _match(f, "JOB_PERSON_MATCH")


def competency_standard(f: Facts, s: RuleSettings) -> Check:
    return _match(f, "COMPETENCY_STANDARD")


def _match(f: Facts, code: str) -> Check:
    # PermenPANRB 38/2017: at least 68 % of the position's standard still meets it.
    if f.match is None:
        raise ValueError("this rule needs the job-person match among the facts")
    ok = f.match.category != MatchCategory.BELOW
    percent = round(f.match.ratio * 100)
    return check(code, ok, reg.COMPETENCY, percent=percent, category=f.match.category)


def min_education(f: Facts, s: RuleSettings) -> Check:
    # PP 11/2017 jo PP 17/2020 Pasal 54: the position's minimum education.
    target = _target(f)
    ok = f.person.education.order >= target.min_education.order
    return check(
        "MIN_EDUCATION", ok, reg.POSITION_REQUIREMENTS,
        need=target.min_education, has=f.person.education,
    )  # fmt: skip


def min_rank(f: Facts, s: RuleSettings) -> Check:
    # PP 11/2017 jo PP 17/2020 Pasal 54: the position's minimum rank.
    target = _target(f)
    rank = f.person.rank
    ok = rank is not None and rank >= target.min_rank
    return check("MIN_RANK", ok, reg.POSITION_REQUIREMENTS, need=target.min_rank, has=rank)


def years_in_lower_position(f: Facts, s: RuleSettings) -> Check:
    # PP 11/2017 jo PP 17/2020 Pasal 54: years in the lower position (e.g. 3 years as pengawas
    # for administrator), counted from the current posting, not total service.
    target = _target(f)
    since = f.person.position_since
    years = years_between(since, f.today) if since is not None else 0.0
    need = target.min_years_experience
    return check("MIN_YEARS", years >= need, reg.POSITION_REQUIREMENTS, years=years, need=need)


__all__ = [
    "competency_standard",
    "due_for_rotation",
    "job_person_match",
    "min_education",
    "min_rank",
    "position_vacancy",
    "rotation_vacancy",
    "target_different",
    "years_in_lower_position",
    "years_in_posting",
]
