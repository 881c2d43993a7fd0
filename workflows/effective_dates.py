"""When an approved change of the record takes effect (TMT, terhitung mulai tanggal).

Shared by the career rules (a change must take effect before retirement), the effects that
schedule it and the decree that states it, so all three name the same date.
"""

from __future__ import annotations

from datetime import date, timedelta


def rank_tmt(approved_on: date) -> date:
    """TMT of a rank promotion: the first of the next month (monthly since October 2025)."""
    return (approved_on.replace(day=1) + timedelta(days=32)).replace(day=1)
