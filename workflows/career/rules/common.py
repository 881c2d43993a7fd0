"""Rules every request kind shares: active status, one open request, discipline, performance."""

from __future__ import annotations

from portal.settings import RuleSettings
from portal.vocabulary import ChangeKind, EmployeeStatus, PenaltyLevel, Predikat
from workflows.career.details import PromotionDetails, RotationDetails
from workflows.career.rules import regulations as reg
from workflows.career.rules.checks import Check, check
from workflows.career.rules.facts import Facts, Penalty


def employee_active(f: Facts, s: RuleSettings) -> Check:
    # PP 11/2017: only an active employee asks for a career change.
    status = f.person.status
    return check("EMPLOYEE_ACTIVE", status == EmployeeStatus.ACTIVE, reg.ASN_STATUS, status=status)


def no_open_request(f: Facts, s: RuleSettings) -> Check:
    # One request of a kind at a time: "open" is every state outside the workflow's end states.
    return check("NO_OPEN_REQUEST", not f.open_request, reg.ONE_OPEN_REQUEST)


def changes_of(details: object) -> ChangeKind | None:
    """What an approved request of these details schedules: rank or position (else None)."""
    if isinstance(details, PromotionDetails) and details.is_rank:
        return ChangeKind.RANK
    if isinstance(details, PromotionDetails | RotationDetails):
        return ChangeKind.POSITION
    return None


def no_scheduled_change(f: Facts, s: RuleSettings) -> Check | None:
    # An approved rank (position) change waiting for its TMT: another would schedule it again.
    kind = changes_of(f.details)
    if kind is None:
        return None
    pending = f.scheduled.get(kind)
    return check(
        "NO_SCHEDULED_CHANGE",
        pending is None,
        reg.ONE_SCHEDULED_CHANGE,
        variant=kind.value.lower() if pending is not None else "",
        effective_on=pending,
    )


def barring_penalties(penalties: tuple[Penalty, ...], s: RuleSettings) -> list[Penalty]:
    """Penalties in force that bar promotion and tugas belajar (PP 94/2021).

    Moderate and severe always; light ones only where the agency's setting says so.
    """
    barring = {PenaltyLevel.MODERATE, PenaltyLevel.SEVERE}
    if s.light_penalty_bars:
        barring.add(PenaltyLevel.LIGHT)
    return [p for p in penalties if p.level in barring]


def no_penalty(f: Facts, s: RuleSettings) -> Check:
    # PP 94/2021: no promotion (rank or position) and no tugas belajar during such a penalty.
    found = barring_penalties(f.penalties, s)
    if not found:
        return check("NO_PENALTY", True, reg.DISCIPLINE)
    worst = max(found, key=lambda p: list(PenaltyLevel).index(p.level))
    until = worst.ends_on
    return check(
        "NO_PENALTY",
        False,
        reg.DISCIPLINE,
        variant="open" if until is None else "",
        level=worst.level,
        until=until,
    )


def performance(f: Facts, s: RuleSettings, years: int) -> Check:
    """Predikat at least Baik in each of the last ``years`` completed years."""
    wanted = sorted(f.predikats, reverse=True)[:years]
    shown = {y: f.predikats[y] for y in wanted}
    bad = [y for y, p in shown.items() if p is None or p.order < Predikat.BAIK.order]
    found = [(y, p) for y, p in sorted(shown.items())]
    regulation = reg.PERFORMANCE if years > 1 else reg.STUDY_PERFORMANCE
    return check("PERFORMANCE", not bad, regulation, years=years, found=found)


def promotion_performance(f: Facts, s: RuleSettings) -> Check:
    # PP 99/2000 Pasal 7 jo PermenPANRB 6/2022: at least Baik in each of the last 2 years.
    return performance(f, s, s.promotion_good_years)
