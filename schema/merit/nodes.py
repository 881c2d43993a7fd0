"""``node(id:)`` for merit records, with the rules of the merit queries (workflows.access).

A record is visible to the employee it is about, their supervisor chain and HR of the agency;
never to an API token or another agency (the loaders filter by agency). Feedback is also
visible to its giver, and peer/subordinate givers stay hidden from everyone but HR and
themselves; an invitation is visible to its invitee and HR. Each type loads in one batch.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any, TypeVar

from tortoise.models import Model

from portal import models
from schema.context import Info
from schema.merit.types.competencies import Assessment
from schema.merit.types.feedback import FeedbackEntry, FeedbackInvitation
from schema.merit.types.performance import PerformanceEvaluation
from schema.merit.types.talent import TalentPlacement
from schema.merit.types.training import DevelopmentPlan, TrainingNomination
from schema.relay import node_resolver
from workflows.access import OrgChart, policy
from workflows.merit.feedback import ANONYMOUS

M = TypeVar("M", bound=Model)
N = TypeVar("N")
# The merit records about one employee (each has its ``employee_id``).
About = TypeVar(
    "About",
    models.Assessment,
    models.PerformanceEvaluation,
    models.TalentPlacement,
    models.DevelopmentPlan,
    models.TrainingNomination,
)


class _Sight:
    """Whose merit records the viewer may see, answered from one org chart per request."""

    def __init__(self, info: Info, chart: OrgChart | None) -> None:
        viewer = info.context.viewer
        self.viewer = viewer
        self.chart = chart

    @property
    def blind(self) -> bool:
        return self.viewer is None or self.viewer.is_token

    @property
    def is_hr(self) -> bool:
        return self.viewer is not None and self.viewer.is_hr

    def is_self(self, employee_id: int | None) -> bool:
        own = self.viewer.employee_id if self.viewer is not None else None
        return own is not None and employee_id == own

    def sees(self, employee_id: int) -> bool:
        """Personal data by ``workflows.access.policy.may_see_personal``; tokens see none."""
        if self.viewer is None:
            return False
        return policy.may_see_personal(self.viewer, self.chart, employee_id)


async def _load(info: Info, model: type[M], pks: Sequence[int]) -> tuple[list[M | None], _Sight]:
    """Rows of the viewer's agency in one query, and what the viewer may see."""
    sight = _Sight(info, None)
    if sight.blind:
        return [None for _ in pks], sight
    rows = await info.context.loaders.by_id(model).load_many(list(pks))
    needs_chart = not sight.is_hr and any(rows)
    chart = await info.context.loaders.org_chart() if needs_chart else None
    return list(rows), _Sight(info, chart)


async def _by_employee(
    info: Info, model: type[About], pks: Sequence[int], convert: Callable[[About], N]
) -> list[N | None]:
    rows, sight = await _load(info, model, pks)
    return [
        convert(row) if row is not None and sight.sees(row.employee_id) else None for row in rows
    ]


@node_resolver("Assessment")
async def _assessments(info: Info, pks: Sequence[int]) -> list[Any]:
    return await _by_employee(info, models.Assessment, pks, Assessment.from_model)


@node_resolver("PerformanceEvaluation")
async def _evaluations(info: Info, pks: Sequence[int]) -> list[Any]:
    return await _by_employee(
        info, models.PerformanceEvaluation, pks, PerformanceEvaluation.from_model
    )


@node_resolver("TalentPlacement")
async def _placements(info: Info, pks: Sequence[int]) -> list[Any]:
    return await _by_employee(info, models.TalentPlacement, pks, TalentPlacement.from_model)


@node_resolver("DevelopmentPlan")
async def _plans(info: Info, pks: Sequence[int]) -> list[Any]:
    return await _by_employee(info, models.DevelopmentPlan, pks, DevelopmentPlan.from_model)


@node_resolver("TrainingNomination")
async def _nominations(info: Info, pks: Sequence[int]) -> list[Any]:
    return await _by_employee(info, models.TrainingNomination, pks, TrainingNomination.from_model)


@node_resolver("FeedbackInvitation")
async def _invitations(info: Info, pks: Sequence[int]) -> list[Any]:
    rows, sight = await _load(info, models.FeedbackInvitation, pks)
    return [
        FeedbackInvitation.from_model(row)
        if row is not None and (sight.is_hr or sight.is_self(row.invitee_id))
        else None
        for row in rows
    ]


@node_resolver("FeedbackEntry")
async def _feedback(info: Info, pks: Sequence[int]) -> list[Any]:
    rows, sight = await _load(info, models.Feedback, pks)
    visible = [
        row
        if row is not None and (sight.sees(row.employee_id) or sight.is_self(row.giver_id))
        else None
        for row in rows
    ]
    competency_ids = [r.competency_id for r in visible if r is not None and r.competency_id]
    competencies = await info.context.loaders.by_id(models.Competency).load_many(competency_ids)
    codes = {c.id: c.code for c in competencies if c is not None}
    return [_entry(row, sight, codes) if row is not None else None for row in visible]


def _entry(row: models.Feedback, sight: _Sight, codes: dict[int, str]) -> FeedbackEntry:
    """As feedback_for shows it: an anonymous giver only to HR and the giver themselves."""
    giver = row.giver_id
    shown = row.relation not in ANONYMOUS or sight.is_hr or sight.is_self(giver)
    return FeedbackEntry(
        pk=row.id,
        relation=row.relation,
        year=row.year,
        competency_code=None if row.competency_id is None else codes.get(row.competency_id),
        rating=row.rating,
        comment=row.comment,
        created_at=row.created_at,
        giver_pk=giver if shown else None,
    )
