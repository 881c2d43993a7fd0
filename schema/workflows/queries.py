"""Queries about workflow definitions."""

from __future__ import annotations

import strawberry

from schema.context import Info
from schema.permissions import IsAuthenticated
from schema.workflows.types import WorkflowDefinition


@strawberry.type
class Query:
    @strawberry.field(
        description="Every workflow definition, by name and version.",
        permission_classes=[IsAuthenticated],
    )
    def workflow_definitions(self, info: Info) -> list[WorkflowDefinition]:
        from workflows.career.definitions import all_definitions

        return [WorkflowDefinition.from_definition(d) for d in all_definitions()]
