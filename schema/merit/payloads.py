"""Running a merit mutation: write check, idempotency key, domain errors as payload members.

A success is stored for retries as its type name, the IDs of the nodes it carries and the year of
a budget, and rebuilt from the database on a retry with the same ``idempotencyKey``
(``schema.replay``).
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from portal import models
from portal.viewer import Viewer
from schema.competencies.types import Competency
from schema.context import Info
from schema.development.types import Budget, TrainingProgram
from schema.merit.types.competencies import Assessment
from schema.merit.types.feedback import FeedbackEntry, FeedbackInvitation
from schema.merit.types.performance import PerformanceEvaluation
from schema.merit.types.talent import TalentPlacement
from schema.merit.types.training import DevelopmentPlan, TrainingNomination
from schema.organisation.types import Position
from schema.replay import Act, NodeBuilders, Replay

_NODES: NodeBuilders = {
    "Competency": (models.Competency, Competency.from_model),
    "Position": (models.Position, Position.from_model),
    "Assessment": (models.Assessment, Assessment.from_model),
    "PerformanceEvaluation": (models.PerformanceEvaluation, PerformanceEvaluation.from_model),
    "FeedbackInvitation": (models.FeedbackInvitation, FeedbackInvitation.from_model),
    "TalentPlacement": (models.TalentPlacement, TalentPlacement.from_model),
    "DevelopmentPlan": (models.DevelopmentPlan, DevelopmentPlan.from_model),
    "TrainingProgram": (models.TrainingProgram, TrainingProgram.from_model),
    "TrainingNomination": (models.TrainingNomination, TrainingNomination.from_model),
    "FeedbackEntry": (models.Feedback, FeedbackEntry.from_model),
}
_REPLAY = Replay(lambda: _NODES)
success = _REPLAY.success


def budget_of(row: models.Budget) -> Budget:
    return Budget(
        year=row.year,
        ceiling=Decimal(row.ceiling),
        committed=Decimal(row.committed),
        spent=Decimal(row.spent),
    )


async def _budget(viewer: Viewer, year: int) -> Budget:
    return budget_of(await models.Budget.get(agency_id=viewer.agency_id, year=year))


_REPLAY.register_value("budget", Budget, lambda budget: budget.year, _budget)


async def mutate(info: Info, operation: str, key: str | None, act: Act) -> Any:
    """A merit mutation: see :func:`schema.idempotency.run_mutation`."""
    return await _REPLAY.run(info, operation, key, act)
