"""The agency's figures for HR: requests by kind and state, overdue stages, the talent grid,
and the fairness view (decision times by stage and approver, return and rejection rates by kind
and unit). Read-only; each function reads what it needs once, then counts in memory.
"""

from __future__ import annotations

import statistics
from collections import Counter, defaultdict
from dataclasses import dataclass
from datetime import datetime

from portal.models import CareerRequest, Decision, Employee, OrgUnit, TalentPlacement
from workflows.career.definitions import TERMINAL, State

_WAITING = [State.RETURNED.value]


@dataclass(frozen=True)
class KindStateCount:
    kind: str
    state: str
    count: int


@dataclass(frozen=True)
class StageTime:
    stage: str
    actor_id: int
    decisions: int
    median_hours: float


@dataclass(frozen=True)
class OutcomeRate:
    kind: str
    unit: str
    requests: int
    returned: int
    rejected: int


async def request_counts(*, agency_id: int) -> list[KindStateCount]:
    rows = await CareerRequest.filter(agency_id=agency_id).values_list("kind", "state")
    counted = Counter((str(kind), str(state)) for kind, state in rows)
    return [KindStateCount(k, s, n) for (k, s), n in sorted(counted.items())]


async def overdue_count(*, agency_id: int, now: datetime) -> int:
    closed = [state.value for state in TERMINAL] + _WAITING
    return (
        await CareerRequest.filter(agency_id=agency_id, due_at__lt=now)
        .exclude(state__in=closed)
        .count()
    )


async def talent_grid(*, agency_id: int, year: int) -> dict[int, list[int]]:
    """Employee ids by box (1-9) of the year's placements."""
    rows = await TalentPlacement.filter(agency_id=agency_id, year=year).values_list(
        "box", "employee_id"
    )
    grid: dict[int, list[int]] = {box: [] for box in range(1, 10)}
    for box, employee_id in rows:
        grid.setdefault(int(box), []).append(int(employee_id))
    return grid


async def stage_times(*, agency_id: int) -> list[StageTime]:
    """How long each approver took at each stage: from the step that opened it to the decision."""
    rows = (
        await Decision.filter(request__agency_id=agency_id)
        .order_by("request_id", "created_at", "id")
        .values_list("request_id", "action", "stage", "actor_id", "created_at")
    )
    hours: dict[tuple[str, int], list[float]] = defaultdict(list)
    opened: dict[int, datetime] = {}
    for request_id, action, stage, actor_id, created_at in rows:
        started = opened.get(request_id)
        if action in ("APPROVE", "REJECT", "RETURN", "VOTE") and started and stage:
            hours[(str(stage), int(actor_id))].append((created_at - started).total_seconds() / 3600)
        if action != "VOTE":  # a vote leaves the stage open for the next member
            opened[request_id] = created_at
    return [
        StageTime(stage, actor, len(values), round(statistics.median(values), 1))
        for (stage, actor), values in sorted(hours.items())
    ]


async def outcome_rates(*, agency_id: int) -> list[OutcomeRate]:
    """Per kind and unit (OPD of the applicant): requests, returned at least once, rejected."""
    requests = await CareerRequest.filter(agency_id=agency_id).exclude(state=State.DRAFT.value)
    returned = set(
        await Decision.filter(request__agency_id=agency_id, action="RETURN").values_list(
            "request_id", flat=True
        )
    )
    units = dict(await Employee.filter(agency_id=agency_id).values_list("id", "org_unit_id"))
    names = dict(await OrgUnit.filter(agency_id=agency_id).values_list("id", "name"))
    table: dict[tuple[str, str], list[int]] = defaultdict(lambda: [0, 0, 0])
    for request in requests:
        unit = names.get(units.get(request.applicant_id), "")
        counts = table[(str(request.kind), str(unit))]
        counts[0] += 1
        counts[1] += request.id in returned
        counts[2] += request.state == State.REJECTED.value
    return [OutcomeRate(k, u, *counts) for (k, u), counts in sorted(table.items())]
