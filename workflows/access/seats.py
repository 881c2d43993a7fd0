"""Who may act in an assigned seat: its holder or their delegates, while the seat's role holds.

A seat is a user assigned to decide a stage of a request (``RequestAssignment``), through the
supervisor chain or a role (``via`` HR, HR head, committee). For a page of requests,
:func:`load_seat_facts` reads what decides who may sit in the seats (the delegations in force,
the roles the assigned people hold now: two queries); :func:`acting_seats` answers, without the
database, which seats a user may act for.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

from tortoise.backends.base.client import BaseDBAsyncClient

from portal.models import UserRole
from portal.vocabulary import Role
from workflows.access.delegations import active_delegations, seats_for

# The role an assignment rests on; an assignment through the supervisor chain rests on none.
ROLE_OF_VIA = {"HR": Role.HR, "HR_HEAD": Role.HR_HEAD, "COMMITTEE": Role.COMMITTEE}


@dataclass(frozen=True)
class SeatFacts:
    """Delegations in force (delegator -> delegates) and the (user, role) pairs held now."""

    delegations: dict[int, set[int]] = field(default_factory=dict)
    roles: frozenset[tuple[int, Role]] = frozenset()


@dataclass(frozen=True)
class Seat:
    """A seat the user may act for; ``role_held`` is False when its role was withdrawn since."""

    user_id: int
    role_held: bool


async def load_seat_facts(
    agency_id: int, seats: Iterable[int], *, using_db: BaseDBAsyncClient | None = None
) -> SeatFacts:
    """The delegations of the agency in force now and the roles held by the ``seats``' users."""
    delegations = await active_delegations(agency_id, using_db=using_db)
    rows = (
        await UserRole.filter(user_id__in=sorted(set(seats)))
        .using_db(using_db)
        .values("user_id", "role")
    )
    return SeatFacts(
        delegations=delegations,
        roles=frozenset((row["user_id"], Role(row["role"])) for row in rows),
    )


def acting_seats(user_id: int, candidates: Mapping[int, str], facts: SeatFacts) -> list[Seat]:
    """The seats among ``candidates`` (seat -> via) the user may act for, their own first."""
    out = []
    for seat in seats_for(user_id, candidates, facts.delegations):
        role = ROLE_OF_VIA.get(candidates[seat])
        out.append(Seat(seat, role is None or (seat, role) in facts.roles))
    return out
