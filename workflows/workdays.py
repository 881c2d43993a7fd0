"""Working-day arithmetic for stage deadlines (Monday to Friday)."""

from __future__ import annotations

from datetime import datetime, timedelta


def add_working_days(start: datetime, days: int) -> datetime:
    """``start`` moved forward by ``days`` working days, keeping the time of day."""
    moment = start
    while moment.weekday() >= 5:  # a stage opened at the weekend starts counting on Monday
        moment += timedelta(days=1)
    left = days
    while left > 0:
        moment += timedelta(days=1)
        if moment.weekday() < 5:
            left -= 1
    return moment
