"""Eligibility of career requests: each rule once, with its regulation, run as a table.

``load -> decide -> write``: :mod:`workflows.career.eligibility` gathers the :class:`Facts` of one
request in one go, :func:`decide` runs the rules of its kind (pure, no database) and the service
writes the outcome. The approval-time re-checks call the same rule functions. Every number comes
from :class:`portal.settings.RuleSettings` merged with the agency's overrides.
"""

from __future__ import annotations

from collections.abc import Callable

from portal.settings import RuleSettings
from workflows.career.details import (
    DataCorrectionDetails,
    FurtherStudyDetails,
    PromotionDetails,
    RotationDetails,
)
from workflows.career.rules import common, functional, positions, rank, retirement, study
from workflows.career.rules.checks import Check, Regulation, failed
from workflows.career.rules.facts import Facts, Penalty, Person, Target, years_between
from workflows.career.rules.positions import due_for_rotation

Rule = Callable[[Facts, RuleSettings], Check | None]

ROTATION: tuple[Rule, ...] = (
    common.employee_active,
    common.no_open_request,
    common.no_scheduled_change,
    retirement.before_retirement,
    positions.target_different,
    positions.rotation_vacancy,
    positions.years_in_posting,
    positions.job_person_match,
)
RANK_PROMOTION: tuple[Rule, ...] = (
    common.employee_active,
    common.no_open_request,
    common.no_scheduled_change,
    retirement.before_retirement,
    rank.pns_rank_ladder,
    common.no_penalty,
    rank.years_in_rank,
    functional.years_in_rank,
    functional.credit_points,
    common.promotion_performance,
    rank.education_cap,
)
POSITION_PROMOTION: tuple[Rule, ...] = (
    common.employee_active,
    common.no_open_request,
    common.no_scheduled_change,
    retirement.before_retirement,
    positions.target_different,
    positions.position_vacancy,
    positions.min_education,
    positions.min_rank,
    positions.years_in_lower_position,
    common.no_penalty,
    common.promotion_performance,
    positions.competency_standard,
)
FURTHER_STUDY: tuple[Rule, ...] = (
    common.employee_active,
    common.no_open_request,
    retirement.before_retirement,
    study.pns_only,
    study.service_years,
    study.age_limit,
    study.higher_level,
    common.no_penalty,
    study.last_year_performance,
    study.start_in_future,
    study.accreditation,
    study.max_duration,
    study.budget,
)

# Pemutakhiran data mandiri: an active employee, one open correction at a time.
DATA_CORRECTION: tuple[Rule, ...] = (
    common.employee_active,
    common.no_open_request,
)


def table_for(details: object) -> tuple[Rule, ...]:
    """The rule table of a request's details."""
    if isinstance(details, RotationDetails):
        return ROTATION
    if isinstance(details, PromotionDetails):
        return RANK_PROMOTION if details.is_rank else POSITION_PROMOTION
    if isinstance(details, FurtherStudyDetails):
        return FURTHER_STUDY
    if isinstance(details, DataCorrectionDetails):
        return DATA_CORRECTION
    raise TypeError(f"no rules for {type(details).__name__}")


def decide(facts: Facts, settings: RuleSettings) -> list[Check]:
    """Every applicable rule of the request's kind, in table order."""
    out: list[Check] = []
    for rule in table_for(facts.details):
        result = rule(facts, settings)
        if result is not None:
            out.append(result)
    return out


def vacancy_rule(details: object) -> Rule:
    """The vacancy rule of a request that moves the applicant (re-checked at approval)."""
    if isinstance(details, RotationDetails):
        return positions.rotation_vacancy
    return positions.position_vacancy


__all__ = [
    "FURTHER_STUDY",
    "POSITION_PROMOTION",
    "RANK_PROMOTION",
    "ROTATION",
    "Check",
    "Facts",
    "Penalty",
    "Person",
    "Regulation",
    "Rule",
    "Target",
    "decide",
    "due_for_rotation",
    "failed",
    "table_for",
    "vacancy_rule",
    "years_between",
]
