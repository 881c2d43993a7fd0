"""Who acts for whom: delegations in force, and the seats a user may act for through them."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime

from tortoise.backends.base.client import BaseDBAsyncClient

from portal.clock import clock
from portal.models import Delegation

# A delegate's own delegate may act too, up to this many hops (keeps queue queries bounded).
MAX_DELEGATION_DEPTH = 3


async def active_delegations(
    agency_id: int, *, at: datetime | None = None, using_db: BaseDBAsyncClient | None = None
) -> dict[int, set[int]]:
    """delegator user id -> delegate user ids, for delegations in force now."""
    moment = at or clock.now()
    rows = (
        await Delegation.filter(
            agency_id=agency_id, revoked_at=None, starts_at__lte=moment, ends_at__gt=moment
        )
        .using_db(using_db)
        .values("delegator_id", "delegate_id")
    )
    out: dict[int, set[int]] = {}
    for row in rows:
        out.setdefault(row["delegator_id"], set()).add(row["delegate_id"])
    return out


def seats_for(user_id: int, seats: Iterable[int], delegations: dict[int, set[int]]) -> list[int]:
    """The seats among ``seats`` the user may act for: their own first, then delegated ones."""
    out = []
    for seat in seats:
        frontier, seen = {seat}, {seat}
        for _ in range(MAX_DELEGATION_DEPTH + 1):
            if user_id in frontier:
                out.append(seat)
                break
            frontier = {d for s in frontier for d in delegations.get(s, ()) if d not in seen}
            seen |= frontier
    return sorted(out, key=lambda s: (s != user_id, s))


def reaches(start: int, goal: int, delegations: dict[int, set[int]]) -> bool:
    """Whether a delegation chain leads from ``start`` to ``goal`` (used to refuse loops)."""
    frontier, seen = {start}, {start}
    while frontier:
        if goal in frontier:
            return True
        frontier = {d for s in frontier for d in delegations.get(s, ()) if d not in seen}
        seen |= frontier
    return False
