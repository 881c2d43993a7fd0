"""What the engine knows when asked for a step, and the named guards of the transition tables.

A guard is a plain function of :class:`Facts`; a transition names it (``guard=rounds_left``), the
engine calls it. The committee's quorum is decided here from the tally of the votes, not by the
caller.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from enum import StrEnum


class Relation(StrEnum):
    """How the actor stands to a request; the engine allows actions by relation."""

    APPLICANT = "APPLICANT"
    APPROVER = "APPROVER"  # assigned to the current stage, in person or as delegate
    MEMBER = "MEMBER"  # holds (or holds by delegation) an open committee seat
    SYSTEM = "SYSTEM"  # the scheduler


class Quorum(StrEnum):
    """How a committee decides: see :func:`tally`."""

    MAJORITY = "majority"
    ALL = "all"
    ANY_REJECT_REJECTS = "any_reject_rejects"


class Tally(StrEnum):
    PENDING = "pending"
    APPROVED = "approved"
    REJECTED = "rejected"


@dataclass(frozen=True)
class Facts:
    """What the service knows about the actor and the request when asking for a step."""

    relations: frozenset[Relation]
    return_rounds: int = 0
    max_return_rounds: int = 2
    # At a committee stage: the round's votes *including* this one, the open seats and the rule.
    votes: tuple[str, ...] = ()
    seats: int = 0
    quorum: Quorum | str = Quorum.MAJORITY


def tally(votes: Iterable[str], *, seats: int, rule: Quorum | str) -> Tally:
    """Committee outcome of a round.

    ``majority``: more than half of the seats approve, or a majority can no longer be reached;
    ``all``: every seat approves, one rejection rejects; ``any_reject_rejects``: a majority
    approves and one rejection rejects.
    """
    values = list(votes)
    approve = values.count("APPROVE")
    reject = values.count("REJECT")
    needed = seats if rule == Quorum.ALL else seats // 2 + 1
    if seats <= 0:
        return Tally.PENDING
    if reject and rule in (Quorum.ALL, Quorum.ANY_REJECT_REJECTS):
        return Tally.REJECTED
    if approve >= needed:
        return Tally.APPROVED
    if seats - reject < needed:
        return Tally.REJECTED
    return Tally.PENDING


Guard = Callable[[Facts], bool]


def rounds_left(f: Facts) -> bool:
    """The request may still be returned for revision (``max_return_rounds``)."""
    return f.return_rounds < f.max_return_rounds


def quorum_pending(f: Facts) -> bool:
    """This vote leaves the committee undecided."""
    return tally(f.votes, seats=f.seats, rule=f.quorum) == Tally.PENDING


def quorum_approved(f: Facts) -> bool:
    """This vote makes the committee's quorum approve."""
    return tally(f.votes, seats=f.seats, rule=f.quorum) == Tally.APPROVED


def quorum_rejected(f: Facts) -> bool:
    """This vote makes the committee's quorum reject."""
    return tally(f.votes, seats=f.seats, rule=f.quorum) == Tally.REJECTED
