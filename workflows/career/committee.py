"""The committee stage (tim penilai kinerja): who holds a seat, and the votes of a round."""

from __future__ import annotations

from tortoise.backends.base.client import BaseDBAsyncClient

from portal.models import CareerRequest, CommitteeVote
from workflows.career.definitions import State
from workflows.career.transitions import deciders_by_stage


async def committee_seats(conn: BaseDBAsyncClient | None, request: CareerRequest) -> set[int]:
    """Committee members of the plan who may vote: not those who decided another stage."""
    entry = next((e for e in request.approval_plan if e["stage"] == State.COMMITTEE_REVIEW), None)
    if entry is None:
        return set()
    taken = await deciders_by_stage(conn, request.id)
    excluded = (
        set().union(*(v for k, v in taken.items() if k != State.COMMITTEE_REVIEW))
        if taken
        else set()
    )
    return {a["user_id"] for a in entry["approvers"]} - excluded


async def round_votes(
    conn: BaseDBAsyncClient, request: CareerRequest, vote: str
) -> tuple[tuple[str, ...], int]:
    """The votes of the current round with ``vote`` added, and the open seats: the engine's facts
    for deciding the quorum."""
    votes = (
        await CommitteeVote.filter(request_id=request.id, round=request.return_rounds)
        .using_db(conn)
        .values_list("vote", flat=True)
    )
    seats = await committee_seats(conn, request)
    return (*(str(v) for v in votes), vote), len(seats)
