"""Disciplinary penalties (hukuman disiplin, PP 94/2021): level, start and end, by decree.

Ringan: reprimands, no duration needed. Sedang: a cut of the performance allowance for 6, 9 or
12 months, so it has an end within 12 months. Berat: demotion or release from position for 12
months (with an end) or dismissal (none). A penalty is in force from its start to its end.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from tortoise.transactions import in_transaction

from portal.models import DisciplinaryPenalty
from portal.viewer import Viewer
from portal.vocabulary import PenaltyLevel
from workflows import audit
from workflows.messages import invalid, missing
from workflows.personnel.access import (
    actor_name,
    check_date,
    check_text,
    employee_of,
    require_keeper,
)

MODERATE_MAX_DAYS = 366  # PP 94/2021 Pasal 8 ayat (3): at most 12 months


@dataclass(frozen=True)
class PenaltyInput:
    level: PenaltyLevel
    starts_on: date
    decree_number: str
    ends_on: date | None = None
    description: str = ""


def _check(data: PenaltyInput) -> dict[str, Any]:
    check_date(data.starts_on, field="startsOn")
    check_date(data.ends_on, field="endsOn")
    if data.ends_on is not None and data.ends_on < data.starts_on:
        raise invalid("records.invalid.penalty_end", field="endsOn")
    if data.level == PenaltyLevel.MODERATE:
        if data.ends_on is None:
            raise invalid("records.invalid.penalty_moderate_end", field="endsOn")
        if (data.ends_on - data.starts_on).days > MODERATE_MAX_DAYS:
            raise invalid("records.invalid.penalty_moderate_end", field="endsOn")
    return {
        "level": data.level,
        "starts_on": data.starts_on,
        "ends_on": data.ends_on,
        "decree_number": check_text(data.decree_number, field="decreeNumber", limit=100),
        "description": check_text(
            data.description, field="description", limit=2000, required=False
        ),
    }


async def record_penalty(
    *, actor: Viewer, employee_id: int, data: PenaltyInput, penalty_id: int | None = None
) -> DisciplinaryPenalty:
    """Record a penalty, or correct one (``penalty_id``), e.g. to end it early on appeal."""
    require_keeper(actor)
    values = _check(data)
    employee = await employee_of(actor, employee_id)
    existing = None
    if penalty_id is not None:
        existing = await DisciplinaryPenalty.get_or_none(id=penalty_id, employee_id=employee.id)
        if existing is None:
            raise missing("records.missing.penalty", id=penalty_id)
    async with in_transaction() as conn:
        if existing is None:
            penalty = await DisciplinaryPenalty.create(
                using_db=conn, agency_id=actor.agency_id, employee_id=employee.id, **values
            )
            before = None
        else:
            before = _snapshot(existing)
            existing.update_from_dict(values)
            await existing.save(using_db=conn)
            penalty = existing
        await audit.append(
            conn,
            agency_id=actor.agency_id,
            actor=actor_name(actor),
            action="penalty.record" if before is None else "penalty.correct",
            subject_type="employee",
            subject_id=employee.id,
            before=before,
            after={"nip": employee.nip, "penalty_id": penalty.id, **values},
        )
    return penalty


def _snapshot(penalty: DisciplinaryPenalty) -> dict[str, Any]:
    return {
        "penalty_id": penalty.id,
        "level": penalty.level,
        "starts_on": penalty.starts_on,
        "ends_on": penalty.ends_on,
        "decree_number": penalty.decree_number,
        "description": penalty.description,
    }
