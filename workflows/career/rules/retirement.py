"""A change must take effect before the employee retires (BUP by position kind).

UU 20/2023 and PP 11/2017 Pasal 239 jo PP 17/2020: the retirement date is the first day of the
month after the birthday on which the position's retirement age is reached (computed by
``workflows.personnel.retirement``). A request whose effect would fall on or after it is refused.
"""

from __future__ import annotations

from datetime import date

from portal.settings import RuleSettings
from workflows.career.details import FurtherStudyDetails, PromotionDetails
from workflows.career.rules import regulations as reg
from workflows.career.rules.checks import Check, check
from workflows.career.rules.facts import Facts
from workflows.effective_dates import rank_tmt


def effect_date(f: Facts) -> date:
    """When the approved change would take effect, approved today."""
    details = f.details
    if isinstance(details, FurtherStudyDetails):
        return details.start_date
    if isinstance(details, PromotionDetails) and details.is_rank:
        return rank_tmt(f.today)
    return f.today  # a move: the decree's date


def before_retirement(f: Facts, s: RuleSettings) -> Check | None:
    if f.retires_on is None:
        return None
    effective = effect_date(f)
    ok = effective < f.retires_on
    return check("BEFORE_RETIREMENT", ok, reg.RETIREMENT, effective=effective, retires=f.retires_on)
