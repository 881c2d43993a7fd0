"""Pure scoring rules of the merit system: job-person match, predikat, talent box."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from enum import StrEnum

from portal.vocabulary import Predikat, Rating


class MatchCategory(StrEnum):
    """PermenPANRB 38/2017: job-person match categories."""

    MEETS = "MEETS"  # >= 80 %
    STILL_MEETS = "STILL_MEETS"  # 68 % to < 80 %
    BELOW = "BELOW"  # < 68 %


@dataclass(frozen=True)
class JobPersonMatch:
    ratio: float  # achieved / required, each competency capped at its required level
    category: MatchCategory
    gaps: dict[str, int]  # competency code -> levels missing


def job_person_match(
    achieved: Mapping[str, int],
    required: Mapping[str, int],
    *,
    meets: float = 0.80,
    still_meets: float = 0.68,
) -> JobPersonMatch:
    """Match of an employee's assessed levels against a position's standard.

    PermenPANRB 38/2017: achieved ÷ required; exceeding one competency does not make up for
    another, so each is capped at its required level. A position without a standard matches fully.
    """
    total_required = sum(required.values())
    if total_required == 0:
        return JobPersonMatch(1.0, MatchCategory.MEETS, {})
    total = sum(min(achieved.get(code, 0), level) for code, level in required.items())
    gaps = {
        code: level - achieved.get(code, 0)
        for code, level in required.items()
        if achieved.get(code, 0) < level
    }
    ratio = total / total_required
    if ratio >= meets:
        category = MatchCategory.MEETS
    elif ratio >= still_meets:
        category = MatchCategory.STILL_MEETS
    else:
        category = MatchCategory.BELOW
    return JobPersonMatch(round(ratio, 4), category, gaps)


# PermenPANRB 6/2022 Lampiran: predikat from work result (rows) and behaviour (columns).
_PREDIKAT: dict[tuple[Rating, Rating], Predikat] = {
    (Rating.ABOVE, Rating.BELOW): Predikat.KURANG,
    (Rating.ABOVE, Rating.AS_EXPECTED): Predikat.BAIK,
    (Rating.ABOVE, Rating.ABOVE): Predikat.SANGAT_BAIK,
    (Rating.AS_EXPECTED, Rating.BELOW): Predikat.KURANG,
    (Rating.AS_EXPECTED, Rating.AS_EXPECTED): Predikat.BAIK,
    (Rating.AS_EXPECTED, Rating.ABOVE): Predikat.BAIK,
    (Rating.BELOW, Rating.BELOW): Predikat.SANGAT_KURANG,
    (Rating.BELOW, Rating.AS_EXPECTED): Predikat.BUTUH_PERBAIKAN,
    (Rating.BELOW, Rating.ABOVE): Predikat.BUTUH_PERBAIKAN,
}


def predikat(work_result: Rating, behaviour: Rating) -> Predikat:
    """The performance predikat by the regulation's matrix (PermenPANRB 6/2022)."""
    return _PREDIKAT[(work_result, behaviour)]


# PermenPANRB 3/2020: performance (rows, high to low) x potential (columns, low to high).
#   high perf:   4 7 9
#   middle perf: 2 5 8
#   low perf:    1 3 6
_BOX: dict[tuple[int, int], int] = {
    (3, 1): 4, (3, 2): 7, (3, 3): 9,
    (2, 1): 2, (2, 2): 5, (2, 3): 8,
    (1, 1): 1, (1, 2): 3, (1, 3): 6,
}  # fmt: skip

SUCCESSION_BOXES = frozenset({7, 8, 9})


def talent_box(performance_level: int, potential_level: int) -> int:
    """Box 1-9 from performance and potential levels 1 (low) to 3 (high)."""
    try:
        return _BOX[(performance_level, potential_level)]
    except KeyError:
        raise ValueError("performance and potential levels are 1, 2 or 3") from None


def performance_level_of(value: Predikat) -> int:
    """Performance axis of the talent grid from an annual predikat."""
    if value == Predikat.SANGAT_BAIK:
        return 3
    if value == Predikat.BAIK:
        return 2
    return 1
