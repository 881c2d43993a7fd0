"""GraphQL types of workflow definitions (states and transitions as data) and their drawings."""

from __future__ import annotations

from enum import Enum
from typing import Any

import strawberry

from schema.enums import RequestKind
from workflows.career import drawing
from workflows.career.chains.resolve import definition_of


@strawberry.enum(description="How a workflow drawing is rendered.")
class DiagramFormat(Enum):
    MERMAID = "MERMAID"
    SVG = "SVG"


@strawberry.type(description="A review stage and who decides it.")
class WorkflowStage:
    name: str
    kind: str = strawberry.field(description="SINGLE (one approver) or COMMITTEE (quorum).")
    rule: str


@strawberry.type(description="source --action--> target, for actors of the given relations.")
class WorkflowTransition:
    source: str
    action: str
    target: str
    actors: list[str]
    guard: str


@strawberry.type(description="A versioned workflow definition of one request kind.")
class WorkflowDefinition:
    name: str
    version: int
    kind: RequestKind
    title: str = strawberry.field(description="Title in Bahasa Indonesia.")
    title_en: str
    stages: list[WorkflowStage]
    states: list[str]
    transitions: list[WorkflowTransition]

    @strawberry.field(description="The definition drawn as Mermaid text or SVG.")
    async def diagram(self, format: DiagramFormat | None = None, current: str | None = None) -> str:
        return await draw(self.name, self.version, format, current=current)

    @classmethod
    def from_definition(cls, d: Any) -> WorkflowDefinition:
        return cls(
            name=d.name,
            version=d.version,
            kind=d.kind,
            title=d.title_id,
            title_en=d.title_en,
            stages=[
                WorkflowStage(name=str(s.name), kind=str(s.kind), rule=s.rule) for s in d.stages
            ],
            states=[str(s) for s in d.states],
            transitions=[
                WorkflowTransition(
                    source=str(t.source),
                    action=str(t.action),
                    target=str(t.target),
                    actors=sorted(str(a) for a in t.actors),
                    guard=t.guard_name,
                )
                for t in d.transitions
            ],
        )


async def draw(name: str, version: int, format: Any, *, current: str | None) -> str:
    """Mermaid (default) or SVG of a definition, ``current`` state highlighted."""

    definition = await definition_of(name, version)  # built-in, or an agency's chain version
    if format is not None and getattr(format, "value", format) == "SVG":
        return drawing.to_svg(definition, current=current)
    return drawing.to_mermaid(definition, current=current)
