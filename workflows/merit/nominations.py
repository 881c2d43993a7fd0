"""Who to send to a training programme: employees ranked by competency gap × talent box."""

from __future__ import annotations

from dataclasses import dataclass

from portal.models import Competency, Employee, PositionCompetency, TrainingNomination
from portal.viewer import Viewer
from portal.vocabulary import EmployeeStatus
from workflows.access import require_hr
from workflows.merit.assessments import current_levels
from workflows.merit.bounds import MAX_LIMIT, check_count
from workflows.merit.talent import latest_boxes
from workflows.merit.training import ACTIVE_NOMINATION, program_in_agency
from workflows.messages import invalid

UNPLACED_BOX = 1  # not yet on the talent grid: ranked as the lowest box


@dataclass(frozen=True)
class Nominee:
    employee_id: int
    name: str
    gap: int
    box: int | None
    score: int  # gap x box


async def nomination_candidates(
    *, actor: Viewer, program_id: int, limit: int = 50
) -> list[Nominee]:
    """Employees whose position needs more of the programme's competency, best use first."""
    require_hr(actor, "errors.hr_only.rank_nominees")
    check_count(limit, field="limit", maximum=MAX_LIMIT)
    program = await program_in_agency(actor, program_id)
    if program.competency_id is None:
        raise invalid("errors.training.no_competency", field="program")
    required: dict[int, int] = dict(
        await PositionCompetency.filter(
            agency_id=actor.agency_id,
            competency_id=program.competency_id,
        ).values_list("position_id", "required_level")
    )
    nominated = set(
        await TrainingNomination.filter(
            program_id=program.id, status__in=ACTIVE_NOMINATION
        ).values_list("employee_id", flat=True)
    )
    people = [
        p
        for p in await Employee.filter(
            agency_id=actor.agency_id,
            status=EmployeeStatus.ACTIVE,
            position_id__in=list(required),
        ).prefetch_related("position")
        if p.id not in nominated
    ]
    ids = [p.id for p in people]
    levels = await current_levels(ids)
    boxes = await latest_boxes(ids)
    competency = await Competency.get(id=program.competency_id)
    code = competency.code
    ranked = []
    for person in people:
        if person.position_id is None:  # not reached: filtered on position_id above
            continue
        achieved = levels[person.id].get(code, (0, None))[0]
        gap = int(required[person.position_id]) - achieved
        if gap <= 0:
            continue
        box = boxes.get(person.id)
        ranked.append(Nominee(person.id, person.name, gap, box, gap * (box or UNPLACED_BOX)))
    ranked.sort(key=lambda n: (-n.score, -n.gap, -(n.box or 0), n.employee_id))
    return ranked[:limit]
