"""GraphQL types and inputs of an agency's approval chains (``workflows.career.chains``)."""

from __future__ import annotations

from datetime import datetime
from typing import Any

import strawberry

from portal.models import ApprovalChain as ChainRow
from portal.vocabulary import ChainStatus
from schema.context import Info
from schema.enums import PositionKind, RequestKind
from schema.relay import pk_of, to_global_id
from schema.workflows.types import DiagramFormat
from workflows.career import drawing
from workflows.career.chains.build import build
from workflows.career.chains.diff import Change
from workflows.career.chains.spec import Approver, ChainSpec, Operator, Subject, parse_spec
from workflows.career.chains.validation import Problem
from workflows.career.definitions.guards import Quorum

strawberry.enum(
    Approver, name="ChainApprover", description="Who decides a stage of an approval chain."
)
strawberry.enum(
    Subject, name="ChainConditionSubject", description="What a stage's condition looks at."
)
strawberry.enum(Operator, name="ChainConditionOperator", description="How a condition compares.")
strawberry.enum(Quorum, name="CommitteeQuorum", description="How the committee decides.")
strawberry.enum(ChainStatus, description="A draft being edited, or a published version.")

__all__ = ["PositionKind"]


@strawberry.type(description="A condition on a stage: the subject compared with the values.")
class ChainCondition:
    subject: Subject
    operator: Operator
    values: list[str] = strawberry.field(
        description="Position kinds (ADMINISTRATOR), rank names (III_A) or an amount in rupiah."
    )


@strawberry.type(description="One stage of a chain, in order.")
class ChainStage:
    number: int = strawberry.field(description="1 for the first stage.")
    approver: Approver
    state: str = strawberry.field(description="The request state while at this stage.")
    position_id: strawberry.ID | None = strawberry.field(
        description="POSITION: the position whose holder decides (e.g. the Sekda)."
    )
    quorum: Quorum | None
    due_working_days: int
    may_return: bool
    only_when: list[ChainCondition] = strawberry.field(
        description="The stage applies only when every condition holds."
    )
    skip_when: list[ChainCondition] = strawberry.field(
        description="The stage is skipped when any condition holds."
    )


def stages_of(spec: ChainSpec) -> list[ChainStage]:
    def conds(items: Any) -> list[ChainCondition]:
        return [
            ChainCondition(subject=c.subject, operator=c.operator, values=list(c.values))
            for c in items
        ]

    return [
        ChainStage(
            number=n,
            approver=s.approver,
            state=s.state.value,
            position_id=(
                strawberry.ID(to_global_id("Position", s.position_id))
                if s.position_id is not None
                else None
            ),
            quorum=s.quorum,
            due_working_days=s.due_working_days,
            may_return=s.may_return,
            only_when=conds(s.only_when),
            skip_when=conds(s.skip_when),
        )
        for n, s in enumerate(spec.stages, start=1)
    ]


@strawberry.type(
    description="An agency's approval chain for one request kind: a version or the draft."
)
class ApprovalChain:
    kind: RequestKind
    version: int
    status: ChainStatus
    stages: list[ChainStage]
    edited_by: str
    published_by: str
    published_at: datetime | None
    agency_id: strawberry.Private[int]
    spec: strawberry.Private[ChainSpec]

    @strawberry.field(
        description="The chain with every stage drawn like a request's page (Mermaid or SVG)."
    )
    def drawing(self, format: DiagramFormat | None = None) -> str:
        definition = build(
            self.spec, agency_id=self.agency_id, kind=self.kind, version=self.version
        )
        if format is not None and format.value == "SVG":
            return drawing.to_svg(definition)
        return drawing.to_mermaid(definition)

    @classmethod
    def from_model(cls, row: ChainRow) -> ApprovalChain:
        spec = parse_spec(row.spec)
        return cls(
            agency_id=row.agency_id,
            spec=spec,
            kind=row.kind,
            version=row.version,
            status=row.status,
            stages=stages_of(spec),
            edited_by=row.edited_by,
            published_by=row.published_by,
            published_at=row.published_at,
        )


@strawberry.type(description="Why a chain cannot be published, in the caller's language.")
class ChainProblem:
    code: str = strawberry.field(description="Stable code, e.g. position_vacant.")
    stage: int = strawberry.field(description="The stage's number; 0 for the whole chain.")
    message: str

    @classmethod
    def of(cls, problem: Problem, info: Info) -> ChainProblem:
        return cls(
            code=problem.code, stage=problem.stage, message=problem.message(info.context.language)
        )


@strawberry.type(description="One difference between the draft and the published version.")
class ChainChange:
    approver: Approver
    change: str = strawberry.field(description="ADDED, REMOVED, MOVED or CHANGED.")
    field: str = strawberry.field(description="The stage's field that changed (CHANGED only).")
    before: str | None
    after: str | None

    @classmethod
    def of(cls, change: Change) -> ChainChange:
        text = lambda v: None if v is None else str(v)  # noqa: E731
        return cls(
            approver=Approver(change.approver),
            change=change.change,
            field=change.field,
            before=text(change.before),
            after=text(change.after),
        )


@strawberry.input(description="A condition on a stage.")
class ChainConditionInput:
    subject: Subject
    operator: Operator
    values: list[str]


@strawberry.input(description="One stage of a chain; stages are given in order.")
class ChainStageInput:
    approver: Approver
    position_id: strawberry.ID | None = None
    quorum: Quorum | None = None
    due_working_days: int = 5
    may_return: bool = True
    only_when: list[ChainConditionInput] = strawberry.field(default_factory=list)
    skip_when: list[ChainConditionInput] = strawberry.field(default_factory=list)


@strawberry.input(description="The draft chain of one request kind (replaces the draft).")
class SaveApprovalChainDraftInput:
    kind: RequestKind
    stages: list[ChainStageInput]


def to_spec(data: SaveApprovalChainDraftInput) -> dict[str, Any]:
    def conds(items: list[ChainConditionInput]) -> list[dict[str, Any]]:
        return [{"subject": c.subject, "operator": c.operator, "values": c.values} for c in items]

    return {
        "stages": [
            {
                "approver": s.approver,
                "position_id": (
                    pk_of(s.position_id, "Position", "positionId") if s.position_id else None
                ),
                "quorum": s.quorum,
                "due_working_days": s.due_working_days,
                "may_return": s.may_return,
                "only_when": conds(s.only_when),
                "skip_when": conds(s.skip_when),
            }
            for s in data.stages
        ]
    }
