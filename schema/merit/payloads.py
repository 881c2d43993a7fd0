"""Running a merit mutation: write check, idempotency key, domain errors as payload members.

A success is stored for retries as its type name and the IDs of the nodes it carries, and rebuilt
from the database on a retry with the same ``idempotencyKey``.
"""

from __future__ import annotations

import inspect
from collections.abc import Awaitable, Callable
from decimal import Decimal
from typing import Any

from portal import models
from portal.viewer import Viewer
from schema.competencies.types import Competency
from schema.context import Info
from schema.development.types import Budget, TrainingProgram
from schema.errors import Error, from_record, to_record
from schema.idempotency import run_mutation
from schema.merit import types
from schema.organisation.types import Position
from schema.relay import Node

# GraphQL node type -> (ORM model, builder)
_NODES: dict[str, tuple[Any, Callable[[Any], Any]]] = {
    "Competency": (models.Competency, Competency.from_model),
    "Position": (models.Position, Position.from_model),
    "Assessment": (models.Assessment, types.Assessment.from_model),
    "PerformanceEvaluation": (models.PerformanceEvaluation, types.PerformanceEvaluation.from_model),
    "FeedbackInvitation": (models.FeedbackInvitation, types.FeedbackInvitation.from_model),
    "TalentPlacement": (models.TalentPlacement, types.TalentPlacement.from_model),
    "DevelopmentPlan": (models.DevelopmentPlan, types.DevelopmentPlan.from_model),
    "TrainingProgram": (models.TrainingProgram, TrainingProgram.from_model),
    "TrainingNomination": (models.TrainingNomination, types.TrainingNomination.from_model),
    "FeedbackEntry": (models.Feedback, types.FeedbackEntry.from_model),
}
SUCCESS: dict[str, type] = {}


def success(cls: type) -> type:
    """Register a success type so a retried call can rebuild it."""
    SUCCESS[cls.__name__] = cls
    return cls


def _encode(result: Any) -> dict[str, Any]:
    if isinstance(result, Error):
        return to_record(result)
    data: dict[str, Any] = {"__typename": type(result).__name__}
    for name, value in vars(result).items():
        if isinstance(value, Node):
            data[name] = {"node": type(value).__name__, "pk": value.pk}
        elif isinstance(value, Budget):
            data[name] = {"budget": value.year}
        else:
            data[name] = value
    return data


def _decoder(viewer: Viewer) -> Callable[[dict[str, Any]], Awaitable[Any]]:
    async def decode(data: dict[str, Any]) -> Any:
        cls = SUCCESS.get(data["__typename"])
        if cls is None:
            return from_record(data)
        fields: dict[str, Any] = {}
        for name, value in data.items():
            if name == "__typename":
                continue
            if isinstance(value, dict) and "node" in value:
                model, build = _NODES[value["node"]]
                built = build(await model.get(id=value["pk"]))
                fields[name] = await built if inspect.isawaitable(built) else built
            elif isinstance(value, dict) and "budget" in value:
                row = await models.Budget.get(agency_id=viewer.agency_id, year=value["budget"])
                fields[name] = budget_of(row)
            else:
                fields[name] = value
        return cls(**fields)

    return decode


def budget_of(row: models.Budget) -> Budget:
    return Budget(
        year=row.year,
        ceiling=Decimal(row.ceiling),
        committed=Decimal(row.committed),
        spent=Decimal(row.spent),
    )


async def mutate(
    info: Info, operation: str, key: str | None, act: Callable[[Viewer], Awaitable[Any]]
) -> Any:
    """A merit mutation: see :func:`schema.idempotency.run_mutation`."""
    return await run_mutation(
        info, operation=operation, key=key, act=act, encode=_encode, decode=_decoder
    )
